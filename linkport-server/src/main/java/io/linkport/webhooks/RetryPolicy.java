package io.linkport.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again. The n-th retry waits the n-th entry of the schedule (exponential, like
 * Svix's), ±20% jitter so a receiver that comes back is not hit by every queued delivery at the
 * same instant. A receiver's {@code Retry-After} (seconds or an HTTP date, capped at one day)
 * replaces the scheduled delay: it knows best when it can take traffic again. The number of
 * retries is the schedule's length either way.
 */
final class RetryPolicy {

    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final List<Duration> schedule;

    RetryPolicy(List<Duration> schedule) {
        this.schedule = List.copyOf(schedule);
    }

    /** The next attempt after {@code failedAttempts} failures, or empty when the schedule is exhausted. */
    Optional<Instant> next(int failedAttempts, String retryAfter, Instant now) {
        if (failedAttempts > schedule.size()) {
            return Optional.empty();
        }
        Optional<Duration> asked = parseRetryAfter(retryAfter, now);
        if (asked.isPresent()) {
            return Optional.of(now.plus(asked.get()));
        }
        long base = schedule.get(failedAttempts - 1).toMillis();
        long jitter = base == 0 ? 0 : ThreadLocalRandom.current().nextLong(-base / 5, base / 5 + 1);
        return Optional.of(now.plusMillis(base + jitter));
    }

    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Duration delay;
        try {
            delay = Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                delay = Duration.between(now, ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        return Optional.of(delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay);
    }
}
