package io.linkport.tenants;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTest extends ServerTest {

    @Test
    void createTenantThenSandboxKeyShownOnceAndWorks() {
        Api.Response created = api.post("/admin/v1/tenants", Map.of("name", "Globex"), Api.secret(ADMIN_KEY));

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("id").asString()).matches("ten_[0-9a-f]{32}");
        assertThat(body.get("publicClientId").asString()).matches("cli_[0-9a-f]{32}");
        String secret = body.get("apiKeys").get(0).get("secret").asString();
        assertThat(body.get("apiKeys").get(0).get("mode").asString()).isEqualTo("sandbox");

        Api.Response again = api.get("/admin/v1/tenants/" + body.get("id").asString(), Api.secret(ADMIN_KEY));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text()).doesNotContain(secret);
        assertThat(again.json().get("apiKeys").get(0).has("secret")).isFalse();
    }

    @Test
    void createProductionKeyThenModeProductionAndRevocable() {
        TestTenant tenant = newTenant("Initech");
        Api.Response key = api.post("/admin/v1/tenants/" + tenant.id() + "/api_keys",
                Map.of("mode", "production", "label", "backend"), Api.secret(ADMIN_KEY));
        assertThat(key.status()).isEqualTo(201);
        assertThat(key.json().get("mode").asString()).isEqualTo("production");
        assertThat(key.json().get("secret").asString()).startsWith("sk_production_");

        Api.Response revoked = api.delete("/admin/v1/api_keys/" + key.json().get("id").asString(), Api.secret(ADMIN_KEY));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
    }

    @Test
    void adminEndpointsWhenCalledWithTenantKeyThenUnauthorized() {
        assertThat(api.get("/admin/v1/tenants", Api.secret(BOOTSTRAP_SECRET)).status()).isEqualTo(401);
        assertThat(api.post("/admin/v1/tenants", Map.of("name", "x"), Api.secret(BOOTSTRAP_SECRET)).status()).isEqualTo(401);
    }

    @Test
    void tenantEndpointsWhenCalledWithAdminKeyThenUnauthorized() {
        Api.Response response = api.post("/v1/link_tokens",
                Map.of("org_name", "a", "required_jobs", java.util.List.of("income"), "end_user_id", "u"), Api.secret(ADMIN_KEY));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void createTenantWhenNameMissingThenValidationError() {
        Api.Response response = api.post("/admin/v1/tenants", Map.of(), Api.secret(ADMIN_KEY));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("issues").get(0).get("path").asString()).isEqualTo("name");
    }

    @Test
    void createKeyWhenModeUnknownThenValidationErrorAndNoKey() {
        TestTenant tenant = newTenant("Umbrella");
        Api.Response response = api.post("/admin/v1/tenants/" + tenant.id() + "/api_keys", Map.of("mode", "staging"),
                Api.secret(ADMIN_KEY));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("issues").get(0).get("path").asString()).isEqualTo("mode");
        long keys = jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE tenant_id = ?").param(tenant.id()).query(Long.class).single();
        assertThat(keys).isEqualTo(1);
    }

    @Test
    void unknownTenantOrKeyThenNotFound() {
        assertThat(api.get("/admin/v1/tenants/ten_nope", Api.secret(ADMIN_KEY)).status()).isEqualTo(404);
        assertThat(api.delete("/admin/v1/api_keys/key_nope", Api.secret(ADMIN_KEY)).status()).isEqualTo(404);
        assertThat(api.post("/admin/v1/tenants/ten_nope/api_keys", Map.of(), Api.secret(ADMIN_KEY)).status()).isEqualTo(404);
    }
}
