package io.linkport.webhooks;

import io.linkport.common.Ids;
import io.linkport.events.Event;
import io.linkport.events.EventAppended;
import io.linkport.events.EventType;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox. {@link EventAppended} is published inside the transaction that
 * appended the event, so the delivery rows written here commit or roll back with the state change
 * itself: no delivery for a change that rolled back, no lost delivery for one that committed.
 * After the commit the local dispatcher is woken at once instead of waiting for its next poll.
 */
@Component
class WebhookOutbox {

    /** About webhooks themselves: never fanned out to "all events" endpoints, nor to the endpoint concerned. */
    static final Set<EventType> OPERATIONAL = Set.of(EventType.WEBHOOK_TEST, EventType.WEBHOOK_DELIVERY_FAILED,
            EventType.WEBHOOK_ENDPOINT_DISABLED);

    private final JdbcWebhookEndpointRepository endpoints;
    private final JdbcDeliveryRepository deliveries;
    private final WebhookDispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(JdbcWebhookEndpointRepository endpoints, JdbcDeliveryRepository deliveries, WebhookDispatcher dispatcher,
                  JsonMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void enqueue(EventAppended appended) {
        Event event = appended.event();
        Instant now = clock.instant();
        Object concerned = event.data().get("endpointId");
        String payload = null;  // serialized only when the event goes somewhere: most tenants' events go nowhere
        for (Subscription subscription : endpoints.subscriptions(event.tenantId(), event.mode())) {
            boolean wanted = event.type() == EventType.WEBHOOK_TEST
                    ? subscription.endpointId().equals(concerned)
                    : subscription.accepts(event.type().name()) && !subscription.endpointId().equals(concerned);
            if (wanted) {
                payload = payload != null ? payload : json.writeValueAsString(event.envelope());
                deliveries.insert(delivery(event, subscription.endpointId(), subscription.url(), payload, now));
            }
        }
        if (event.callbackUrl() != null && !OPERATIONAL.contains(event.type())) {
            payload = payload != null ? payload : json.writeValueAsString(event.envelope());
            deliveries.insert(delivery(event, null, event.callbackUrl(), payload, now));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void wakeDispatcher(EventAppended appended) {
        dispatcher.wake();
    }

    static WebhookDelivery delivery(Event event, String endpointId, String url, String payload, Instant now) {
        return new WebhookDelivery(Ids.prefixed("whd_"), event.tenantId(), event.mode(), event.id(), event.type().name(),
                endpointId, url, payload, WebhookDelivery.PENDING, 0, now, null, null, null, now, null);
    }
}
