package io.linkport.connector;

/** Why a login or an operation failed; stable names that reach tenants in errors and events. */
public enum FailureCode {
    /** Wrong username or password; the user may try again. */
    INVALID_CREDENTIALS(true),
    /** The MFA answer was wrong; the user may try again. */
    INVALID_MFA(true),
    /** The institution locked the account; the user must resolve it with the institution. */
    ACCOUNT_LOCKED(false),
    /** The institution is down or refused to answer. */
    INSTITUTION_UNAVAILABLE(false),
    /** The institution did not answer before the deadline. */
    TIMEOUT(false),
    /** The institution understood the request and refused it (a card it does not accept, say). */
    OPERATION_REJECTED(false),
    /** Something unexpected happened at the institution or in the connector. */
    INSTITUTION_ERROR(false),
    /** A saved login's credentials stopped working; the user must log in again. */
    REAUTHENTICATION_REQUIRED(false),
    /** The user declined at the institution (OAuth). */
    ACCESS_DENIED(false),
    /** The integration cannot do what was asked. */
    UNSUPPORTED(false);

    private final boolean userCanRetry;

    FailureCode(boolean userCanRetry) {
        this.userCanRetry = userCanRetry;
    }

    /** True when asking the user again (a new password, a new code) can succeed. */
    public boolean userCanRetry() {
        return userCanRetry;
    }
}
