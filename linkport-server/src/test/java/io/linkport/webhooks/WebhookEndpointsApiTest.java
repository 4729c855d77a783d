package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookEndpointsApiTest extends ServerTest {

    private long endpointRows(String tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoints WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    @Test
    void createEndpointWhenValidThenSecretShownOnceAndReadable() {
        TestTenant tenant = newTenant("wh-crud");
        Api.Response created = api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/hook",
                "description", "orders", "eventTypes", List.of("LINK_COMPLETED", "LINK_FAILED")), tenant.auth());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(body.get("secret").asString()).startsWith("whsec_");
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("mode").asString()).isEqualTo("sandbox");

        Api.Response fetched = api.get("/v1/webhook_endpoints/" + id, tenant.auth());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().has("secret")).isFalse();
        assertThat(fetched.json().get("eventTypes").size()).isEqualTo(2);
        String stored = jdbc.sql("SELECT secret_encrypted FROM webhook_endpoints WHERE id = ?").param(id).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(body.get("secret").asString().substring(6));

        Api.Response list = api.get("/v1/webhook_endpoints", tenant.auth());
        assertThat(list.json().get("data").size()).isEqualTo(1);
    }

    @Test
    void updateEndpointWhenPatchedThenChangedAndDeleteRemovesIt() {
        TestTenant tenant = newTenant("wh-patch");
        String id = api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/a"), tenant.auth()).json().get("id").asString();
        Api.Response patched = api.patch("/v1/webhook_endpoints/" + id,
                Map.of("url", "http://127.0.0.1:9/b", "enabled", false, "eventTypes", List.of("USER_CREATED")), tenant.auth());
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.json().get("url").asString()).endsWith("/b");
        assertThat(patched.json().get("enabled").asBoolean()).isFalse();
        assertThat(patched.json().get("disabledReason").asString()).isEqualTo("disabled by tenant");

        assertThat(api.delete("/v1/webhook_endpoints/" + id, tenant.auth()).status()).isEqualTo(204);
        assertThat(api.get("/v1/webhook_endpoints/" + id, tenant.auth()).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhook_endpoints", tenant.auth()).json().get("data").size()).isZero();
    }

    @Test
    void createEndpointWhenBadInputThenValidationErrorAndNothingWritten() {
        TestTenant tenant = newTenant("wh-invalid");
        Api.Response response = api.post("/v1/webhook_endpoints", Map.of("url", "ftp://example.com/x",
                "eventTypes", List.of("NOT_A_TYPE"), "colour", "red"), tenant.auth());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
        List<String> paths = response.json().get("issues").valueStream().map(i -> i.get("path").asString()).toList();
        assertThat(paths).contains("url", "eventTypes[0]", "colour");
        assertThat(api.post("/v1/webhook_endpoints", Map.of("description", "no url"), tenant.auth()).json()
                .get("issues").get(0).get("path").asString()).isEqualTo("url");
        assertThat(api.post("/v1/webhook_endpoints", Map.of("url", "http://169.254.169.254/latest"), tenant.auth()).status())
                .isEqualTo(400);
        assertThat(endpointRows(tenant.id())).isZero();
    }

    @Test
    void createEndpointWhenProductionKeyAndHttpOrLoopbackThenValidationError() {
        TestTenant tenant = newTenant("wh-prod");
        String secret = api.post("/admin/v1/tenants/" + tenant.id() + "/api_keys", Map.of("mode", "production"),
                Api.secret(ADMIN_KEY)).json().get("secret").asString();
        for (String url : List.of("http://hooks.example.com/x", "https://127.0.0.1/x", "https://localhost/x", "https://10.1.2.3/x")) {
            Api.Response response = api.post("/v1/webhook_endpoints", Map.of("url", url), Api.secret(secret));
            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.json().get("issues").get(0).get("path").asString()).isEqualTo("url");
        }
        Api.Response ok = api.post("/v1/webhook_endpoints", Map.of("url", "https://hooks.example.com/x"), Api.secret(secret));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("mode").asString()).isEqualTo("production");
        // modes do not see each other's endpoints
        assertThat(api.get("/v1/webhook_endpoints", tenant.auth()).json().get("data").size()).isZero();
        assertThat(api.get("/v1/webhook_endpoints/" + ok.json().get("id").asString(), tenant.auth()).status()).isEqualTo(404);
    }

    @Test
    void getEndpointWhenOtherTenantThenNotFound() {
        TestTenant owner = newTenant("wh-owner");
        TestTenant other = newTenant("wh-other");
        String id = api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/a"), owner.auth()).json().get("id").asString();
        Api.Response response = api.get("/v1/webhook_endpoints/" + id, other.auth());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("webhook_endpoint_not_found");
        assertThat(api.patch("/v1/webhook_endpoints/" + id, Map.of("enabled", false), other.auth()).status()).isEqualTo(404);
        assertThat(api.delete("/v1/webhook_endpoints/" + id, other.auth()).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhook_endpoints/" + id, owner.auth()).json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void updateEndpointWhenBadInputThenValidationErrorAndUnchanged() {
        TestTenant tenant = newTenant("wh-patch-bad");
        String id = api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/a"), tenant.auth()).json().get("id").asString();
        Api.Response response = api.patch("/v1/webhook_endpoints/" + id, Map.of("url", "nope", "enabled", "yes"), tenant.auth());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("issues").size()).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/v1/webhook_endpoints/" + id, tenant.auth()).json().get("url").asString()).endsWith("/a");
    }

    @Test
    void rotateSecretWhenBadOverlapThenValidationError() {
        TestTenant tenant = newTenant("wh-rotate-bad");
        String id = api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/a"), tenant.auth()).json().get("id").asString();
        String before = jdbc.sql("SELECT secret_encrypted FROM webhook_endpoints WHERE id = ?").param(id).query(String.class).single();
        Api.Response response = api.post("/v1/webhook_endpoints/" + id + "/rotate_secret", Map.of("overlapSeconds", -5), tenant.auth());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("issues").get(0).get("path").asString()).isEqualTo("overlapSeconds");
        assertThat(jdbc.sql("SELECT secret_encrypted FROM webhook_endpoints WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo(before);
    }

    @Test
    void listEndpointsWhenNoKeyThenUnauthorized() {
        assertThat(api.get("/v1/webhook_endpoints").status()).isEqualTo(401);
    }
}
