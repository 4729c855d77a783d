package io.linkport.webhooks;

import io.linkport.common.Ids;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes one attempt of one claimed delivery: picks the destination and its secrets, signs per
 * Standard Webhooks, posts through the {@link SafeHttpClient}, and records the attempt and the
 * delivery's next state in one transaction — together with the operational event, when the
 * attempt exhausts the schedule or disables the endpoint. Successes, the bulk of the traffic, are
 * recorded through the {@link SuccessRecorder}, many to a commit.
 */
@Component
class DeliveryWorker implements AutoCloseable {

    private final JdbcDeliveryRepository deliveries;
    private final JdbcWebhookEndpointRepository endpoints;
    private final WebhookEndpointService endpointService;
    private final LinkWebhookSecretService linkSecrets;
    private final WebhookUrlPolicy urlPolicy;
    private final EventLog eventLog;
    private final TransactionTemplate tx;
    private final WebhookProperties properties;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private volatile Clients clients;
    private final SuccessRecorder successes;

    DeliveryWorker(JdbcDeliveryRepository deliveries, JdbcWebhookEndpointRepository endpoints,
                   WebhookEndpointService endpointService, LinkWebhookSecretService linkSecrets, WebhookUrlPolicy urlPolicy,
                   EventLog eventLog, TransactionTemplate tx, WebhookProperties properties, Clock clock,
                   SuccessRecorder successes) {
        this.deliveries = deliveries;
        this.successes = successes;
        this.endpoints = endpoints;
        this.endpointService = endpointService;
        this.linkSecrets = linkSecrets;
        this.urlPolicy = urlPolicy;
        this.eventLog = eventLog;
        this.tx = tx;
        this.properties = properties;
        this.retryPolicy = new RetryPolicy(properties.retrySchedule());
        this.clock = clock;
    }

    /** The strict and the sandbox client. */
    private record Clients(SafeHttpClient strict, SafeHttpClient sandbox) {
    }

    /**
     * Made on the first delivery, not while the server starts: building them (Apache HttpClient's
     * classes, two connection pools) took about 60 ms of the start's main thread.
     */
    private Clients clients() {
        Clients made = clients;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (clients == null) {
                clients = new Clients(
                        SafeHttpClient.create(AddressPolicy.STRICT, properties.requestTimeout(), properties.maxConcurrency()),
                        SafeHttpClient.create(AddressPolicy.SANDBOX, properties.requestTimeout(), properties.maxConcurrency()));
            }
            return clients;
        }
    }

    /**
     * One attempt of a delivery this node has claimed; {@code endpoint} is its endpoint as read right
     * after the claim (empty when it was deleted, or when the delivery goes to a link's own callback URL).
     * {@code answered} runs once the receiver has answered (or failed to), before the outcome is recorded.
     */
    void deliver(WebhookDelivery delivery, Optional<WebhookEndpoint> endpoint, String node, Runnable answered) {
        Instant started = clock.instant();
        if (delivery.endpointId() != null && (endpoint.isEmpty() || !endpoint.get().enabled())) {
            deliveries.finish(delivery, node, WebhookDelivery.CANCELED, false, null, null,
                    endpoint.isEmpty() ? "endpoint deleted" : "endpoint disabled", started);
            return;
        }
        String url = endpoint.map(WebhookEndpoint::url).orElse(delivery.url());
        List<String> secrets = endpoint.isPresent()
                ? endpointService.signingSecrets(endpoint.get(), started)
                : linkSecrets.signingSecrets(delivery.tenantId(), delivery.mode(), started);
        long timestamp = started.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", delivery.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigner.header(secrets, delivery.eventId(), timestamp, delivery.payload()));
        Clients made = clients();
        SafeHttpClient client = urlPolicy.forMode(delivery.mode()).strict() ? made.strict() : made.sandbox();
        SafeHttpClient.Result result = client.post(url, headers, delivery.payload());
        answered.run();
        if (result.success()) {
            // the common case: committed together with other workers' successes (one commit for many)
            boolean endpointFailing = endpoint.map(WebhookEndpoint::failingSince).isPresent();
            successes.record(new JdbcDeliveryRepository.SucceededAttempt(delivery, node, result.status()),
                    attempt(delivery, node, started, result), endpointFailing);
            return;
        }
        tx.executeWithoutResult(status -> recordFailure(delivery, endpoint.orElse(null), node, started, result));
    }

    private static DeliveryAttempt attempt(WebhookDelivery delivery, String node, Instant started, SafeHttpClient.Result result) {
        return new DeliveryAttempt(Ids.prefixed("wha_"), delivery.id(), delivery.attemptCount() + 1, node, started,
                result.durationMillis(), result.status(), result.success(), result.excerpt(), result.error());
    }

    /** A failed attempt: retry later, fail for good, or disable the endpoint. */
    private void recordFailure(WebhookDelivery delivery, WebhookEndpoint endpoint, String node, Instant started,
                        SafeHttpClient.Result result) {
        int number = delivery.attemptCount() + 1;
        deliveries.insertAttempt(attempt(delivery, node, started, result));
        Instant now = clock.instant();
        String error = result.error() != null ? result.error() : "HTTP " + result.status();
        if (endpoint != null && Integer.valueOf(410).equals(result.status())) {
            deliveries.finish(delivery, node, WebhookDelivery.FAILED, true, null, result.status(), error, now);
            disable(endpoint, "receiver answered 410 Gone", now);
            return;
        }
        if (endpoint != null) {
            endpoints.markFailing(endpoint.id(), now);
            Instant failingSince = endpoint.failingSince() == null ? now : endpoint.failingSince();
            if (Duration.between(failingSince, now).compareTo(properties.disableAfter()) >= 0) {
                deliveries.finish(delivery, node, WebhookDelivery.FAILED, true, null, result.status(), error, now);
                disable(endpoint, "failing continuously since " + failingSince, now);
                return;
            }
        }
        Optional<Instant> next = Integer.valueOf(410).equals(result.status()) ? Optional.empty()
                : retryPolicy.next(number, result.retryAfter(), now);
        if (next.isPresent()) {
            deliveries.finish(delivery, node, WebhookDelivery.PENDING, true, next.get(), result.status(), error, null);
        } else if (deliveries.finish(delivery, node, WebhookDelivery.FAILED, true, null, result.status(), error, now)
                && !delivery.eventType().equals(EventType.WEBHOOK_DELIVERY_FAILED.name())
                && !delivery.eventType().equals(EventType.WEBHOOK_ENDPOINT_DISABLED.name())) {
            // a failure event about a failed failure event could chain without end, so those stop here
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("deliveryId", delivery.id());
            data.put("eventId", delivery.eventId());
            data.put("eventType", delivery.eventType());
            data.put("endpointId", delivery.endpointId());
            data.put("attempts", number);
            data.put("lastError", error);
            eventLog.append(delivery.tenantId(), delivery.mode(), EventType.WEBHOOK_DELIVERY_FAILED, data);
        }
    }

    private void disable(WebhookEndpoint endpoint, String reason, Instant now) {
        if (endpoints.disable(endpoint.id(), reason, now)) {
            eventLog.append(endpoint.tenantId(), endpoint.mode(), EventType.WEBHOOK_ENDPOINT_DISABLED,
                    Map.of("endpointId", endpoint.id(), "url", endpoint.url(), "reason", reason));
        }
    }

    @Override
    public synchronized void close() {
        if (clients == null) {
            return;
        }
        try {
            clients.strict().close();
            clients.sandbox().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
