package io.linkport.webhooks;

import io.linkport.tenants.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log: deliveries per endpoint, one delivery with its attempts, and replay. */
@RestController
@Tag(name = "Webhooks")
class WebhookDeliveryController {

    private final WebhookDeliveryService deliveries;

    WebhookDeliveryController(WebhookDeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    record AttemptView(int attempt, String node, Instant startedAt, long durationMs, Integer statusCode, boolean success,
                       String responseExcerpt, String error) {
    }

    record DeliveryView(String id, String eventId, String eventType, String endpointId, String url, String status,
                        int attemptCount, Instant nextAttemptAt, Integer lastStatusCode, String lastError, String replayOf,
                        Instant createdAt, Instant completedAt, List<AttemptView> attempts) {

        static DeliveryView of(WebhookDelivery d, List<DeliveryAttempt> attempts) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.endpointId(), d.url(), d.status(), d.attemptCount(),
                    WebhookDelivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null, d.lastStatusCode(), d.lastError(),
                    d.replayOf(), d.createdAt(), d.completedAt(), attempts == null ? null : attempts.stream()
                            .map(a -> new AttemptView(a.attemptNumber(), a.node(), a.startedAt(), a.durationMs(), a.statusCode(),
                                    a.success(), a.responseExcerpt(), a.error())).toList());
        }
    }

    record DeliveryList(List<DeliveryView> data) {
    }

    @GetMapping(value = "/v1/webhook_endpoints/{id}/deliveries", produces = "application/json")
    @Operation(summary = "An endpoint's deliveries, newest first; filter by status, limit up to 100")
    DeliveryList forEndpoint(ApiCaller caller, @PathVariable String id, @RequestParam(required = false) String status,
                             @RequestParam(required = false) Integer limit) {
        return new DeliveryList(deliveries.forEndpoint(caller, id, status, limit).stream()
                .map(d -> DeliveryView.of(d, null)).toList());
    }

    @GetMapping(value = "/v1/webhook_deliveries/{id}", produces = "application/json")
    @Operation(summary = "A delivery with every attempt (status, duration, response excerpt, error)")
    DeliveryView get(ApiCaller caller, @PathVariable String id) {
        WebhookDelivery delivery = deliveries.get(caller, id);
        return DeliveryView.of(delivery, deliveries.attempts(delivery));
    }

    @PostMapping(value = "/v1/webhook_deliveries/{id}/replay", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a delivery's event to its destination again (same webhook-id, fresh retry schedule)")
    DeliveryView replay(ApiCaller caller, @PathVariable String id) {
        return DeliveryView.of(deliveries.replay(caller, id), null);
    }
}
