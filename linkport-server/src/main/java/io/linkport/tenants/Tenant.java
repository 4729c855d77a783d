package io.linkport.tenants;

import java.time.Instant;

/** An organisation using Linkport. {@code publicClientId} identifies it in browser-facing URLs. */
public record Tenant(String id, String name, String publicClientId, Instant createdAt) {
}
