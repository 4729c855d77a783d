package io.linkport.sessions;

import java.time.Instant;

/**
 * The holder of a session credential ({@code Authorization: Bearer ses_…}): it may act on
 * {@code linkId} and nothing else. A controller method declaring it is authenticated by
 * {@link SessionCallerResolver}.
 */
public record SessionCaller(String token, String tokenHash, String linkId, Instant expiresAt) {

    @Override
    public String toString() {
        return "SessionCaller[linkId=" + linkId + "]";
    }
}
