package io.linkport.sandbox;

/** What a token request answers (RFC 6749 section 5.1), plus whose tokens they are. */
record SandboxTokens(String accessToken, String refreshToken, long expiresIn, String scope, String username) {

    @Override
    public String toString() {
        return "SandboxTokens[username=" + username + "]";
    }
}
