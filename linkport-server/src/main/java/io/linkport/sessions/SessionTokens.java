package io.linkport.sessions;

import io.linkport.links.LinkSettings;
import io.linkport.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;

/**
 * Renews session credentials. The credential keeps its value and gets a new expiry: requests the
 * widget has in flight with it stay valid, and an expired credential cannot be brought back.
 */
@Service
class SessionTokens {

    private final JdbcSessionRepository sessions;
    private final LinkSettings settings;
    private final SessionSnapshots snapshots;
    private final Clock clock;

    SessionTokens(JdbcSessionRepository sessions, LinkSettings settings, SessionSnapshots snapshots, Clock clock) {
        this.sessions = sessions;
        this.settings = settings;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    Instant renew(SessionCaller caller) {
        Instant now = clock.instant();
        // to the millisecond, as stored and read back: a response and a later read show the same instant
        Instant expiresAt = now.plus(settings.sessionLifetime()).truncatedTo(ChronoUnit.MILLIS);
        snapshots.forget(caller.tokenHash());  // its expiry would be the old one
        if (!sessions.renew(caller.tokenHash(), now, expiresAt)) {
            throw ApiException.unauthorized("session_expired", "The session has expired; open the link again.");
        }
        return expiresAt;
    }
}
