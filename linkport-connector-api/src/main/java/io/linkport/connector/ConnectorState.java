package io.linkport.connector;

import java.util.Map;

/**
 * What a connector needs to continue later: a session token, an MFA transaction, OAuth tokens.
 * Linkport stores it encrypted and passes it back on the next call for the same login, which
 * may run on another node, so it must hold everything (no in-memory sessions).
 */
public record ConnectorState(Map<String, String> values) {

    public ConnectorState {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static ConnectorState empty() {
        return new ConnectorState(Map.of());
    }

    public String get(String key) {
        return values.get(key);
    }
}
