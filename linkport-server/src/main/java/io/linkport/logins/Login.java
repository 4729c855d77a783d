package io.linkport.logins;

import io.linkport.common.Mode;
import io.linkport.connector.AuthMethod;
import java.time.Instant;

/**
 * A saved connection to an institution for one end user of one tenant. Its secret is stored
 * sealed beside it and is not part of this record.
 */
public record Login(String id, String tenantId, Mode mode, String endUserId, String integrationId, AuthMethod authMethod,
                    LoginStatus status, boolean refreshEnabled, String lastError, Instant lastRefreshedAt,
                    Instant nextRefreshAt, Instant createdAt, Instant updatedAt) {
}
