package io.linkport.connector;

/** Renew a saved login from its stored session state (OAuth refresh token rotation). */
public record RefreshRequest(ConnectorState saved, ConnectorContext context) {
}
