package io.linkport.users;

import io.linkport.common.Mode;
import java.time.Instant;

/**
 * An end user of a tenant (seed 001's user), in the mode of the key that created it.
 * {@code id} is Linkport's ({@code <tenantId>-<32 hex>}); {@code externalUserId} is the tenant's
 * own id for the same person, unique per tenant and mode. Only live users are handed out.
 */
public record EndUser(String id, String tenantId, Mode mode, String externalUserId, String name, String email,
                      String phone, Instant createdAt) {
}
