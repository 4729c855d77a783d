package io.linkport.sandbox;

import io.linkport.connector.AuthMethod;
import java.util.List;

/**
 * One simulated institution, as data: the catalog entry plus how it behaves.
 *
 * @param resources the names of the {@link SandboxResource}s it offers
 * @param slow      true for the benchmark institution that adds
 *                  {@code linkport.sandbox.slow-institution-latency} to every call
 * @param orderKind what its orders contain ({@code food} or {@code goods}); null when it has none
 */
record SandboxInstitution(String id, String name, String category, AuthMethod authMethod, List<String> resources,
                          boolean slow, String orderKind) {

    boolean oauth() {
        return authMethod == AuthMethod.OAUTH;
    }
}
