package io.linkport.tenants;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ApiKeyAuthenticationTest extends ServerTest {

    private static final Map<String, Object> BODY = Map.of(
            "org_name", "Acme", "required_jobs", List.of("income"), "end_user_id", "user-1");

    @Test
    void callWithKeyInEitherHeaderThenAccepted() {
        assertThat(api.post("/v1/link_tokens", BODY, Api.secret(BOOTSTRAP_SECRET)).status()).isEqualTo(200);
        assertThat(api.post("/v1/link_tokens", BODY, Api.bearer(BOOTSTRAP_SECRET)).status()).isEqualTo(200);
    }

    @Test
    void callWhenKeyMissingUnknownOrRevokedThenSameUnauthorizedBody() {
        TestTenant tenant = newTenant("Revoked Co");
        Api.Response keys = api.get("/admin/v1/tenants/" + tenant.id(), Api.secret(ADMIN_KEY));
        String keyId = keys.json().get("apiKeys").get(0).get("id").asString();
        assertThat(api.post("/v1/link_tokens", BODY, tenant.auth()).status()).isEqualTo(200);
        assertThat(api.delete("/admin/v1/api_keys/" + keyId, Api.secret(ADMIN_KEY)).status()).isEqualTo(200);

        Api.Response missing = api.post("/v1/link_tokens", BODY);
        Api.Response unknown = api.post("/v1/link_tokens", BODY, Api.secret("sk_sandbox_made_up_secret_value_1234567890"));
        Api.Response revoked = api.post("/v1/link_tokens", BODY, tenant.auth());

        for (Api.Response response : List.of(missing, unknown, revoked)) {
            assertThat(response.status()).isEqualTo(401);
            JsonNode body = response.json();
            assertThat(body.get("error").asString()).isEqualTo("unauthorized");
            assertThat(body.get("requestId").asString()).startsWith("req_");
        }
        assertThat(withoutRequestId(missing)).isEqualTo(withoutRequestId(unknown)).isEqualTo(withoutRequestId(revoked));
    }

    @Test
    void callWhenKeyRevokedByAnotherNodeThenRefusedWithinRecheckDelay() {
        TestTenant tenant = newTenant("Revoked Elsewhere Co");
        Api.Response keys = api.get("/admin/v1/tenants/" + tenant.id(), Api.secret(ADMIN_KEY));
        String keyId = keys.json().get("apiKeys").get(0).get("id").asString();
        assertThat(api.post("/v1/link_tokens", BODY, tenant.auth()).status()).isEqualTo(200);
        // What another node's revocation leaves behind: only the row changes, this node's memory does not.
        assertThat(jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC), keyId).update()).isEqualTo(1);

        await().atMost(ApiKeyService.RECHECK_AFTER.plusSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.post("/v1/link_tokens", BODY, tenant.auth()).status() == 401);
    }

    @Test
    void whoamiThenTenantAndModeOfTheKey() {
        TestTenant tenant = newTenant("Whoami Co");
        Api.Response response = api.get("/v1/whoami", tenant.auth());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("tenantId").asString()).isEqualTo(tenant.id());
        assertThat(response.json().get("mode").asString()).isEqualTo("sandbox");
        assertThat(api.get("/v1/whoami").status()).isEqualTo(401);
    }

    @Test
    void callWhenKeyOnlyInQueryStringThenUnauthorized() {
        Api.Response response = api.post("/v1/link_tokens?x-api-secret=" + BOOTSTRAP_SECRET + "&api_key=" + BOOTSTRAP_SECRET, BODY);
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void callWhenBearerSchemeMissingThenUnauthorized() {
        Api.Response response = api.post("/v1/link_tokens", BODY, "Authorization", BOOTSTRAP_SECRET);
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void storedKeysWhenInspectedThenOnlyHashesNoSecrets() {
        TestTenant tenant = newTenant("Hash Co");
        List<String> stored = jdbc.sql("SELECT secret_hash FROM api_keys").query(String.class).list();
        assertThat(stored).allMatch(hash -> hash.matches("[0-9a-f]{64}"));
        String everything = jdbc.sql("SELECT id || '|' || COALESCE(hint,'') || '|' || COALESCE(label,'') FROM api_keys")
                .query(String.class).list().toString();
        assertThat(everything).doesNotContain(tenant.secret(), BOOTSTRAP_SECRET, ADMIN_KEY);
    }

    @Test
    void issuedSecretsWhenGeneratedThenHighEntropyAndModePrefixed() {
        TestTenant one = newTenant("Entropy 1");
        TestTenant two = newTenant("Entropy 2");
        assertThat(one.secret()).startsWith("sk_sandbox_").hasSizeGreaterThanOrEqualTo(11 + 43);
        assertThat(one.secret()).isNotEqualTo(two.secret());
    }

    private static String withoutRequestId(Api.Response response) {
        return response.text().replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
