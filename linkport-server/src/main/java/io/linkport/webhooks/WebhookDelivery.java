package io.linkport.webhooks;

import io.linkport.common.Mode;
import java.time.Instant;

/**
 * One outbox row: an event on its way to one destination (a registered endpoint, or the link's
 * own callback URL when {@code endpointId} is null). {@code payload} is the exact body sent on
 * every attempt; {@code eventId} is the {@code webhook-id} header on every attempt.
 */
public record WebhookDelivery(String id, String tenantId, Mode mode, String eventId, String eventType, String endpointId,
                              String url, String payload, String status, int attemptCount, Instant nextAttemptAt,
                              Integer lastStatusCode, String lastError, String replayOf, Instant createdAt,
                              Instant completedAt) {

    static final String PENDING = "pending";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELED = "canceled";

    /** What per-destination concurrency is counted against. */
    String destinationKey() {
        return endpointId != null ? endpointId : "url:" + url;
    }
}
