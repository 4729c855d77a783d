package io.linkport.webhooks;

import io.linkport.tenants.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /v1/webhook_endpoints}: register, list, change, delete, rotate the secret, send a test event. */
@RestController
@RequestMapping("/v1/webhook_endpoints")
@Tag(name = "Webhooks", description = "Signed, retried, replayable event delivery")
class WebhookEndpointController {

    private final WebhookEndpointService endpoints;

    WebhookEndpointController(WebhookEndpointService endpoints) {
        this.endpoints = endpoints;
    }

    record EndpointView(String id, String url, String description, List<String> eventTypes, boolean enabled,
                        String disabledReason, String mode, String secret, Instant previousSecretExpiresAt,
                        Instant createdAt, Instant updatedAt) {

        static EndpointView of(WebhookEndpoint e, String secret) {
            Instant previousExpires = e.previousSecretEncrypted() == null ? null : e.previousExpiresAt();
            return new EndpointView(e.id(), e.url(), e.description(), e.eventTypes(), e.enabled(), e.disabledReason(),
                    e.mode().lower(), secret, previousExpires, e.createdAt(), e.updatedAt());
        }
    }

    record EndpointList(List<EndpointView> data) {
    }

    @PostMapping(consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a webhook endpoint; the answer shows its signing secret, once")
    EndpointView create(ApiCaller caller, @RequestBody JsonNode body) {
        WebhookEndpointService.WithSecret created = endpoints.create(caller, body);
        return EndpointView.of(created.endpoint(), created.secret());
    }

    @GetMapping(produces = "application/json")
    @Operation(summary = "List the webhook endpoints of the caller's tenant and mode")
    EndpointList list(ApiCaller caller) {
        return new EndpointList(endpoints.list(caller).stream().map(e -> EndpointView.of(e, null)).toList());
    }

    @GetMapping(value = "/{id}", produces = "application/json")
    @Operation(summary = "Get a webhook endpoint (without its secret)")
    EndpointView get(ApiCaller caller, @PathVariable String id) {
        return EndpointView.of(endpoints.get(caller, id), null);
    }

    @PatchMapping(value = "/{id}", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Change a webhook endpoint's url, eventTypes, description or enabled flag")
    EndpointView update(ApiCaller caller, @PathVariable String id, @RequestBody JsonNode body) {
        return EndpointView.of(endpoints.update(caller, id, body), null);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a webhook endpoint; its pending deliveries are canceled")
    void delete(ApiCaller caller, @PathVariable String id) {
        endpoints.delete(caller, id);
    }

    @PostMapping(value = "/{id}/rotate_secret", produces = "application/json")
    @Operation(summary = "Rotate the signing secret; the old one keeps signing for overlapSeconds (default 24 h)")
    EndpointView rotate(ApiCaller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        WebhookEndpointService.WithSecret rotated = endpoints.rotateSecret(caller, id, body);
        return EndpointView.of(rotated.endpoint(), rotated.secret());
    }

    @PostMapping(value = "/{id}/test", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a WEBHOOK_TEST event to this endpoint through the normal delivery pipeline")
    Map<String, String> test(ApiCaller caller, @PathVariable String id) {
        return Map.of("eventId", endpoints.sendTest(caller, id));
    }
}
