package io.linkport.sessions;

import static io.linkport.links.LinkFixtures.seedExample;
import static io.linkport.links.LinkFixtures.singleRead;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.common.Mode;
import io.linkport.links.LinkService;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import io.linkport.tokens.TokenKind;
import io.linkport.tokens.TokenService;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** POST /v1/sessions with a claim code, a link token (seed 000) or a user token (seed 001); OAuth leg. */
class SessionClaimTest extends ServerTest {

    @Autowired
    TokenService tokens;

    @Autowired
    LinkService links;

    private JsonNode createLink(TestTenant tenant) {
        Api.Response response = api.post("/v1/links", seedExample(), tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }

    private String linkToken(TestTenant tenant, Map<String, Object> body) {
        Api.Response response = api.post("/v1/link_tokens", body, tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("data").get("token").asString();
    }

    @Test
    void hundredConcurrentClaimsOfOneLinkThenExactlyOneSucceeds() throws Exception {
        TestTenant tenant = newTenant("claim-race");
        JsonNode link = createLink(tenant);
        String claimCode = link.get("claimCode").asString();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Callable<Api.Response> claim = () -> {
                    start.await();
                    return api.post("/v1/sessions", Map.of("claimCode", claimCode));
                };
                answers.add(pool.submit(claim));
            }
            start.countDown();
            int created = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                if (response.status() == 201) {
                    created++;
                } else {
                    assertThat(response.status()).as(response.text()).isEqualTo(409);
                    assertThat(response.json().get("error").asString()).isEqualTo("link_already_claimed");
                }
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        String linkId = link.get("linkId").asString();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM link_sessions WHERE link_id = ?").param(linkId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM events WHERE link_id = ? AND type = 'LINK_CLAIMED'").param(linkId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void claimWhenCodeUnknownOrBodyWrongThenErrors() {
        assertThat(api.post("/v1/sessions", Map.of("claimCode", "clm_00000000000000000000000000000000")).json()
                .get("error").asString()).isEqualTo("link_not_found");
        Api.Response two = api.post("/v1/sessions", Map.of("claimCode", "clm_x", "linkToken", "y"));
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().get("error").asString()).isEqualTo("Validation failed");
        assertThat(api.post("/v1/sessions", Map.of()).status()).isEqualTo(400);
        assertThat(api.post("/v1/sessions", Map.of("claimCode", 5)).status()).isEqualTo(400);
        assertThat(api.post("/v1/sessions", Map.of("linkToken", "not-a-jwt")).json().get("error").asString())
                .isEqualTo("invalid_token");
    }

    @Test
    void claimWhenLinkCanceledThenGone() {
        TestTenant tenant = newTenant("claim-canceled");
        JsonNode link = createLink(tenant);
        api.delete("/v1/links/" + link.get("linkId").asString(), tenant.auth());
        Api.Response response = api.post("/v1/sessions", Map.of("claimCode", link.get("claimCode").asString()));
        assertThat(response.status()).isEqualTo(410);
        assertThat(response.json().get("error").asString()).isEqualTo("link_canceled");
    }

    @Test
    void linkTokenClaimThenPayrollPickLoginAndSecondClaimRefused() {
        TestTenant tenant = newTenant("claim-link-token");
        String token = linkToken(tenant, Map.of("org_name", "Acme Lending", "required_jobs", List.of("employment", "income"),
                "end_user_id", "eu-7", "webhook_url", "https://acme.example/hooks"));
        SessionClient session = SessionClient.claim(api, "linkToken", token);
        JsonNode started = session.started.get("session");
        assertThat(started.get("step").asString()).isEqualTo("select_integration");
        assertThat(started.get("integrationFixed").asBoolean()).isFalse();
        assertThat(started.get("orgName").asString()).isEqualTo("Acme Lending");
        assertThat(started.get("endUserId").asString()).isEqualTo("eu-7");
        assertThat(started.get("linkTokenId").asString()).isNotBlank();
        assertThat(started.get("operations").findValuesAsString("resource")).containsExactly("employment", "income");

        Api.Response again = api.post("/v1/sessions", Map.of("linkToken", token));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("token_already_used");
        // The replay is told to the tenant: a TOKEN_REJECTED event naming the token and the link it opened.
        JsonNode rejected = api.get("/v1/events?type=TOKEN_REJECTED", tenant.auth()).json();
        assertThat(rejected.toString()).contains(started.get("linkTokenId").asString()).contains("token_already_used")
                .contains(session.linkId()).contains("sessions").doesNotContain(token);
        assertThat(jdbc.sql("SELECT link_id FROM issued_tokens WHERE id = ?").param(started.get("linkTokenId").asString())
                .query(String.class).single()).isEqualTo(session.linkId());

        JsonNode offered = api.get("/v1/session/integrations", session.auth()).json().get("integrations");
        assertThat(offered.findValuesAsString("id")).contains("adp", "gusto").doesNotContain("tmobile");
        assertThat(offered.findValuesAsString("category")).containsOnly("payroll");
        assertThat(api.get("/v1/session/integrations?q=gus", session.auth()).json().get("integrations")
                .findValuesAsString("id")).containsExactly("gusto");
        assertThat(session.post("/v1/session/integration", Map.of("integrationId", "tmobile")).status()).isEqualTo(400);
        JsonNode picked = session.ok("/v1/session/integration", Map.of("integrationId", "adp"), 200);
        assertThat(picked.get("step").asString()).isEqualTo("consent");
        assertThat(picked.get("integration").get("name").asString()).isEqualTo("ADP");
        assertThat(session.consent().get("step").asString()).isEqualTo("credentials");
        session.logIn("user_good", "pass_good");
        session.awaitStep("completed");

        JsonNode link = api.get("/v1/links/" + session.linkId(), tenant.auth()).json();
        assertThat(link.get("linkTokenId").asString()).isEqualTo(started.get("linkTokenId").asString());
        assertThat(link.get("webhookUrl").asString()).isEqualTo("https://acme.example/hooks");
        assertThat(link.get("result").get("operations").findValuesAsString("resource")).containsExactly("employment", "income");
        String claimed = jdbc.sql("SELECT data FROM events WHERE link_id = ? AND type = 'LINK_CLAIMED'")
                .param(session.linkId()).query(String.class).single();
        assertThat(claimed).contains("\"linkTokenId\":\"" + started.get("linkTokenId").asString() + "\"")
                .contains("\"endUserId\":\"eu-7\"");
    }

    /** Consent is to one institution's operations: picking another one afterwards asks for it again. */
    @Test
    void consentedThenAnotherIntegrationPickedThenConsentAskedAgainBeforeLogin() {
        TestTenant tenant = newTenant("claim-repick");
        SessionClient session = SessionClient.claim(api, "linkToken",
                linkToken(tenant, Map.of("org_name", "Acme", "required_jobs", List.of("employment"), "end_user_id", "eu-repick")));
        session.ok("/v1/session/integration", Map.of("integrationId", "adp"), 200);
        assertThat(session.consent().get("step").asString()).isEqualTo("credentials");

        JsonNode repicked = session.ok("/v1/session/integration", Map.of("integrationId", "gusto"), 200);

        assertThat(repicked.get("step").asString()).isEqualTo("consent");
        assertThat(repicked.get("integration").get("id").asString()).isEqualTo("gusto");
        Api.Response early = session.post("/v1/session/credentials",
                Map.of("credentials", Map.of("username", "user_good", "password", "pass_good")));
        assertThat(early.status()).as(early.text()).isEqualTo(409);
        assertThat(early.json().get("error").asString()).isEqualTo("consent_required");
        assertThat(session.consent().get("step").asString()).isEqualTo("credentials");
        session.logIn("user_good", "pass_good");
        assertThat(session.awaitStep("completed").get("integration").get("id").asString()).isEqualTo("gusto");
    }

    @Test
    void linkTokenWithIntegrationIdThenIntegrationFixed() {
        TestTenant tenant = newTenant("claim-link-token-fixed");
        String token = linkToken(tenant, Map.of("org_name", "Acme", "required_jobs", List.of("paystubs", "direct_deposit_switch"),
                "end_user_id", "eu-8", "integration_id", "gusto", "allocation", Map.of("targets", List.of(
                        Map.of("type", "checking", "routing_number", "021000021", "account_number", "12345678")))));
        SessionClient session = SessionClient.claim(api, "linkToken", token);
        JsonNode started = session.started.get("session");
        assertThat(started.get("integrationFixed").asBoolean()).isTrue();
        assertThat(started.get("integration").get("id").asString()).isEqualTo("gusto");
        assertThat(started.get("step").asString()).isEqualTo("consent");
        assertThat(started.get("operations").get(1).get("resource").asString()).isEqualTo("directDeposit");
        assertThat(started.get("operations").get(1).get("action").asString()).isEqualTo("write");
        assertThat(api.get("/v1/session/integrations", session.auth()).json().get("integrations")).isEmpty();
        assertThat(session.post("/v1/session/integration", Map.of("integrationId", "adp")).json().get("error").asString())
                .isEqualTo("integration_fixed");
    }

    /** Follows the authorization URL to the sandbox OAuth bank's page and answers it; returns where it redirects. */
    private String decideAtBank(String authorizationUrl, String decision) {
        String form = URI.create(authorizationUrl).getRawQuery() + "&decision=" + decision + "&username=user_good";
        Api.Response answer = api.send("POST", "/sandbox/oauth/authorize", "application/x-www-form-urlencoded", form);
        assertThat(answer.status()).as(answer.text()).isBetween(301, 303);
        return answer.header("Location");
    }

    @Test
    void oauthInstitutionThenPkceLoginThroughCallbackAndFlatResult() {
        TestTenant tenant = newTenant("claim-oauth");
        JsonNode created = api.post("/v1/links", singleRead("oauth_bank", "accounts"), tenant.auth()).json();
        SessionClient session = SessionClient.claim(api, "claimCode", created.get("claimCode").asString());
        assertThat(session.started.get("session").get("integration").get("authMethod").asString()).isEqualTo("OAUTH");
        Api.Response early = session.post("/v1/session/oauth/start", Map.of());
        assertThat(early.json().get("error").asString()).isEqualTo("consent_required");
        assertThat(session.consent().get("step").asString()).isEqualTo("oauth_redirect");
        assertThat(session.post("/v1/session/credentials", Map.of("credentials", Map.of())).json().get("error").asString())
                .isEqualTo("oauth_required");
        String authorizationUrl = session.ok("/v1/session/oauth/start", Map.of(), 200).get("authorizationUrl").asString();
        assertThat(query(authorizationUrl, "code_challenge_method")).isEqualTo("S256");
        String callback = decideAtBank(authorizationUrl, "approve");
        assertThat(callback).startsWith(api.baseUrl() + "/v1/oauth/callback?");
        Api.Response page = api.get(callback);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.text()).contains("linkport:oauth_complete").contains(session.linkId());
        assertThat(api.get(callback).status()).isEqualTo(400);
        session.awaitStep("completed");
        JsonNode result = api.get("/v1/links/" + session.linkId(), tenant.auth()).json().get("result");
        assertThat(result.propertyNames()).containsExactly("accounts");
        String verifiers = jdbc.sql("SELECT verifier_encrypted FROM link_oauth_states WHERE link_id = ?")
                .param(session.linkId()).query(String.class).single();
        assertThat(verifiers).startsWith("v1:");
    }

