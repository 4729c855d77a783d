package io.linkport.webhooks;

import java.time.Instant;

/** One HTTP attempt of a delivery, as logged: status or error, duration, and up to 1 KB of the response. */
public record DeliveryAttempt(String id, String deliveryId, int attemptNumber, String node, Instant startedAt,
                              long durationMs, Integer statusCode, boolean success, String responseExcerpt, String error) {
}
