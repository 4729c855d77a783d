package io.linkport.connector;

/** What a login step ended in. */
public sealed interface LoginResult {

    /**
     * Logged in.
     *
     * @param session   what {@link Connector#execute} needs for this session
     * @param accountId the institution's stable id for this account (the same for every login
     *                  of the same person); lets Linkport recognise a saved login
     */
    record Success(ConnectorState session, String accountId) implements LoginResult {
    }

    /**
     * The institution asks for more: put {@code challenge} to the user, then call
     * {@link Connector#answerMfa} with their answer and {@code pending}.
     */
    record MfaRequired(MfaChallenge challenge, ConnectorState pending) implements LoginResult {
    }

    /** Refused; {@code message} is safe to show the user. */
    record Failure(FailureCode code, String message) implements LoginResult {
    }
}
