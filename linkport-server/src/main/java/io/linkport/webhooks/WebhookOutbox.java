package io.linkport.webhooks;

import io.linkport.common.Ids;
import io.linkport.events.Event;
import io.linkport.events.EventAppended;
import io.linkport.events.EventType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox. {@link EventAppended} is published inside the transaction that
 * appended the event, so the delivery rows written here commit or roll back with the state change
 * itself: no delivery for a change that rolled back, no lost delivery for one that committed.
 * While the local dispatcher has room, a row is written already leased to this node and handed to
 * the dispatcher right after the commit, with the endpoint this transaction read to fan the
 * event out: no query for due deliveries, no claim, no read of the endpoint. Otherwise the
 * row is left for any node, and after the commit the dispatcher is woken to look for it instead
 * of waiting for its next poll. A commit that queued nothing (most events go nowhere) wakes nothing.
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

    /** Published in the transaction that queued at least one delivery for any node to claim. */
    record DeliveriesQueued() {
    }

    @EventListener
    void enqueue(EventAppended appended) {
        Event event = appended.event();
        Instant now = clock.instant();
        Object concerned = event.data().get("endpointId");
        String payload = null;  // serialized only when the event goes somewhere: most tenants' events go nowhere
        boolean leftForAnyNode = false;
        for (WebhookEndpoint endpoint : endpoints.subscriptions(event.tenantId(), event.mode())) {
            boolean wanted = event.type() == EventType.WEBHOOK_TEST
                    ? endpoint.id().equals(concerned)
                    : endpoint.accepts(event.type().name()) && !endpoint.id().equals(concerned);
            if (wanted) {
                payload = payload != null ? payload : json.writeValueAsString(event.envelope());
                leftForAnyNode |= !queue(delivery(event, endpoint.id(), endpoint.url(), payload, now), endpoint);
            }
        }
        if (event.callbackUrl() != null && !OPERATIONAL.contains(event.type())) {
            payload = payload != null ? payload : json.writeValueAsString(event.envelope());
            leftForAnyNode |= !queue(delivery(event, null, event.callbackUrl(), payload, now), null);
        }
        if (leftForAnyNode) {
            publisher.publishEvent(new DeliveriesQueued());
        }
    }

    /**
     * Writes the row leased to this node when the dispatcher has a slot for it: it is then sent
     * straight after the commit ({@link Leased}), signed with {@code endpoint} as this transaction
     * read it (null for a link's own callback URL). Otherwise the row is left for any node to claim
     * (false), and the dispatcher is woken after the commit to look for it.
     */
    private boolean queue(WebhookDelivery delivery, WebhookEndpoint endpoint) {
        if (TransactionSynchronizationManager.isSynchronizationActive() && dispatcher.reserve(delivery.destinationKey())) {
            Leased leased = (Leased) TransactionSynchronizationManager.getResource(this);
            if (leased == null) {
                leased = new Leased(dispatcher.leaseFrom(clock.instant()));
                TransactionSynchronizationManager.bindResource(this, leased);
                TransactionSynchronizationManager.registerSynchronization(leased);
            }
            deliveries.insertLeased(delivery, dispatcher.node(), leased.until);
            leased.deliveries.add(new WebhookDispatcher.Claimed(delivery, Optional.ofNullable(endpoint), leased.until));
            return true;
        }
        deliveries.insert(delivery);
        return false;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void wakeDispatcher(DeliveriesQueued queued) {
        dispatcher.wake();
    }

    /**
     * The rows one transaction wrote leased to this node, each holding a dispatcher slot: handed to
     * the dispatcher once they are committed, their slots given back if they never were. A crash in
     * between loses nothing: the leases lapse and any node sends the rows then, as after a claim.
     */
    private final class Leased implements TransactionSynchronization {
        private final Instant until;
        private final List<WebhookDispatcher.Claimed> deliveries = new ArrayList<>();

        private Leased(Instant until) {
            this.until = until;
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(WebhookOutbox.this);
            if (status == STATUS_COMMITTED) {
                dispatcher.handOver(deliveries);
            } else {
                dispatcher.release(deliveries.stream().map(WebhookDispatcher.Claimed::delivery).toList());
            }
        }
    }

    static WebhookDelivery delivery(Event event, String endpointId, String url, String payload, Instant now) {
        return new WebhookDelivery(Ids.prefixed("whd_"), event.tenantId(), event.mode(), event.id(), event.type().name(),
                endpointId, url, payload, WebhookDelivery.PENDING, 0, now, null, null, null, now, null);
    }
}
