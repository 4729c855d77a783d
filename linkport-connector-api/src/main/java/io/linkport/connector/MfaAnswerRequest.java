package io.linkport.connector;

/** An answer to a challenge, with the state {@link LoginResult.MfaRequired} left behind. */
public record MfaAnswerRequest(MfaAnswer answer, ConnectorState pending, ConnectorContext context) {
}
