package io.linkport.links;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tunables of links and sessions ({@code linkport.links.*}).
 *
 * @param defaultExpiry     how long a link stays claimable when {@code expiresIn} is not given (seed 002: 4 hours)
 * @param maxExpiry         the largest {@code expiresIn} accepted
 * @param sessionLifetime   how long a session credential lives between renewals
 * @param connectorTimeout  the deadline of each connector call
 * @param lease             how long a run stays owned by its node without a heartbeat
 * @param loginAttempts     wrong passwords (and, separately, wrong MFA answers) before the link fails
 * @param progressDelay     how long a run's progress (its login succeeded, an operation completed)
 *                          may wait to be written with the run's next change; zero writes each step
 *                          at once
 */
@ConfigurationProperties("linkport.links")
public record LinkSettings(Duration defaultExpiry, Duration maxExpiry, Duration sessionLifetime,
                           Duration connectorTimeout, Duration lease, Integer loginAttempts,
                           Duration progressDelay) {

    public LinkSettings {
        defaultExpiry = defaultExpiry == null ? Duration.ofHours(4) : defaultExpiry;
        maxExpiry = maxExpiry == null ? Duration.ofDays(30) : maxExpiry;
        sessionLifetime = sessionLifetime == null ? Duration.ofMinutes(15) : sessionLifetime;
        connectorTimeout = connectorTimeout == null ? Duration.ofSeconds(30) : connectorTimeout;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        loginAttempts = loginAttempts == null ? 3 : loginAttempts;
        progressDelay = progressDelay == null ? Duration.ofMillis(200) : progressDelay;
        if (progressDelay.isNegative()) {
            throw new IllegalArgumentException("linkport.links.progress-delay must not be negative");
        }
    }
}
