package io.linkport.sessions;

import io.linkport.links.SessionLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Each session's link as this node last wrote it, from the claim until the login begins, so that
 * the widget's two steps in between (consent, then credentials) need not read the session and its
 * link back first: that read was two of a link run's statements.
 * <p>
 * A snapshot is a guess, never an answer. Every write a step makes is conditional on the state the
 * step assumed, and a step that the snapshot would refuse, or whose write finds the link changed,
 * runs again on the link as read then ({@link SessionService#onLatest}). On several nodes, where
 * another node may have moved the link on, a stale snapshot therefore costs one read more, and the
 * caller gets the answer a fresh read would have given. What a snapshot may get wrong unnoticed is
 * only the session's expiry in a response, and only earlier than it is: an expiry only ever moves
 * later (a renewal), a renewal on this node forgets the snapshot, and an expired snapshot is not
 * used.
 */
@Component
class SessionSnapshots {

    /** Sessions between their claim and their login; enough for thousands of widgets open at once. */
    static final int CAPACITY = 4096;
    private static final long PURGE_INTERVAL_MS = 1000;

    private final Map<String, SessionLink> byTokenHash = new ConcurrentHashMap<>();
    private final AtomicLong lastPurgeMs = new AtomicLong();
    private final Clock clock;
    private final Counter used;
    private final Counter refused;

    SessionSnapshots(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.used = Counter.builder("linkport.sessions.snapshots").tag("outcome", "used")
                .description("Session steps taken on this node's snapshot of the link, without reading it").register(meters);
        this.refused = Counter.builder("linkport.sessions.snapshots").tag("outcome", "refused")
                .description("Session steps that a snapshot could not take, taken again on the link read then").register(meters);
    }

    /**
     * Keeps {@code session} for its credential's hash. When full, sessions past their expiry make
     * room; if none are, the session is simply not kept (its steps then read it, as without this).
     */
    void remember(String tokenHash, SessionLink session) {
        if (byTokenHash.size() >= CAPACITY && !byTokenHash.containsKey(tokenHash)) {
            purgeExpired();
            if (byTokenHash.size() >= CAPACITY) {
                return;
            }
        }
        byTokenHash.put(tokenHash, session);
    }

    /** The session as this node last wrote it, unless none is kept or its credential has expired since. */
    Optional<SessionLink> recall(String tokenHash) {
        SessionLink session = byTokenHash.get(tokenHash);
        if (session == null) {
            return Optional.empty();
        }
        if (!session.sessionExpiresAt().isAfter(clock.instant())) {
            byTokenHash.remove(tokenHash, session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    void forget(String tokenHash) {
        byTokenHash.remove(tokenHash);
    }

    void used() {
        used.increment();
    }

    void refused() {
        refused.increment();
    }

    int size() {
        return byTokenHash.size();
    }

    /** At most once a second, so a full map of live sessions costs a claim nothing but a size check. */
    private void purgeExpired() {
        long nowMs = clock.millis();
        long last = lastPurgeMs.get();
        if (nowMs - last < PURGE_INTERVAL_MS || !lastPurgeMs.compareAndSet(last, nowMs)) {
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        byTokenHash.values().removeIf(session -> !session.sessionExpiresAt().isAfter(now));
    }
}
