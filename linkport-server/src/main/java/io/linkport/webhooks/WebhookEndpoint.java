package io.linkport.webhooks;

import io.linkport.common.Mode;
import java.time.Instant;
import java.util.List;

/**
 * A destination a tenant registered. {@code eventTypes} empty means every event type (except the
 * operational {@code WEBHOOK_*} events, which go only to endpoints that name them). The secret
 * columns are encrypted and never leave {@link WebhookEndpointService} except as signatures.
 */
public record WebhookEndpoint(String id, String tenantId, Mode mode, String url, String description,
                              List<String> eventTypes, boolean enabled, String disabledReason,
                              String secretEncrypted, String previousSecretEncrypted, Instant previousExpiresAt,
                              Instant failingSince, Instant createdAt, Instant updatedAt) {

    /** Whether an event of {@code eventType} is fanned out to this endpoint by its event types. */
    boolean accepts(String eventType) {
        if (eventTypes.isEmpty()) {
            return !eventType.startsWith("WEBHOOK_");
        }
        return eventTypes.contains(eventType);
    }
}
