package io.linkport.webhooks;

import io.linkport.common.Ids;
import io.linkport.tenants.ApiCaller;
import io.linkport.web.ApiException;
import io.linkport.web.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Reading the delivery log, and replaying a delivery. */
@Service
public class WebhookDeliveryService {

    private static final Set<String> STATUSES = Set.of(WebhookDelivery.PENDING, WebhookDelivery.SUCCEEDED,
            WebhookDelivery.FAILED, WebhookDelivery.CANCELED);

    private final JdbcDeliveryRepository deliveries;
    private final WebhookEndpointService endpoints;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    WebhookDeliveryService(JdbcDeliveryRepository deliveries, WebhookEndpointService endpoints, WebhookDispatcher dispatcher,
                           Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public List<WebhookDelivery> forEndpoint(ApiCaller caller, String endpointId, String status, Integer limit) {
        endpoints.get(caller, endpointId);
        if (status != null && !STATUSES.contains(status)) {
            throw ValidationException.of("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        if (limit != null && (limit < 1 || limit > 100)) {
            throw ValidationException.of("limit", "must be between 1 and 100");
        }
        return deliveries.byEndpoint(endpointId, caller.tenantId(), caller.mode(), status, limit == null ? 20 : limit);
    }

    public WebhookDelivery get(ApiCaller caller, String id) {
        return deliveries.find(id, caller.tenantId(), caller.mode())
                .orElseThrow(() -> ApiException.notFound("webhook_delivery_not_found", "No webhook delivery " + id + "."));
    }

    public List<DeliveryAttempt> attempts(WebhookDelivery delivery) {
        return deliveries.attempts(delivery.id());
    }

    /**
     * Sends the same event (same body, same {@code webhook-id}) to the same destination again, as a
     * new delivery with a fresh retry schedule; the original and its attempt log stay as they were.
     */
    @Transactional
    public WebhookDelivery replay(ApiCaller caller, String id) {
        WebhookDelivery original = get(caller, id);
        if (original.endpointId() != null) {
            WebhookEndpoint endpoint = endpoints.get(caller, original.endpointId());
            if (!endpoint.enabled()) {
                throw ApiException.conflict("webhook_endpoint_disabled", "Enable the endpoint before replaying to it.");
            }
        }
        Instant now = clock.instant();
        WebhookDelivery replay = new WebhookDelivery(Ids.prefixed("whd_"), original.tenantId(), original.mode(),
                original.eventId(), original.eventType(), original.endpointId(), original.url(), original.payload(),
                WebhookDelivery.PENDING, 0, now, null, null, original.id(), now, null);
        deliveries.insert(replay);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wake();
            }
        });
        return replay;
    }
}
