package io.linkport.connector;

import java.util.Map;

/** What an operation ended in. */
public sealed interface OperationResult {

    /**
     * Done. {@code data} is plain JSON values keyed as the resource documents it (its
     * {@link ResourceDescriptor#dataKey()} at the top); {@code session} replaces the previous
     * session state when the connector changed it (null: unchanged). Linkport passes the latest
     * session to the next operation of the same login — a connector may count or rotate in it
     * (the sandbox's {@code user_fail_second} counts operations this way).
     */
    record Success(Map<String, Object> data, ConnectorState session) implements OperationResult {
        public Success(Map<String, Object> data) {
            this(data, null);
        }
    }

    /** Refused or broken; {@code message} is safe to show the user and the tenant. */
    record Failure(FailureCode code, String message) implements OperationResult {
    }
}
