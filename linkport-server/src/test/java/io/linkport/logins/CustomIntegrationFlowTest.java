package io.linkport.logins;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.linkport.logins.LoginFlows.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003's custom integration, end to end over HTTP. */
class CustomIntegrationFlowTest extends ServerTest {

    /** Characters that break naive encoders: space, plus, ampersand, equals, percent, hash, slash, non-ASCII. */
    static final String STATE = "a b+c&d=e%20f#g/h?i~é😀";

    @Test
    void authorizeLoginWithMfaThenRedirectThenAuthorizeLiveAndCachedThenData() {
        TestTenant tenant = newTenant("custom integration");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);

        WidgetLogin widget = LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", STATE);
        JsonNode opened = widget.session();
        assertThat(opened.get("integration").get("id").asString()).isEqualTo("sandbox_bank");
        assertThat(opened.get("step").asString()).isEqualTo("consent");
        Map<String, String> back = LoginFlows.loginThrough(api, widget, "user_mfa_code", "pass_good");

        assertThat(back.get("state")).isEqualTo(STATE);
        String loginId = back.get("loginId");
        assertThat(loginId).startsWith("login_");
        assertThat(back.keySet()).containsExactly("loginId", "state");

        // What the widget read while connecting is the login's first cached data.
        Api.Response first = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true), tenant.auth());
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        Api.Response firstDetail = api.post("/v1/GetAccountsDetail", Map.of("RequestId", first.json().get("RequestId").asString()),
                tenant.auth());
        assertThat(firstDetail.json().get("Accounts").size()).isPositive();

        // Live: the institution asks for MFA again; 203 with the challenge, then the answer.
        Api.Response live = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false, "Save", true),
                "flinks-auth-key", tenant.secret());
        assertThat(live.status()).as(live.text()).isEqualTo(203);
        JsonNode challenge = live.json().get("SecurityChallenges").get(0);
        assertThat(live.json().get("HttpStatusCode").asInt()).isEqualTo(203);
        String requestId = live.json().get("RequestId").asString();
        Api.Response answered = api.post("/v1/Authorize", Map.of("RequestId", requestId,
                "SecurityResponses", Map.of(challenge.get("Prompt").asString(), java.util.List.of("1234"))), tenant.auth());
        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(answered.json().get("RequestId").asString()).isEqualTo(requestId);
        assertThat(answered.json().get("Login").get("Id").asString()).isEqualTo(loginId);
        assertThat(answered.json().get("Login").get("IsScheduledRefresh").asBoolean()).isTrue();

        Api.Response detail = api.post("/v1/GetAccountsDetail", Map.of("RequestId", requestId), tenant.auth());
        assertThat(detail.status()).as(detail.text()).isEqualTo(200);
        assertThat(detail.json().get("Accounts").size()).isPositive();
        assertThat(detail.json().get("resources").has("identity")).isTrue();
        String fetchedAt = detail.json().get("fetchedAt").asString();

        // Cached: a new request id over the same snapshot, without the institution (no MFA asked).
        Api.Response cached = api.post("/v1/Authorize", Map.of("loginId", loginId, "mostRecentCached", true), tenant.auth());
        assertThat(cached.status()).as(cached.text()).isEqualTo(200);
        String cachedRequest = cached.json().get("RequestId").asString();
        assertThat(cachedRequest).isNotEqualTo(requestId);
        Api.Response cachedDetail = api.post("/v1/GetAccountsDetail", Map.of("RequestId", cachedRequest), tenant.auth());
        assertThat(cachedDetail.json().get("fetchedAt").asString()).isEqualTo(fetchedAt);
        assertThat(cachedDetail.json().get("Accounts")).isEqualTo(detail.json().get("Accounts"));
    }

    @Test
    void authorizeWhenMfaAnswerWrongThreeTimesThenChallengeClosed() {
        TestTenant tenant = newTenant("wrong mfa");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        String loginId = LoginFlows.loginThrough(api, LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "s"),
                "user_mfa_code", "pass_good").get("loginId");
        String requestId = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false), tenant.auth())
                .json().get("RequestId").asString();
        Map<String, Object> wrong = Map.of("RequestId", requestId, "SecurityResponses", Map.of("code", java.util.List.of("0000")));

        Api.Response first = api.post("/v1/Authorize", wrong, tenant.auth());
        Api.Response second = api.post("/v1/Authorize", wrong, tenant.auth());
        Api.Response third = api.post("/v1/Authorize", wrong, tenant.auth());
        Api.Response right = api.post("/v1/Authorize", Map.of("RequestId", requestId,
                "SecurityResponses", Map.of("code", java.util.List.of("1234"))), tenant.auth());

        assertThat(first.status()).isEqualTo(401);
        assertThat(first.json().get("error").asString()).isEqualTo("invalid_security_response");
        assertThat(first.json().get("message").asString()).contains("2 attempt");
        assertThat(second.status()).isEqualTo(401);
        assertThat(third.status()).isEqualTo(401);
        assertThat(third.json().get("message").asString()).contains("no attempts are left");
        assertThat(right.status()).isEqualTo(409);
        assertThat(right.json().get("error").asString()).isEqualTo("no_pending_challenge");
    }

    @Test
    void authorizeWhenLoginBelongsToAnotherTenantThenNotFound() {
        TestTenant owner = newTenant("owner of login");
        TestTenant other = newTenant("someone else");
        LoginFlows.allowRedirects(api, owner, REDIRECT);
        String loginId = LoginFlows.loginThrough(api, LoginFlows.openHostedLogin(api, owner, "sandbox_bank", "s"),
                "user_good", "pass_good").get("loginId");

        Api.Response foreign = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true), other.auth());
        Api.Response unknown = api.post("/v1/Authorize", Map.of("LoginId", "login_nope", "MostRecentCached", true), owner.auth());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("error").asString()).isEqualTo("login_not_found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_requests WHERE tenant_id = ?").param(other.id()).query(Long.class)
                .single()).isZero();
    }

    @Test
    void authorizeWhenBodyInvalidThenValidationError() {
        TestTenant tenant = newTenant("bad authorize");

        Api.Response noLogin = api.post("/v1/Authorize", Map.of("MostRecentCached", true), tenant.auth());
        Api.Response badFlag = api.post("/v1/Authorize", Map.of("LoginId", "login_x", "MostRecentCached", "maybe"), tenant.auth());
        Api.Response noAnswers = api.post("/v1/Authorize", Map.of("RequestId", "r"), tenant.auth());
        Api.Response noKey = api.post("/v1/Authorize", Map.of("LoginId", "login_x"));

        assertThat(noLogin.status()).isEqualTo(400);
        assertThat(noLogin.json().get("issues").get(0).get("path").asString()).isEqualTo("LoginId");
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.json().get("issues").get(0).get("path").asString()).isEqualTo("MostRecentCached");
        assertThat(noAnswers.status()).isEqualTo(400);
        assertThat(noKey.status()).isEqualTo(401);
    }

    @Test
    void authorizeWhenSaveFalseThenCredentialsDeletedAndOnlyCacheWorks() {
        TestTenant tenant = newTenant("save false");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        String loginId = LoginFlows.loginThrough(api, LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "s"),
                "user_good", "pass_good").get("loginId");

        Api.Response live = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false, "Save", false),
                tenant.auth());
        assertThat(live.status()).as(live.text()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT secret_ciphertext FROM logins WHERE id = ?").param(loginId).query(String.class).optional())
                .isEmpty();

        Api.Response again = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false), tenant.auth());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("credentials_not_saved");
        assertThat(api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true), tenant.auth()).status())
                .isEqualTo(200);
    }

    @Test
    void hostedLoginWhenAccountLockedThenErrorRedirectWithStateEchoed() {
        TestTenant tenant = newTenant("locked");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        WidgetLogin widget = LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", STATE);

        widget.consent();
        widget.logIn("user_locked", "pass_good");
        widget.awaitStep("failed");
        JsonNode finished = widget.finish();

        assertThat(finished.get("status").asString()).isEqualTo("failed");
        assertThat(finished.get("error").asString()).isEqualTo("account_locked");
        String redirect = finished.get("redirectUrl").asString();
        Map<String, String> back = LoginFlows.query(redirect);
        assertThat(back.get("state")).isEqualTo(STATE);
        assertThat(back.get("error")).isEqualTo("account_locked");
        assertThat(back.get("error_description")).matches("[A-Za-z0-9 .,'-]+");
        assertThat(back).doesNotContainKey("loginId");
        assertThat(redirect).startsWith(REDIRECT + "?state=");
        assertThat(widget.finish()).isEqualTo(finished);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM events WHERE tenant_id = ? AND type = 'LOGIN_FAILED'").param(tenant.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void hostedLoginWhenUserExitsThenAccessDeniedAndSessionCannotGoOn() {
        TestTenant tenant = newTenant("cancel");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        WidgetLogin widget = LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "st");
        widget.consent();

        assertThat(widget.exit().status()).isEqualTo(200);
        Map<String, String> back = LoginFlows.query(widget.finish().get("redirectUrl").asString());
        Api.Response late = widget.post("/v1/session/credentials",
                Map.of("credentials", Map.of("username", "user_good", "password", "pass_good")));

        assertThat(back).containsEntry("error", "access_denied").containsEntry("state", "st");
        assertThat(late.status()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM logins WHERE tenant_id = ?").param(tenant.id()).query(Long.class).single())
                .isZero();
    }

    @Test
    void hostedLoginWhenPasswordWrongThreeTimesThenInvalidCredentials() {
        TestTenant tenant = newTenant("wrong password");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        WidgetLogin widget = LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "st");
        widget.consent();

        widget.logIn("user_good", "wrong");
        JsonNode retry = widget.awaitStep("credentials");
        assertThat(retry.get("error").get("code").asString()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(retry.get("attemptsLeft").asInt()).isEqualTo(2);
        Api.Response early = widget.post("/v1/connect/finish", Map.of());
        widget.logIn("user_good", "wrong");
        widget.awaitStep("credentials");
        widget.logIn("user_good", "wrong");
        widget.awaitStep("failed");

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("error").asString()).isEqualTo("login_in_progress");
        assertThat(LoginFlows.query(widget.finish().get("redirectUrl").asString()))
                .containsEntry("error", "invalid_credentials").containsEntry("state", "st");
    }

    @Test
    void finishWhenSessionIsNotASavedLoginThenNotFound() {
        TestTenant tenant = newTenant("plain link");
        Api.Response link = api.post("/v1/links", Map.of("integrationId", "sandbox_bank",
                "operations", java.util.List.of(Map.of("resource", "accounts", "action", "read"))), tenant.auth());
        Api.Response session = api.post("/v1/sessions", Map.of("claimCode", link.json().get("claimCode").asString()));

        Api.Response finish = api.post("/v1/connect/finish", Map.of(), Api.bearer(session.json().get("sessionToken").asString()));
        Api.Response anonymous = api.post("/v1/connect/finish", Map.of());

        assertThat(finish.status()).as(finish.text()).isEqualTo(404);
        assertThat(finish.json().get("error").asString()).isEqualTo("not_a_login_session");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void getAccountsDetailWhenRequestUnknownOrForeignThenNotFound() {
        TestTenant tenant = newTenant("detail");

        Api.Response unknown = api.post("/v1/GetAccountsDetail", Map.of("RequestId", "nope"), tenant.auth());
        Api.Response missing = api.post("/v1/GetAccountsDetail", Map.of(), tenant.auth());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isEqualTo("request_not_found");
        assertThat(missing.status()).isEqualTo(400);
    }
}
