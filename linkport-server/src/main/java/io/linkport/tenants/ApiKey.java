package io.linkport.tenants;

import io.linkport.common.Mode;
import java.time.Instant;

/** A stored API key: never the secret, only its hash and a short hint to recognise it by. */
public record ApiKey(String id, String tenantId, Kind kind, Mode mode, String hint, String label,
                     Instant createdAt, Instant revokedAt) {

    public enum Kind { TENANT, ADMIN }

    public boolean active() {
        return revokedAt == null;
    }
}
