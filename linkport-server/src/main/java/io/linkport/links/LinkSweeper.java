package io.linkport.links;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs on every node. Each link is moved by a conditional UPDATE on its current state, so when
 * several nodes sweep at once each link still expires (or fails) exactly once, with one event.
 */
@Component
public class LinkSweeper {

    private static final Logger log = LoggerFactory.getLogger(LinkSweeper.class);
    private static final int BATCH = 200;

    private final JdbcLinkRepository links;
    private final LinkLifecycle lifecycle;
    private final Clock clock;

    LinkSweeper(JdbcLinkRepository links, LinkLifecycle lifecycle, Clock clock) {
        this.links = links;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${linkport.links.sweep-millis:15000}", fixedDelayString = "${linkport.links.sweep-millis:15000}")
    void sweep() {
        sweepExpired();
        sweepLapsedLeases();
    }

    /** Non-terminal links whose time is up → expired (LINK_EXPIRED). Returns how many this node moved. */
    public int sweepExpired() {
        int moved = 0;
        for (String id : links.dueForExpiry(clock.instant(), BATCH)) {
            try {
                Link link = links.find(id).orElse(null);
                if (link != null && lifecycle.expire(link).isPresent()) {
                    moved++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not expire link {}", id, e);
            }
        }
        return moved;
    }

    /**
     * Runs whose node stopped renewing its lease (a crash or restart mid-login or mid-operation)
     * → failed with {@code INTERRUPTED}. Resuming is not attempted: a half-run write operation
     * cannot be known to have happened or not, so the tenant starts a new link.
     */
    public int sweepLapsedLeases() {
        int moved = 0;
        for (String id : lifecycle.lapsed(BATCH)) {
            try {
                if (lifecycle.failLapsed(id).isPresent()) {
                    moved++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not fail interrupted link {}", id, e);
            }
        }
        return moved;
    }
}
