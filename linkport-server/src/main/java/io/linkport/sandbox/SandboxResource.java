package io.linkport.sandbox;

import io.linkport.connector.FailureCode;
import io.linkport.connector.OperationResult;
import io.linkport.connector.ResourceDescriptor;
import java.util.Map;

/**
 * One kind of sandbox data ({@code paystubs}, {@code paymentMethod}): its catalog entry and how
 * to read (and, for writable resources, change) it for an account. Reads return plain JSON
 * values under the descriptor's data key; a write answers the resource as it is after the change.
 */
interface SandboxResource {

    ResourceDescriptor descriptor();

    default String name() {
        return descriptor().name();
    }

    Map<String, Object> read(SandboxAccount account);

    /** Arguments were already validated against the write schema; the rest is checked here. */
    default OperationResult write(SandboxAccount account, Map<String, Object> arguments) {
        return new OperationResult.Failure(FailureCode.UNSUPPORTED, name() + " cannot be written");
    }
}
