package io.linkport.connector;

/**
 * The institution sent the user back with a code (or an error).
 *
 * @param code         the authorization code, null when {@code error} is set
 * @param error        the OAuth error code the institution returned, if any
 * @param codeVerifier the PKCE verifier matching the challenge sent at the start
 */
public record AuthorizationCallback(String code, String error, String codeVerifier, String redirectUri,
                                    ConnectorState pending, ConnectorContext context) {

    @Override
    public String toString() {
        return "AuthorizationCallback[error=" + error + "]";
    }
}
