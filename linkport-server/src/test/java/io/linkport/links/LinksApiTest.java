package io.linkport.links;

import static io.linkport.links.LinkFixtures.card;
import static io.linkport.links.LinkFixtures.seedExample;
import static io.linkport.links.LinkFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LinksApiTest extends ServerTest {

    private Api.Response create(TestTenant tenant, Object body) {
        return api.post("/v1/links", body, tenant.auth());
    }

    private long linkCount(TestTenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM links WHERE tenant_id = ?").param(tenant.id()).query(Long.class).single();
    }

    private long eventCount(TestTenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM events WHERE tenant_id = ?").param(tenant.id()).query(Long.class).single();
    }

    /** Posts a bad body; asserts a 400 in seed 002's shape with exactly these paths and that nothing was stored. */
    private JsonNode rejected(Object body, String... paths) {
        TestTenant tenant = newTenant("rejects");
        Api.Response response = create(tenant, body);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        JsonNode json = response.json();
        assertThat(json.get("error").asString()).isEqualTo("Validation failed");
        List<String> actual = new ArrayList<>();
        json.get("issues").forEach(issue -> {
            actual.add(issue.get("path").asString());
            assertThat(issue.get("message").asString()).isNotBlank();
        });
        assertThat(actual).containsExactlyInAnyOrder(paths);
        assertThat(linkCount(tenant)).isZero();
        assertThat(eventCount(tenant)).isZero();
        return json;
    }

    @Test
    void createLinkWithSeedExampleThenSeedShape() {
        TestTenant tenant = newTenant("seed-002");
        Api.Response response = api.post("/v1/links", seedExample(), Api.bearer(tenant.secret()));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        JsonNode body = response.json();
        String linkId = body.get("linkId").asString();
        String claimCode = body.get("claimCode").asString();
        assertThat(linkId).matches("link_[0-9a-f]{32}");
        assertThat(claimCode).matches("clm_[0-9a-f]{32}");
        assertThat(body.get("integrationId").asString()).isEqualTo("tmobile");
        assertThat(body.get("status").asString()).isEqualTo("pending");
        assertThat(body.get("operations").toString()).isEqualTo(
                "[{\"resource\":\"paymentMethod\",\"action\":\"read\"},{\"resource\":\"paymentMethod\",\"action\":\"write\"}]");
        assertThat(body.get("appClipUrl").asString()).isEqualTo(api.baseUrl() + "/c/" + linkId + "?code=" + claimCode);
        assertThat(body.get("returnUrl").asString()).isEqualTo("https://your-app.com/done?linkId=" + linkId);
        long createdAt = body.get("createdAt").asLong();
        assertThat(body.get("expiresAt").asLong() - createdAt).isEqualTo(4 * 3600 * 1000L);
        assertThat(response.text()).doesNotContain(LinkFixtures.CARD_NUMBER).doesNotContain("cvv");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM events WHERE link_id = ? AND type = 'LINK_CREATED'").param(linkId)
                .query(Long.class).single()).isEqualTo(1);
        String stored = jdbc.sql("SELECT arguments_encrypted FROM links WHERE id = ?").param(linkId).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(LinkFixtures.CARD_NUMBER);
        String hash = jdbc.sql("SELECT claim_code_hash FROM links WHERE id = ?").param(linkId).query(String.class).single();
        assertThat(hash).hasSize(64).isNotEqualTo(claimCode);
    }

    @Test
    void createLinkWhenReturnUrlHasQueryThenLinkIdAppendedWithAmpersand() {
        TestTenant tenant = newTenant("return-query");
        JsonNode body = create(tenant, with(seedExample(), "returnUrl", "https://your-app.com/done?from=x#top")).json();
        assertThat(body.get("returnUrl").asString())
                .isEqualTo("https://your-app.com/done?from=x&linkId=" + body.get("linkId").asString() + "#top");
        JsonNode app = create(tenant, with(seedExample(), "returnUrl", "myapp://callback")).json();
        assertThat(app.get("returnUrl").asString()).isEqualTo("myapp://callback?linkId=" + app.get("linkId").asString());
    }

    @Test
    void createLinkWithExpiresInAndOptionalFieldsThenStored() {
        TestTenant tenant = newTenant("expires-in");
        Map<String, Object> body = with(with(with(seedExample(), "expiresIn", 60), "externalUserId", "u-42"), "debug", true);
        JsonNode created = create(tenant, body).json();
        assertThat(created.get("expiresAt").asLong() - created.get("createdAt").asLong()).isEqualTo(60_000L);
        JsonNode link = api.get("/v1/links/" + created.get("linkId").asString(), tenant.auth()).json();
        assertThat(link.get("externalUserId").asString()).isEqualTo("u-42");
        assertThat(link.get("debug").asBoolean()).isTrue();
    }

    @Test
    void createLinkWithoutApiKeyThenUnauthorized() {
        Api.Response response = api.post("/v1/links", seedExample());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void createLinkWhenIntegrationIdMissingThenValidationError() {
        rejected(with(seedExample(), "integrationId", null), "integrationId");
    }

    @Test
    void createLinkWhenOperationsMissingThenValidationError() {
        rejected(with(seedExample(), "operations", null), "operations");
    }

    @Test
    void createLinkWhenFieldsHaveWrongTypesThenValidationError() {
        rejected(with(with(with(seedExample(), "integrationId", 7), "debug", "yes"), "operations", "all"),
                "integrationId", "debug", "operations");
    }

    @Test
    void createLinkWhenOperationsEmptyThenValidationError() {
        JsonNode json = rejected(with(seedExample(), "operations", List.of()), "operations");
        assertThat(json.get("issues").get(0).get("message").asString()).isEqualTo("must not be empty");
    }

    @Test
    void createLinkWhenWebhookUrlInvalidThenValidationError() {
        JsonNode json = rejected(with(seedExample(), "webhookUrl", "not a url"), "webhookUrl");
        assertThat(json.get("issues").get(0).get("message").asString()).isEqualTo("must be a valid URL");
    }

    @Test
    void createLinkWhenReturnUrlInvalidThenValidationError() {
        rejected(with(seedExample(), "returnUrl", "javascript:alert(1)"), "returnUrl");
        rejected(with(seedExample(), "returnUrl", "http://your-app.com/done"), "returnUrl");
        rejected(with(seedExample(), "returnUrl", "not a url"), "returnUrl");
    }

    @Test
    void createLinkWhenReturnUrlIsHttpLoopbackWithSandboxKeyThenAccepted() {
        TestTenant tenant = newTenant("loopback");
        assertThat(create(tenant, with(seedExample(), "returnUrl", "http://localhost:3000/done")).status()).isEqualTo(201);
    }

    @Test
    void createLinkWhenExpiresInNotPositiveIntegerThenValidationError() {
        rejected(with(seedExample(), "expiresIn", 0), "expiresIn");
        rejected(with(seedExample(), "expiresIn", -5), "expiresIn");
        rejected(with(seedExample(), "expiresIn", 1.5), "expiresIn");
        rejected(with(seedExample(), "expiresIn", "3600"), "expiresIn");
        rejected(with(seedExample(), "expiresIn", 31L * 24 * 3600), "expiresIn");
    }

    @Test
    void createLinkWhenIntegrationUnknownThenValidationError() {
        rejected(with(seedExample(), "integrationId", "no_such_bank"), "integrationId");
    }

    @Test
    void createLinkWhenResourceOrActionUnknownThenValidationError() {
        rejected(with(seedExample(), "operations", List.of(Map.of("resource", "orderHistory", "action", "read"))),
                "operations[0].resource");
        rejected(with(seedExample(), "operations", List.of(Map.of("resource", "mobileBillingStatement", "action", "write"))),
                "operations[0].action");
        rejected(with(seedExample(), "operations", List.of(Map.of("resource", "paymentMethod"))), "operations[0].action");
    }

    @Test
    void createLinkWhenArgumentsDoNotMatchSchemaThenExactPaths() {
        Map<String, Object> badCard = card();
        badCard.put("cvv", "12x");
        badCard.remove("nameOnCard");
        JsonNode json = rejected(with(seedExample(), "operations", List.of(Map.of("resource", "paymentMethod", "action", "read"),
                Map.of("resource", "paymentMethod", "action", "write", "arguments", badCard))),
                "operations[1].arguments.cvv", "operations[1].arguments.nameOnCard");
        assertThat(json.toString()).doesNotContain(LinkFixtures.CARD_NUMBER);
    }

    @Test
    void createLinkWhenSeveralProblemsThenAllListedAndNothingStored() {
        Map<String, Object> badCard = card();
        badCard.put("cvv", 123);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operations", List.of(Map.of("resource", "paymentMethod", "action", "write", "arguments", badCard),
                Map.of("resource", "paymentMethod", "action", "delete")));
        body.put("integrationId", "tmobile");
        body.put("webhookUrl", "ftp://x");
        body.put("returnUrl", "data:text/html,hi");
        body.put("expiresIn", 0);
        body.put("colour", "red");
        rejected(body, "operations[0].arguments.cvv", "operations[1].action", "webhookUrl", "returnUrl", "expiresIn", "colour");
    }

    @Test
    void createLinkWhenBodyNotJsonObjectThenValidationError() {
        TestTenant tenant = newTenant("not-json");
        Api.Response response = api.send("POST", "/v1/links", "application/json", "[1,2]", tenant.auth());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
        Api.Response broken = api.send("POST", "/v1/links", "application/json", "{\"integrationId\":", tenant.auth());
        assertThat(broken.status()).isEqualTo(400);
        assertThat(linkCount(tenant)).isZero();
    }

    @Test
    void getLinkThenStatusTimestampsAndNoArguments() {
        TestTenant tenant = newTenant("get");
        String linkId = create(tenant, seedExample()).json().get("linkId").asString();
        Api.Response response = api.get("/v1/links/" + linkId, tenant.auth());
        assertThat(response.status()).isEqualTo(200);
        JsonNode link = response.json();
        assertThat(link.get("linkId").asString()).isEqualTo(linkId);
        assertThat(link.get("status").asString()).isEqualTo("pending");
        assertThat(link.get("createdAt").isNumber()).isTrue();
        assertThat(link.get("expiresAt").isNumber()).isTrue();
        assertThat(link.get("operations").get(1).has("arguments")).isFalse();
        assertThat(link.has("result")).isFalse();
        assertThat(response.text()).doesNotContain(LinkFixtures.CARD_NUMBER);
    }

    @Test
    void getLinkWhenUnknownThenNotFound() {
        TestTenant tenant = newTenant("unknown");
        Api.Response response = api.get("/v1/links/link_00000000000000000000000000000000", tenant.auth());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("link_not_found");
    }

    @Test
    void linkOfAnotherTenantThenNotFoundForGetCancelAndTrace() {
        TestTenant owner = newTenant("owner");
        TestTenant other = newTenant("other");
        String linkId = create(owner, seedExample()).json().get("linkId").asString();
        assertThat(api.get("/v1/links/" + linkId, other.auth()).status()).isEqualTo(404);
        assertThat(api.delete("/v1/links/" + linkId, other.auth()).status()).isEqualTo(404);
        assertThat(api.get("/v1/links/" + linkId + "/trace", other.auth()).status()).isEqualTo(404);
        assertThat(api.get("/v1/links", other.auth()).json().get("links")).isEmpty();
        assertThat(api.get("/v1/links/" + linkId, owner.auth()).json().get("status").asString()).isEqualTo("pending");
    }

    @Test
    void cancelLinkThenCanceledWithEventAndSecondCancelConflict() {
        TestTenant tenant = newTenant("cancel");
        String linkId = create(tenant, seedExample()).json().get("linkId").asString();
        Api.Response canceled = api.delete("/v1/links/" + linkId, tenant.auth());
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().get("status").asString()).isEqualTo("canceled");
        assertThat(api.get("/v1/links/" + linkId, tenant.auth()).json().get("status").asString()).isEqualTo("canceled");
        Api.Response again = api.delete("/v1/links/" + linkId, tenant.auth());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("link_not_cancelable");
        assertThat(jdbc.sql("SELECT type FROM events WHERE link_id = ? ORDER BY seq").param(linkId).query(String.class).list())
                .containsExactly("LINK_CREATED", "LINK_CANCELED");
    }

    @Test
    void listLinksThenFilteredAndPaginatedWithCursor() {
        TestTenant tenant = newTenant("list");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(tenant, with(seedExample(), "externalUserId", i % 2 == 0 ? "even" : "odd")).json()
                    .get("linkId").asString());
        }
        String firstId = created.iterator().next();
        api.delete("/v1/links/" + firstId, tenant.auth());
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api.get("/v1/links?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), tenant.auth());
            assertThat(page.status()).isEqualTo(200);
            page.json().get("links").forEach(l -> assertThat(seen.add(l.get("linkId").asString())).isTrue());
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
        JsonNode even = api.get("/v1/links?externalUserId=even", tenant.auth()).json().get("links");
        assertThat(even).hasSize(3);
        JsonNode canceled = api.get("/v1/links?status=canceled", tenant.auth()).json().get("links");
        assertThat(canceled).hasSize(1);
        assertThat(canceled.get(0).get("linkId").asString()).isEqualTo(firstId);
    }

    @Test
    void listLinksWhenBadParametersThenValidationError() {
        TestTenant tenant = newTenant("list-bad");
        assertThat(api.get("/v1/links?status=done", tenant.auth()).json().get("issues").get(0).get("path").asString())
                .isEqualTo("status");
        assertThat(api.get("/v1/links?limit=0", tenant.auth()).status()).isEqualTo(400);
        assertThat(api.get("/v1/links?limit=abc", tenant.auth()).status()).isEqualTo(400);
        assertThat(api.get("/v1/links?cursor=garbage", tenant.auth()).status()).isEqualTo(400);
    }

    @Test
    void openApiDocumentThenListsLinkAndSessionEndpoints() {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");
        assertThat(paths.propertyNames()).contains("/v1/links", "/v1/links/{linkId}", "/v1/links/{linkId}/trace",
                "/v1/sessions", "/v1/session", "/v1/session/credentials", "/v1/session/mfa", "/v1/session/oauth/start",
                "/v1/session/stream", "/v1/oauth/callback");
    }

    /**
     * Concurrent creates share group commits (common/GroupTransaction); each 201 must still mean
     * "stored": the link, its one LINK_CREATED event and its outbox row are read at once from
     * another connection, and a bad body among them is refused alone.
     */
    @Test
    void createWhenFortyLinksAtOnceThenEachCommittedBeforeItsResponseWithOneEventAndOneDelivery() throws Exception {
        TestTenant tenant = newTenant("concurrent-creates");
        assertThat(api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/unused"), tenant.auth()).status())
                .isEqualTo(201);
        java.util.concurrent.ExecutorService backends = java.util.concurrent.Executors.newFixedThreadPool(41);
        try {
            List<java.util.concurrent.Future<String>> created = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                created.add(backends.submit(() -> {
                    Api.Response response = create(tenant, seedExample());
                    assertThat(response.status()).as(response.text()).isEqualTo(201);
                    String linkId = response.json().get("linkId").asString();
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM links WHERE id = ?").param(linkId).query(Long.class).single())
                            .isEqualTo(1);
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM events WHERE link_id = ? AND type = 'LINK_CREATED'")
                            .param(linkId).query(Long.class).single()).isEqualTo(1);
                    return linkId;
                }));
            }
            java.util.concurrent.Future<Api.Response> bad = backends.submit(() -> create(tenant, Map.of("integrationId", "")));
            Set<String> ids = new HashSet<>();
            for (java.util.concurrent.Future<String> future : created) {
                ids.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(40);
            assertThat(bad.get(60, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(400);
        } finally {
            backends.shutdownNow();
        }
        assertThat(linkCount(tenant)).isEqualTo(40);
        // one to the tenant's endpoint and one to each link's own webhookUrl (seed 002's example has one)
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE tenant_id = ? AND event_type = 'LINK_CREATED' "
                + "AND endpoint_id IS NOT NULL").param(tenant.id()).query(Long.class).single()).isEqualTo(40);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT event_id) FROM webhook_deliveries WHERE tenant_id = ? "
                + "AND event_type = 'LINK_CREATED' AND endpoint_id IS NULL AND url = 'https://your-server.com/webhook'")
                .param(tenant.id()).query(Long.class).single()).isEqualTo(40);
        for (String id : jdbc.sql("SELECT id FROM links WHERE tenant_id = ?").param(tenant.id()).query(String.class).list()) {
            assertThat(api.get("/v1/links/" + id, tenant.auth()).status()).isEqualTo(200);
        }
    }
}
