package io.linkport.connector;

import java.util.Map;

/**
 * One operation within a logged-in session.
 *
 * @param arguments already validated against the action's schema; plain JSON values
 *                  (String, Number, Boolean, List, Map, null)
 */
public record OperationRequest(String resource, String action, Map<String, Object> arguments,
                               ConnectorState session, ConnectorContext context) {

    public OperationRequest {
        arguments = arguments == null ? Map.of() : arguments;
    }

    /** Never prints the arguments: they may hold card numbers. */
    @Override
    public String toString() {
        return "OperationRequest[" + resource + "." + action + "]";
    }
}
