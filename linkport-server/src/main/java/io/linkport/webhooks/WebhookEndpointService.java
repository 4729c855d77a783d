package io.linkport.webhooks;

import io.linkport.common.Ids;
import io.linkport.common.MasterKeyCipher;
import io.linkport.common.Mode;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.tenants.ApiCaller;
import io.linkport.web.ApiException;
import io.linkport.web.JsonSchemaChecker;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import com.networknt.schema.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Registered webhook endpoints: validation, CRUD, secrets (encrypted, rotatable) and test events. */
@Service
public class WebhookEndpointService {

    private final JdbcWebhookEndpointRepository endpoints;
    private final MasterKeyCipher cipher;
    private final JsonSchemaChecker checker;
    private final WebhookUrlPolicy urlPolicy;
    private final EventLog eventLog;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Schema createSchema;
    private final Schema updateSchema;
    private final Schema rotateSchema;

    WebhookEndpointService(JdbcWebhookEndpointRepository endpoints, MasterKeyCipher cipher, JsonSchemaChecker checker,
                           WebhookUrlPolicy urlPolicy, EventLog eventLog, WebhookProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.cipher = cipher;
        this.checker = checker;
        this.urlPolicy = urlPolicy;
        this.eventLog = eventLog;
        this.properties = properties;
        this.clock = clock;
        this.createSchema = checker.compileClasspath("schemas/webhook-endpoint-create.json");
        this.updateSchema = checker.compileClasspath("schemas/webhook-endpoint-update.json");
        this.rotateSchema = checker.compileClasspath("schemas/webhook-secret-rotate.json");
    }

    /** An endpoint together with its plain secret, which is shown only on create and rotate. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    @Transactional
    public WithSecret create(ApiCaller caller, JsonNode body) {
        validate(createSchema, caller.mode(), body);
        String id = Ids.prefixed("we_");
        String secret = WebhookSecrets.generate();
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint(id, caller.tenantId(), caller.mode(), body.get("url").asString(),
                text(body, "description"), eventTypes(body), body.path("enabled").asBoolean(true), null,
                cipher.encrypt(secret, id), null, null, null, now, now);
        endpoints.insert(endpoint);
        return new WithSecret(endpoint, secret);
    }

    public List<WebhookEndpoint> list(ApiCaller caller) {
        return endpoints.list(caller.tenantId(), caller.mode());
    }

    public WebhookEndpoint get(ApiCaller caller, String id) {
        return endpoints.find(id, caller.tenantId(), caller.mode())
                .orElseThrow(() -> ApiException.notFound("webhook_endpoint_not_found", "No webhook endpoint " + id + "."));
    }

    @Transactional
    public WebhookEndpoint update(ApiCaller caller, String id, JsonNode body) {
        WebhookEndpoint current = get(caller, id);
        validate(updateSchema, caller.mode(), body);
        boolean enabled = body.has("enabled") ? body.get("enabled").asBoolean() : current.enabled();
        boolean reenabled = enabled && !current.enabled();
        WebhookEndpoint updated = new WebhookEndpoint(id, current.tenantId(), current.mode(),
                body.has("url") ? body.get("url").asString() : current.url(),
                body.has("description") ? text(body, "description") : current.description(),
                body.has("eventTypes") ? eventTypes(body) : current.eventTypes(), enabled,
                enabled ? null : current.disabledReason() == null ? "disabled by tenant" : current.disabledReason(),
                current.secretEncrypted(), current.previousSecretEncrypted(), current.previousExpiresAt(),
                reenabled ? null : current.failingSince(), current.createdAt(), clock.instant());
        endpoints.update(updated);
        return updated;
    }

    @Transactional
    public void delete(ApiCaller caller, String id) {
        get(caller, id);
        endpoints.delete(id, clock.instant());
    }

    @Transactional
    public WithSecret rotateSecret(ApiCaller caller, String id, JsonNode body) {
        WebhookEndpoint current = get(caller, id);
        Duration overlap = overlap(body);
        String secret = WebhookSecrets.generate();
        Instant now = clock.instant();
        endpoints.rotate(id, cipher.encrypt(secret, id), overlap.isZero() ? null : current.secretEncrypted(),
                overlap.isZero() ? null : now.plus(overlap), now);
        return new WithSecret(get(caller, id), secret);
    }

    /** Like Stripe's and Svix's "send test event": a WEBHOOK_TEST event through the normal outbox, to this endpoint only. */
    @Transactional
    public String sendTest(ApiCaller caller, String id) {
        WebhookEndpoint endpoint = get(caller, id);
        if (!endpoint.enabled()) {
            throw ApiException.conflict("webhook_endpoint_disabled", "Enable the endpoint before sending it a test event.");
        }
        return eventLog.append(caller.tenantId(), caller.mode(), EventType.WEBHOOK_TEST,
                Map.of("endpointId", id, "message", "A test event from Linkport")).id();
    }

    Duration overlap(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return properties.rotationOverlap();
        }
        List<ValidationIssue> issues = checker.check(rotateSchema, body, "");
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        return body.has("overlapSeconds") ? Duration.ofSeconds(body.get("overlapSeconds").asLong()) : properties.rotationOverlap();
    }

    /** The secrets that sign right now: the current one, and the previous one during its overlap. */
    List<String> signingSecrets(WebhookEndpoint endpoint, Instant now) {
        List<String> secrets = new ArrayList<>();
        secrets.add(cipher.decrypt(endpoint.secretEncrypted(), endpoint.id()));
        if (endpoint.previousSecretEncrypted() != null && endpoint.previousExpiresAt() != null
                && now.isBefore(endpoint.previousExpiresAt())) {
            secrets.add(cipher.decrypt(endpoint.previousSecretEncrypted(), endpoint.id()));
        }
        return secrets;
    }

    private void validate(Schema schema, Mode mode, JsonNode body) {
        List<ValidationIssue> issues = new ArrayList<>(checker.check(schema, body, ""));
        if (body != null && body.isObject()) {
            if (body.path("url").isString()) {
                urlPolicy.forMode(mode).urlRefusal(body.get("url").asString())
                        .ifPresent(reason -> issues.add(new ValidationIssue("url", reason)));
            }
            JsonNode types = body.path("eventTypes");
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i).asString("");
                if (Arrays.stream(EventType.values()).noneMatch(t -> t.name().equals(type))) {
                    issues.add(new ValidationIssue("eventTypes[" + i + "]", "is not a known event type"));
                }
            }
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
    }

    private static List<String> eventTypes(JsonNode body) {
        List<String> types = new ArrayList<>();
        body.path("eventTypes").forEach(type -> types.add(type.asString()));
        return List.copyOf(types);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isString() ? value.asString() : null;
    }
}
