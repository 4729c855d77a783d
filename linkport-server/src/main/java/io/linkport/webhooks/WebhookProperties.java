package io.linkport.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook delivery settings ({@code linkport.webhooks.*}, or {@code LINKPORT_WEBHOOKS_*}).
 *
 * @param retrySchedule          the delay before each retry; its length is the number of retries
 *                               (default Svix's: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)
 * @param requestTimeout         how long a receiver has to answer 2xx (default 15 s)
 * @param leaseDuration          how long a claimed delivery stays with its node; longer than the
 *                               request timeout, so a live node never loses a delivery it is sending
 * @param pollInterval           how often an idle dispatcher looks for due deliveries
 * @param batchSize              how many due deliveries a dispatcher looks at per poll
 * @param maxConcurrency         deliveries claimed and not yet recorded per node (being sent, waiting
 *                               their turn behind their destination's requests, or being recorded)
 * @param perEndpointConcurrency requests in flight per destination per node (as many more may wait
 *                               claimed, to go out the moment one is answered), so one slow receiver
 *                               cannot take every slot
 * @param disableAfter           an endpoint failing without a single success for this long is disabled
 * @param rotationOverlap        default time both the old and the new secret sign after a rotation
 */
@ConfigurationProperties("linkport.webhooks")
public record WebhookProperties(List<Duration> retrySchedule, Duration requestTimeout, Duration leaseDuration,
                                Duration pollInterval, Integer batchSize, Integer maxConcurrency,
                                Integer perEndpointConcurrency, Duration disableAfter, Duration rotationOverlap) {

    public static final List<Duration> SVIX_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    public WebhookProperties {
        retrySchedule = retrySchedule == null || retrySchedule.isEmpty() ? SVIX_SCHEDULE : List.copyOf(retrySchedule);
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
        leaseDuration = leaseDuration == null ? requestTimeout.multipliedBy(2).plusSeconds(10) : leaseDuration;
        if (leaseDuration.compareTo(requestTimeout.plusSeconds(1)) < 0) {
            throw new IllegalStateException("linkport.webhooks.lease-duration must exceed request-timeout by at least 1 s");
        }
        pollInterval = pollInterval == null ? Duration.ofMillis(50) : pollInterval;
        batchSize = batchSize == null ? 100 : batchSize;
        maxConcurrency = maxConcurrency == null ? 128 : maxConcurrency;
        perEndpointConcurrency = perEndpointConcurrency == null ? 8 : perEndpointConcurrency;
        disableAfter = disableAfter == null ? Duration.ofDays(5) : disableAfter;
        rotationOverlap = rotationOverlap == null ? Duration.ofHours(24) : rotationOverlap;
    }
}
