package io.linkport.logins;

import io.linkport.common.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * When a saved login is refreshed next: the next run of the configured cron expression (nightly
 * at 02:00 UTC by default) plus a fixed per-login offset within the spread window, so a night's
 * refreshes are spread out instead of hitting every institution at once.
 */
@Component
class RefreshSchedule {

    private final CronExpression cron;
    private final Duration spread;

    RefreshSchedule(LoginsProperties properties) {
        this.cron = CronExpression.parse(properties.refreshCron());
        this.spread = properties.refreshSpread();
    }

    Instant next(String loginId, Instant after) {
        ZonedDateTime run = cron.next(after.atZone(ZoneOffset.UTC));
        if (run == null) {
            throw new IllegalStateException("The refresh cron expression never fires again");
        }
        return run.toInstant().plus(offset(loginId));
    }

    Duration offset(String loginId) {
        long spreadSeconds = Math.max(1, spread.toSeconds());
        long hash = Long.parseUnsignedLong(Secrets.sha256Hex(loginId).substring(0, 15), 16);
        return Duration.ofSeconds(hash % spreadSeconds);
    }
}
