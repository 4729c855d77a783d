package io.linkport.connector;

/**
 * An institution integration. Implementations must be thread-safe and keep no per-login state in
 * memory: whatever must survive between calls goes into the {@link ConnectorState} they return.
 * Calls may block (they run on their own thread); each should finish before
 * {@link ConnectorContext#deadline()} — Linkport stops waiting at that instant either way.
 */
public interface Connector {

    /** What this integration is and what it can do; published in the provider catalog. */
    IntegrationDescriptor descriptor();

    /**
     * Logs in with the credentials the user typed (for {@link AuthMethod#CREDENTIALS}).
     *
     * @return success with a session, an MFA challenge to put to the user, or a typed failure
     */
    LoginResult login(LoginRequest request);

    /** Continues a login that answered {@link LoginResult.MfaRequired}, with the user's answer. */
    LoginResult answerMfa(MfaAnswerRequest request);

    /** Runs one operation inside a logged-in session. Arguments were already validated against the schema. */
    OperationResult execute(OperationRequest request);

    /**
     * For {@link AuthMethod#OAUTH} integrations: where to send the user to authorize. Linkport
     * supplies its own one-time {@code state} and a PKCE (S256) challenge.
     */
    default AuthorizationRedirect beginAuthorization(AuthorizationStart start) {
        throw new UnsupportedOperationException(descriptor().id() + " does not use OAuth");
    }

    /** For {@link AuthMethod#OAUTH} integrations: exchanges the code the institution sent back. */
    default LoginResult completeAuthorization(AuthorizationCallback callback) {
        throw new UnsupportedOperationException(descriptor().id() + " does not use OAuth");
    }

    /**
     * Renews a saved login without the user (scheduled refresh). Credential integrations are
     * refreshed by logging in again, so the default refuses; OAuth integrations override this to
     * use (and rotate) their refresh token.
     */
    default LoginResult refresh(RefreshRequest request) {
        return new LoginResult.Failure(FailureCode.UNSUPPORTED, descriptor().id() + " cannot refresh without the user");
    }
}
