package io.linkport.webhooks;

import io.linkport.tenants.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /v1/webhook_secret}: the secret that signs deliveries to links' own webhook URLs. */
@RestController
@Tag(name = "Webhooks")
class LinkWebhookSecretController {

    private final LinkWebhookSecretService secrets;
    private final WebhookEndpointService endpoints;

    LinkWebhookSecretController(LinkWebhookSecretService secrets, WebhookEndpointService endpoints) {
        this.secrets = secrets;
        this.endpoints = endpoints;
    }

    record SecretView(String secret, String mode, Instant createdAt, Instant rotatedAt, Instant previousSecretExpiresAt) {
    }

    @GetMapping(value = "/v1/webhook_secret", produces = "application/json")
    @Operation(summary = "The secret signing deliveries to per-link webhookUrl / webhook_url (created on first use)")
    SecretView get(ApiCaller caller) {
        return view(caller, secrets.current(caller.tenantId(), caller.mode()));
    }

    @PostMapping(value = "/v1/webhook_secret/rotate", produces = "application/json")
    @Operation(summary = "Rotate the per-link webhook secret; the old one keeps signing for overlapSeconds (default 24 h)")
    SecretView rotate(ApiCaller caller, @RequestBody(required = false) JsonNode body) {
        return view(caller, secrets.rotate(caller.tenantId(), caller.mode(), endpoints.overlap(body)));
    }

    private static SecretView view(ApiCaller caller, LinkWebhookSecretService.LinkSecret secret) {
        Instant previous = secret.previousEncrypted() == null ? null : secret.previousExpiresAt();
        return new SecretView(secret.secret(), caller.mode().lower(), secret.createdAt(), secret.rotatedAt(), previous);
    }
}
