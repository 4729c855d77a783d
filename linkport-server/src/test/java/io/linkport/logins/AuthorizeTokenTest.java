package io.linkport.logins;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizeTokenTest extends ServerTest {

    @Test
    void generateAuthorizeTokenWithFlinksAuthKeyThenOneTimeTokenValidThirtyMinutes() {
        TestTenant tenant = newTenant("authorize token");

        Api.Response response = api.post("/v1/GenerateAuthorizeToken", "", "flinks-auth-key", tenant.secret());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("HttpStatusCode").asInt()).isEqualTo(200);
        String token = response.json().get("Token").asString();
        assertThat(token.split("\\.")).hasSize(3);
        OffsetDateTime expiresAt = OffsetDateTime.parse(response.json().get("expiresAt").asString());
        assertThat(expiresAt).isBetween(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(29), OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(31));
    }

    @Test
    void generateAuthorizeTokenWithoutKeyThenUnauthorized() {
        Api.Response none = api.post("/v1/GenerateAuthorizeToken", "");
        Api.Response wrong = api.post("/v1/GenerateAuthorizeToken", "", "flinks-auth-key", "sk_sandbox_wrong");

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void connectWithTokenThenHostedLoginOnceAndReuseShowsErrorScreenAndEvent() {
        TestTenant tenant = newTenant("connect once");
        String token = token(tenant);

        Api.Response first = api.get("/v1/connect?authorizeToken=" + token + "&institution=sandbox_bank&language=en");
        Api.Response second = api.get("/v1/connect?authorizeToken=" + token);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Location")).isNull();
        assertThat(first.header("Content-Security-Policy")).contains("frame-ancestors 'self'");
        JsonNode session = WidgetLogin.of(api, first).session();
        assertThat(session.get("integration").get("id").asString()).isEqualTo("sandbox_bank");
        assertThat(session.get("language").asString()).isEqualTo("en");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Location")).isNull();
        assertThat(second.header("Content-Type")).startsWith("text/html");
        assertThat(second.text()).contains("already used");
        assertThat(rejections(tenant, "token_already_used")).isEqualTo(1);
    }

    @Test
    void connectWhenTokenExpiredThenErrorScreenAndEvent() {
        TestTenant tenant = newTenant("connect expired");
        String token = token(tenant);
        // 30 minutes pass: the database row decides expiry, whatever the JWT's own exp says.
        jdbc.sql("UPDATE issued_tokens SET expires_at = ? WHERE tenant_id = ? AND kind = 'AUTHORIZE'")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), tenant.id()).update();

        Api.Response response = api.get("/v1/connect?authorizeToken=" + token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Location")).isNull();
        assertThat(response.text()).contains("expired");
        assertThat(rejections(tenant, "token_expired")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM authorize_flows WHERE tenant_id = ?").param(tenant.id()).query(Long.class)
                .single()).isZero();
    }

    @Test
    void connectWhenTokenMissingOrForgedThenErrorScreen() {
        Api.Response missing = api.get("/v1/connect");
        Api.Response forged = api.get("/v1/connect?authorizeToken=eyJhbGciOiJFUzI1NiJ9.e30.c2ln");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("Location")).isNull();
        assertThat(forged.text()).contains("not valid");
    }

    @Test
    void connectWhenRedirectUrlNotRegisteredThenErrorScreenAndTokenStillUnused() {
        TestTenant tenant = newTenant("connect redirect");
        String token = token(tenant);

        Api.Response refused = api.get("/v1/connect?authorizeToken=" + token + "&redirectUrl=" + LoginFlows.enc("https://evil.example/"));
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        Api.Response accepted = api.get("/v1/connect?authorizeToken=" + token + "&redirectUrl=" + LoginFlows.enc(LoginFlows.REDIRECT));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Location")).isNull();
        assertThat(accepted.status()).isEqualTo(200);
    }

    @Test
    void connectWithRedirectUrlThenUserPicksInstitutionLogsInAndGoesBackWithLoginIdAndState() {
        TestTenant tenant = newTenant("connect redirect flow");
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        Api.Response page = api.get("/v1/connect?authorizeToken=" + token(tenant) + "&redirectUrl="
                + LoginFlows.enc(LoginFlows.REDIRECT) + "&state=" + LoginFlows.enc(CustomIntegrationFlowTest.STATE));
        WidgetLogin widget = WidgetLogin.of(api, page);

        JsonNode opened = widget.session();
        assertThat(opened.get("step").asString()).isEqualTo("select_integration");
        JsonNode picked = widget.choose("sandbox_bank").json();
        assertThat(picked.get("operations").findValuesAsString("action")).containsOnly("read").isNotEmpty();
        Map<String, String> back = LoginFlows.loginThrough(api, widget, "user_good", "pass_good");

        assertThat(back.get("state")).isEqualTo(CustomIntegrationFlowTest.STATE);
        assertThat(jdbc.sql("SELECT integration_id FROM logins WHERE id = ? AND tenant_id = ?").params(back.get("loginId"),
                tenant.id()).query(String.class).single()).isEqualTo("sandbox_bank");
    }

    @Test
    void sessionsWhenAuthorizeTokenForgedOrOfAnotherKindOrSentWithAnotherClaimThenRefusedAndNothingCreated() {
        TestTenant tenant = newTenant("sdk bad authorize token");
        String linkToken = api.post("/v1/link_tokens", Map.of("org_name", "Acme", "required_jobs", java.util.List.of("income"),
                "end_user_id", "u1"), tenant.auth()).json().get("data").get("token").asString();

        Api.Response forged = api.post("/v1/sessions", Map.of("authorizeToken", "eyJhbGciOiJFZERTQSJ9.e30.c2ln"));
        Api.Response wrongKind = api.post("/v1/sessions", Map.of("authorizeToken", linkToken));
        Api.Response two = api.post("/v1/sessions", Map.of("authorizeToken", token(tenant), "claimCode", "clm_x"));
        Api.Response empty = api.post("/v1/sessions", Map.of("authorizeToken", ""));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().has("error")).isTrue();
        assertThat(wrongKind.status()).isEqualTo(401);
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().get("issues").toString()).contains("exactly one of");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM links WHERE tenant_id = ?").param(tenant.id()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM authorize_flows WHERE tenant_id = ?").param(tenant.id()).query(Long.class)
                .single()).isZero();
    }

    @Test
    void sdkWithAuthorizeTokenThenSessionSavesLoginOnceAndTokenCannotOpenAnother() {
        TestTenant tenant = newTenant("sdk authorize token");
        String token = token(tenant);

        Api.Response started = api.post("/v1/sessions", Map.of("authorizeToken", token));
        Api.Response again = api.post("/v1/sessions", Map.of("authorizeToken", token));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("token_already_used");
        assertThat(rejections(tenant, "token_already_used")).isEqualTo(1);

        String session = started.json().get("sessionToken").asString();
        assertThat(api.post("/v1/session/integration", Map.of("integrationId", "sandbox_bank"), Api.bearer(session)).status())
                .isEqualTo(200);
        api.post("/v1/session/consent", Map.of(), Api.bearer(session));
        api.post("/v1/session/credentials", Map.of("credentials", Map.of("username", "user_mfa_code", "password", "pass_good")),
                Api.bearer(session));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                api.get("/v1/session", Api.bearer(session)).json().get("step").asString().equals("mfa"));
        api.post("/v1/session/mfa", Map.of("code", "1234"), Api.bearer(session));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                api.get("/v1/session", Api.bearer(session)).json().get("step").asString().equals("completed"));
        JsonNode finished = api.post("/v1/connect/finish", Map.of(), Api.bearer(session)).json();

        assertThat(finished.get("status").asString()).isEqualTo("completed");
        assertThat(finished.has("redirectUrl")).isFalse();
        String loginId = finished.get("loginId").asString();
        // Credentials typed before MFA were kept through it: a live refresh logs in with them (and meets MFA again).
        Api.Response live = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false), tenant.auth());
        assertThat(live.status()).as(live.text()).isEqualTo(203);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM events WHERE tenant_id = ? AND type = 'LOGIN_SAVED'").param(tenant.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM authorize_flows WHERE tenant_id = ? AND pending_ciphertext IS NOT NULL")
                .param(tenant.id()).query(Long.class).single()).isZero();
    }

    @Test
    void authorizeWithAuthorizeTokenInFlinksAuthKeyThenTokenUsedUp() {
        TestTenant tenant = newTenant("authorize with token");
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        String loginId = LoginFlows.loginThrough(api, LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "s"),
                "user_good", "pass_good").get("loginId");
        String token = token(tenant);

        Api.Response first = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true),
                "flinks-auth-key", token);
        Api.Response again = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true),
                "flinks-auth-key", token);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("token_already_used");
        assertThat(rejections(tenant, "token_already_used")).isEqualTo(1);
    }

    private String token(TestTenant tenant) {
        return api.post("/v1/GenerateAuthorizeToken", "", tenant.auth()).json().get("Token").asString();
    }

    private long rejections(TestTenant tenant, String reason) {
        return jdbc.sql("SELECT COUNT(*) FROM events WHERE tenant_id = ? AND type = 'TOKEN_REJECTED' AND data LIKE ?")
                .params(tenant.id(), "%" + reason + "%").query(Long.class).single();
    }
}
