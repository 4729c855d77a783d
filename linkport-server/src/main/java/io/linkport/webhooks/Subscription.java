package io.linkport.webhooks;

import java.util.List;

/**
 * What the outbox needs of an enabled endpoint to fan an event out to it: its id, URL and event
 * types — read on every event, so without the secrets and timestamps of a full {@link WebhookEndpoint}.
 * {@code eventTypes} empty means every event type except the operational {@code WEBHOOK_*} ones.
 */
record Subscription(String endpointId, String url, List<String> eventTypes) {

    boolean accepts(String eventType) {
        if (eventTypes.isEmpty()) {
            return !eventType.startsWith("WEBHOOK_");
        }
        return eventTypes.contains(eventType);
    }
}