    @Test
    void oauthDeniedAtInstitutionThenLinkFails() {
        TestTenant tenant = newTenant("claim-oauth-denied");
        JsonNode created = api.post("/v1/links", singleRead("oauth_bank", "accounts"), tenant.auth()).json();
        SessionClient session = SessionClient.claim(api, "claimCode", created.get("claimCode").asString());
        session.consent();
        String authorizationUrl = session.ok("/v1/session/oauth/start", Map.of(), 200).get("authorizationUrl").asString();
        String callback = decideAtBank(authorizationUrl, "deny");
        assertThat(callback).contains("error=access_denied");
        assertThat(api.get(callback).status()).isEqualTo(200);
        JsonNode failed = session.awaitStep("failed");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("ACCESS_DENIED");
        assertThat(api.get("/v1/oauth/callback?code=x&state=unknown").status()).isEqualTo(400);
    }

    @Test
    void userTokenClaimThenUserPicksIntegrationAndAllReadsRun() {
        TestTenant tenant = newTenant("claim-user-token");
        String jwt = tokens.issue(TokenKind.USER, tenant.id(), Mode.SANDBOX, "usr_claim_1", null, Map.of(),
                Duration.ofMinutes(30)).jwt();
        SessionClient session = SessionClient.claim(api, "accessToken", jwt);
        assertThat(session.started.get("session").get("step").asString()).isEqualTo("select_integration");
        assertThat(session.started.get("session").get("operations")).isEmpty();
        JsonNode offered = api.get("/v1/session/integrations?q=mobile", session.auth()).json().get("integrations");
        assertThat(offered.findValuesAsString("id")).containsExactly("tmobile");
        JsonNode picked = session.ok("/v1/session/integration", Map.of("integrationId", "tmobile"), 200);
        assertThat(picked.get("operations").findValuesAsString("resource"))
                .containsExactly("paymentMethod", "mobileBillingStatement");
        assertThat(picked.get("operations").findValuesAsString("action")).containsOnly("read");
        session.consent();
        session.logIn("user_good", "pass_good");
        session.awaitStep("completed");
        JsonNode link = api.get("/v1/links/" + session.linkId(), tenant.auth()).json();
        assertThat(link.get("userId").asString()).isEqualTo("usr_claim_1");
        assertThat(link.get("result").get("operations")).hasSize(2);
        assertThat(links.listForUser(tenant.id(), "usr_claim_1", null)).extracting(l -> l.id()).containsExactly(session.linkId());
        assertThat(api.post("/v1/sessions", Map.of("accessToken", jwt)).json().get("error").asString())
                .isEqualTo("token_already_used");
        assertThat(links.deleteResultsForUser(tenant.id(), "usr_claim_1", null)).isEqualTo(1);
        assertThat(api.get("/v1/links/" + session.linkId(), tenant.auth()).json().has("result")).isFalse();
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in " + url);
    }
}
