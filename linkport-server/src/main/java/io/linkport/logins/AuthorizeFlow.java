package io.linkport.logins;

import io.linkport.common.Mode;
import java.time.Instant;

/**
 * A hosted login in progress, opened by {@code GET /v1/OAuth/Authorize} (a custom integration
 * that wants the user back on its {@code redirect_uri}) or {@code GET /v1/connect} (the Connect
 * iframe). {@code clientState} is the tenant's {@code state}, returned unchanged.
 */
record AuthorizeFlow(String id, String tenantId, Mode mode, Origin origin, String integrationId, String redirectUri,
                     String clientState, String endUserId, String updateLoginId, String language, Status status,
                     int attemptsLeft, String loginId, String error, Instant createdAt, Instant expiresAt) {

    enum Origin { OAUTH_AUTHORIZE, CONNECT }

    /** OPEN: choose or log in; MFA: answer; OAUTH: at the institution; WORKING: a step is running. */
    enum Status { OPEN, MFA, OAUTH, WORKING, COMPLETED, FAILED }

    boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED;
    }

    boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
