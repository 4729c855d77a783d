package io.linkport.logins;

import java.time.Instant;

/**
 * One {@code POST /v1/Authorize}: its {@code RequestId}, whether it answered from cache, and the
 * data snapshot it opened (null while an MFA challenge is pending).
 */
record AuthorizeRequest(String id, String loginId, String tenantId, Status status, boolean cached, boolean save,
                    String snapshotId, Instant createdAt, Instant expiresAt) {

    enum Status { MFA_REQUIRED, COMPLETED, FAILED }
}
