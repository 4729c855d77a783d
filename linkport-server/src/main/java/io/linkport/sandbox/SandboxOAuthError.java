package io.linkport.sandbox;

/** An OAuth 2.0 error from the sandbox authorization server ({@code invalid_grant}, …). */
class SandboxOAuthError extends RuntimeException {

    private final String error;

    SandboxOAuthError(String error, String description) {
        super(description);
        this.error = error;
    }

    String error() {
        return error;
    }
}
