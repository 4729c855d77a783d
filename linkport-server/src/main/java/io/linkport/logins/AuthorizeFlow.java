package io.linkport.logins;

import io.linkport.common.Mode;
import java.time.Instant;

/**
 * A login being made for a saved login, opened by {@code GET /v1/OAuth/Authorize} (a custom
 * integration that wants the user back on its {@code redirect_uri}), {@code GET /v1/connect} (the
 * Connect iframe) or an authorize token given to the SDK. Credential logins run in the hosted
 * widget on the session link {@code linkId}; OAuth institutions reached by /OAuth/Authorize go
 * straight to the institution. {@code clientState} is the tenant's {@code state}, returned unchanged.
 */
record AuthorizeFlow(String id, String tenantId, Mode mode, Origin origin, String integrationId, String redirectUri,
                     String clientState, String endUserId, String updateLoginId, String language, Status status,
                     int attemptsLeft, String loginId, String error, Instant createdAt, Instant expiresAt, String linkId) {

    enum Origin { OAUTH_AUTHORIZE, CONNECT, SDK }

    /** OPEN: in the widget; OAUTH: at the institution; WORKING: the OAuth code is being exchanged. */
    enum Status { OPEN, MFA, OAUTH, WORKING, COMPLETED, FAILED }

    boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED;
    }

    boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
