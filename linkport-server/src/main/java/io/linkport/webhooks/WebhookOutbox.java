package io.linkport.webhooks;

import io.linkport.common.Ids;
import io.linkport.events.Event;
import io.linkport.events.EventAppended;
import io.linkport.events.EventType;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox. {@link EventAppended} is published inside the transaction that
 * appended the event, so the delivery rows written here commit or roll back with the state change
 * itself: no delivery for a change that rolled back, no lost delivery for one that committed.
 * After a commit that queued deliveries the local dispatcher is woken at once instead of waiting
 * for its next poll; a commit that queued none (most events go nowhere) does not wake it, since a
 * wake costs the database a query for due deliveries.
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
    private final ApplicationEventPublisher publisher;

    WebhookOutbox(JdbcWebhookEndpointRepository endpoints, JdbcDeliveryRepository deliveries, WebhookDispatcher dispatcher,
                  JsonMapper json, Clock clock, ApplicationEventPublisher publisher) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** Published in the transaction that queued at least one delivery. */
    record DeliveriesQueued() {
    }

    @EventListener
    void enqueue(EventAppended appended) {
        Event event = appended.event();
        Instant now = clock.instant();
        Object concerned = event.data().get("endpointId");
        String payload = null;  // serialized only when the event goes somewhere: most tenants' events go nowhere
        int queued = 0;
        for (Subscription subscription : endpoints.subscriptions(event.tenantId(), event.mode())) {
            boolean wanted = event.type() == EventType.WEBHOOK_TEST
                    ? subscription.endpointId().equals(concerned)
                    : subscription.accepts(event.type().name()) && !subscription.endpointId().equals(concerned);
            if (wanted) {
                payload = payload != null ? payload : json.writeValueAsString(event.envelope());
                deliveries.insert(delivery(event, subscription.endpointId(), subscription.url(), payload, now));
                queued++;
            }
        }
        if (event.callbackUrl() != null && !OPERATIONAL.contains(event.type())) {
            payload = payload != null ? payload : json.writeValueAsString(event.envelope());
            deliveries.insert(delivery(event, null, event.callbackUrl(), payload, now));
            queued++;
        }
        if (queued > 0) {
            publisher.publishEvent(new DeliveriesQueued());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void wakeDispatcher(DeliveriesQueued queued) {
        dispatcher.wake();
    }

    static WebhookDelivery delivery(Event event, String endpointId, String url, String payload, Instant now) {
        return new WebhookDelivery(Ids.prefixed("whd_"), event.tenantId(), event.mode(), event.id(), event.type().name(),
                endpointId, url, payload, WebhookDelivery.PENDING, 0, now, null, null, null, now, null);
    }
}
