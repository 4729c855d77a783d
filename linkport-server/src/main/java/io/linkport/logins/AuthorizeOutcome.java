package io.linkport.logins;

import io.linkport.connector.MfaChallenge;
import java.time.Instant;

/**
 * What {@code POST /v1/Authorize} answered: authenticated (a request id opens the data) or an
 * MFA challenge the user must answer through a follow-up call with the same request id.
 */
record AuthorizeOutcome(String requestId, Login login, String institution, MfaChallenge challenge, Instant lastRefresh) {

    boolean mfaRequired() {
        return challenge != null;
    }
}
