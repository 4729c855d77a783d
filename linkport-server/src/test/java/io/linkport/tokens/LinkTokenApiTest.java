package io.linkport.tokens;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkTokenApiTest extends ServerTest {

    static final Map<String, Object> SEED_000_BODY = Map.of(
            "org_name", "YOUR APP NAME",
            "required_jobs", List.of("employment", "income"),
            "end_user_id", "YOUR INTERNAL ID FOR THIS USER");

    @Test
    void createLinkTokenWhenSeedRequestThenSeedShapeAndOneHourExpiry() {
        Api.Response response = api.post("/v1/link_tokens", SEED_000_BODY, Api.secret(BOOTSTRAP_SECRET));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(fieldNames(response.json())).containsExactly("data");
        assertThat(fieldNames(data)).containsExactlyInAnyOrder("mode", "id", "token", "expires");
        assertThat(data.get("mode").asString()).isEqualTo("sandbox");
        assertThat(data.get("id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(data.get("expires").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00");
        java.time.OffsetDateTime expires = java.time.OffsetDateTime.parse(data.get("expires").asString());
        assertThat(java.time.Duration.between(java.time.OffsetDateTime.now(), expires))
                .isBetween(java.time.Duration.ofMinutes(58), java.time.Duration.ofMinutes(61));
    }

    @Test
    void createLinkTokenThenTokenVerifiesAgainstJwksWithIndependentLibrary() throws Exception {
        JsonNode data = api.post("/v1/link_tokens", SEED_000_BODY, Api.bearer(BOOTSTRAP_SECRET)).json().get("data");

        String jwks = api.get("/.well-known/jwks.json").text();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience(TokenService.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setExpectedType(true, "lp-link+jwt")
                .build();
        JwtClaims claims = consumer.processToClaims(data.get("token").asString());

        assertThat(claims.getJwtId()).isEqualTo(data.get("id").asString());
        assertThat(claims.getSubject()).isEqualTo("YOUR INTERNAL ID FOR THIS USER");
        assertThat(claims.getIssuer()).isNotBlank();
        assertThat(claims.getExpirationTime().getValueInMillis() - claims.getIssuedAt().getValueInMillis())
                .isEqualTo(3_600_000L);
        assertThat(claims.getStringClaimValue("typ")).isEqualTo("lp-link+jwt");
        assertThat(new org.jose4j.jws.JsonWebSignature() {{
            setCompactSerialization(data.get("token").asString());
        }}.getAlgorithmHeaderValue()).isEqualTo("EdDSA");
    }

    @Test
    void jwksWhenFetchedThenPublishesEd25519PublicKeysOnly() {
        JsonNode keys = api.get("/.well-known/jwks.json").json().get("keys");

        assertThat(keys.size()).isPositive();
        JsonNode active = keys.get(0);
        assertThat(active.get("kty").asString()).isEqualTo("OKP");
        assertThat(active.get("crv").asString()).isEqualTo("Ed25519");
        assertThat(active.get("alg").asString()).isEqualTo("EdDSA");
        assertThat(active.get("use").asString()).isEqualTo("sig");
        assertThat(active.get("x").asString()).hasSize(43);
        keys.forEach(key -> assertThat(key.has("d")).as("private part published: %s", key).isFalse());
    }

    @Test
    void createLinkTokenWhenTokenTamperedThenIndependentVerificationFails() throws Exception {
        String token = api.post("/v1/link_tokens", SEED_000_BODY, Api.secret(BOOTSTRAP_SECRET)).json()
                .get("data").get("token").asString();
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("YOUR INTERNAL ID", "SOMEONE ELSE")
                        .getBytes());
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        new JsonWebKeySet(api.get("/.well-known/jwks.json").text()).getJsonWebKeys()))
                .setExpectedAudience(TokenService.AUDIENCE)
                .build();

        assertThatThrownBy(() -> consumer.processToClaims(forged)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void createLinkTokenWithOptionalFieldsThenAccepted() {
        Map<String, Object> body = new java.util.HashMap<>(SEED_000_BODY);
        body.put("integration_id", "adp");
        body.put("language", "es");
        body.put("webhook_url", "https://example.com/hooks");
        body.put("skip_intro_screen", true);
        body.put("required_jobs", List.of("identity", "paystubs", "direct_deposit_switch"));
        body.put("allocation", Map.of("type", "remainder", "targets",
                List.of(Map.of("type", "savings", "routing_number", "021000021", "account_number", "12345678"))));

        Api.Response response = api.post("/v1/link_tokens", body, Api.secret(BOOTSTRAP_SECRET));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        String id = response.json().get("data").get("id").asString();
        String details = jdbc.sql("SELECT details FROM issued_tokens WHERE id = ?").param(id).query(String.class).single();
        assertThat(details).contains("\"integration_id\":\"adp\"", "\"language\":\"es\"", "direct_deposit_switch")
                .doesNotContain("12345678");
    }

    @Test
    void createLinkTokenWhenRequiredFieldsMissingThenEveryIssueListed() {
        Api.Response response = api.post("/v1/link_tokens", Map.of(), Api.secret(BOOTSTRAP_SECRET));

        assertValidation(response, "org_name", "required_jobs", "end_user_id");
    }

    @Test
    void createLinkTokenWhenRequiredJobsEmptyThenValidationError() {
        Map<String, Object> body = new java.util.HashMap<>(SEED_000_BODY);
        body.put("required_jobs", List.of());
        assertValidation(api.post("/v1/link_tokens", body, Api.secret(BOOTSTRAP_SECRET)), "required_jobs");
    }

    @Test
    void createLinkTokenWhenUnknownJobThenValidationErrorAtItsIndex() {
        Map<String, Object> body = new java.util.HashMap<>(SEED_000_BODY);
        body.put("required_jobs", List.of("employment", "horoscope"));
        assertValidation(api.post("/v1/link_tokens", body, Api.secret(BOOTSTRAP_SECRET)), "required_jobs[1]");
    }

    @Test
    void createLinkTokenWhenWrongTypesThenValidationErrorForEach() {
        Map<String, Object> body = Map.of("org_name", 42, "required_jobs", "employment", "end_user_id", true);
        assertValidation(api.post("/v1/link_tokens", body, Api.secret(BOOTSTRAP_SECRET)),
                "org_name", "required_jobs", "end_user_id");
    }

    @Test
    void createLinkTokenWhenWebhookUrlInvalidThenValidationError() {
        Map<String, Object> body = new java.util.HashMap<>(SEED_000_BODY);
        body.put("webhook_url", "javascript:alert(1)");
        assertValidation(api.post("/v1/link_tokens", body, Api.secret(BOOTSTRAP_SECRET)), "webhook_url");
    }

    @Test
    void createLinkTokenWhenUnknownFieldThenValidationErrorNamesIt() {
        Map<String, Object> body = new java.util.HashMap<>(SEED_000_BODY);
        body.put("orgname", "typo");
        assertValidation(api.post("/v1/link_tokens", body, Api.secret(BOOTSTRAP_SECRET)), "orgname");
    }

    @Test
    void createLinkTokenWhenRejectedThenNothingStored() {
        long before = jdbc.sql("SELECT COUNT(*) FROM issued_tokens").query(Long.class).single();
        api.post("/v1/link_tokens", Map.of("org_name", "x"), Api.secret(BOOTSTRAP_SECRET));
        api.post("/v1/link_tokens", "{not json", Api.secret(BOOTSTRAP_SECRET));
        long after = jdbc.sql("SELECT COUNT(*) FROM issued_tokens").query(Long.class).single();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void createLinkTokenWhenBodyIsNotJsonThenBadRequestInValidationShape() {
        Api.Response response = api.post("/v1/link_tokens", "{\"org_name\": ", Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
        assertThat(response.text()).doesNotContain("Exception", "at io.");
    }

    @Test
    void createLinkTokenWithProductionKeyThenProductionMode() {
        TestTenant tenant = newTenant("Prod Co");
        Api.Response key = api.post("/admin/v1/tenants/" + tenant.id() + "/api_keys", Map.of("mode", "production"),
                Api.secret(ADMIN_KEY));
        assertThat(key.status()).isEqualTo(201);

        Api.Response response = api.post("/v1/link_tokens", SEED_000_BODY, Api.secret(key.json().get("secret").asString()));

        assertThat(response.json().get("data").get("mode").asString()).isEqualTo("production");
    }

    static void assertValidation(Api.Response response, String... paths) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        JsonNode body = response.json();
        assertThat(body.get("error").asString()).isEqualTo("Validation failed");
        List<String> reported = new java.util.ArrayList<>();
        body.get("issues").forEach(issue -> {
            reported.add(issue.get("path").asString());
            assertThat(issue.get("message").asString()).isNotBlank();
        });
        assertThat(reported).contains(paths);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
