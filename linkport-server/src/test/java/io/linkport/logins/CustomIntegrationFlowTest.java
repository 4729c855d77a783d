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

        String page = LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", STATE);
        assertThat(api.get(page).text()).contains("name=\"password\"").contains("type=\"password\"");
        Map<String, String> back = LoginFlows.loginThrough(api, page, "user_mfa_code", "pass_good");

        assertThat(back.get("state")).isEqualTo(STATE);
        String loginId = back.get("loginId");
        assertThat(loginId).startsWith("login_");

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
        String page = LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", STATE);

        Api.Response response = LoginFlows.submitCredentials(api, page, "user_locked", "pass_good");

        assertThat(response.status()).isEqualTo(303);
        Map<String, String> back = LoginFlows.query(response.header("Location"));
        assertThat(back.get("state")).isEqualTo(STATE);
        assertThat(back.get("error")).isEqualTo("account_locked");
        assertThat(back.get("error_description")).matches("[A-Za-z0-9 .,'-]+");
        assertThat(back).doesNotContainKey("loginId");
        assertThat(response.header("Location")).startsWith(REDIRECT + "?state=");
    }

    @Test
    void hostedLoginWhenUserCancelsThenAccessDeniedAndFlowCannotBeReused() {
        TestTenant tenant = newTenant("cancel");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        String page = LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "st");

        Map<String, String> back = LoginFlows.query(LoginFlows.form(api, page + "/cancel", Map.of()).header("Location"));
        Api.Response late = LoginFlows.submitCredentials(api, page, "user_good", "pass_good");

        assertThat(back).containsEntry("error", "access_denied").containsEntry("state", "st");
        assertThat(LoginFlows.query(late.header("Location"))).containsEntry("error", "access_denied");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM logins WHERE tenant_id = ?").param(tenant.id()).query(Long.class).single())
                .isZero();
    }

    @Test
    void hostedLoginWhenPasswordWrongThreeTimesThenInvalidCredentials() {
        TestTenant tenant = newTenant("wrong password");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        String page = LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "st");

        Api.Response first = LoginFlows.submitCredentials(api, page, "user_good", "wrong");
        assertThat(first.header("Location")).isEqualTo(page);
        assertThat(api.get(page).text()).contains("2 attempts left");
        LoginFlows.submitCredentials(api, page, "user_good", "wrong");
        Api.Response last = LoginFlows.submitCredentials(api, page, "user_good", "wrong");

        assertThat(LoginFlows.query(last.header("Location"))).containsEntry("error", "invalid_credentials")
                .containsEntry("state", "st");
    }

    @Test
    void hostedLoginWhenFlowUnknownThenErrorPage() {
        Api.Response response = api.get("/v1/login/flow_doesnotexist");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Location")).isNull();
        assertThat(response.text()).contains("does not exist");
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
