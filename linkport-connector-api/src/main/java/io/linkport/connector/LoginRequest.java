package io.linkport.connector;

import java.util.Map;

/**
 * A credential login.
 *
 * @param credentials the values of the descriptor's {@link CredentialField}s, by name
 */
public record LoginRequest(Map<String, String> credentials, ConnectorContext context) {

    public LoginRequest {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /** Never prints the credentials. */
    @Override
    public String toString() {
        return "LoginRequest[fields=" + credentials.keySet() + ", context=" + context + "]";
    }
}
