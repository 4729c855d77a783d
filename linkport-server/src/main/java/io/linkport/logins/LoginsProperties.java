package io.linkport.logins;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Saved-login settings ({@code linkport.logins.*}).
 *
 * @param refreshCron   when the scheduled refresh cycle starts (Spring cron, UTC); nightly at 02:00 by default
 * @param refreshSpread how far after the cycle start the refreshes are spread
 * @param refreshPoll   how often each node looks for due logins
 * @param refreshLease  how long a node may hold a login it is refreshing before another may take it
 * @param refreshBatch  how many due logins a node claims per poll
 * @param flowLifetime  how long a hosted login (OAuth/Authorize, connect) stays open
 */
@ConfigurationProperties("linkport.logins")
public record LoginsProperties(String refreshCron, Duration refreshSpread, Duration refreshPoll, Duration refreshLease,
                               Integer refreshBatch, Duration flowLifetime) {

    public LoginsProperties {
        refreshCron = refreshCron == null || refreshCron.isBlank() ? "0 0 2 * * *" : refreshCron;
        refreshSpread = refreshSpread == null ? Duration.ofHours(4) : refreshSpread;
        refreshPoll = refreshPoll == null ? Duration.ofMinutes(1) : refreshPoll;
        refreshLease = refreshLease == null ? Duration.ofMinutes(5) : refreshLease;
        refreshBatch = refreshBatch == null ? 20 : refreshBatch;
        flowLifetime = flowLifetime == null ? Duration.ofMinutes(30) : flowLifetime;
    }
}
