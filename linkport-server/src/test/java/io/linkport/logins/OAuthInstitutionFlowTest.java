package io.linkport.logins;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.linkport.logins.LoginFlows.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /v1/OAuth/Authorize for an OAuth institution: the generic OAuth connector ({@code oidc_test_bank}
 * in {@link ServerTest}'s properties) against a real third-party authorization server,
 * navikt's mock-oauth2-server, on loopback port {@link ServerTest#OAUTH_TEST_PORT}.
 */
class OAuthInstitutionFlowTest extends ServerTest {

    static MockOAuth2Server oauthServer;

    @BeforeAll
    static void startAuthorizationServer() {
        oauthServer = new MockOAuth2Server();
        oauthServer.start(OAUTH_TEST_PORT);
    }

    @AfterAll
    static void stopAuthorizationServer() {
        oauthServer.shutdown();
    }

    @Test
    void authorizeOAuthInstitutionThenPkceAndOwnStateThenLoginIdThenLiveRefreshAndData() {
        TestTenant tenant = newTenant("oauth institution");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        String tenantState = "tenant state/ü+&=";

        Api.Response start = api.get(LoginFlows.authorizeUrl(tenant, "oidc_test_bank", REDIRECT, tenantState));
        assertThat(start.status()).as(start.text()).isEqualTo(302);
        String authorization = start.header("Location");
        assertThat(authorization).startsWith("http://localhost:" + OAUTH_TEST_PORT + "/default/authorize?");
        Map<String, String> params = LoginFlows.query(authorization);
        assertThat(params).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", "linkport-test-client").containsEntry("scope", "openid");
        assertThat(params.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(params.get("state")).isNotEqualTo(tenantState).hasSizeGreaterThanOrEqualTo(43);
        assertThat(params.get("redirect_uri")).endsWith("/v1/logins/oauth/callback");

        // The authorization server logs the user in and sends them back to Linkport with a code.
        Api.Response atInstitution = api.get(authorization);
        assertThat(atInstitution.status()).isEqualTo(302);
        String callback = atInstitution.header("Location");
        assertThat(LoginFlows.query(callback)).containsEntry("state", params.get("state")).containsKey("code");

        Api.Response back = api.get(callback);
        assertThat(back.status()).as(back.text()).isEqualTo(303);
        Map<String, String> result = LoginFlows.query(back.header("Location"));
        assertThat(back.header("Location")).startsWith(REDIRECT + "?loginId=login_");
        assertThat(result.get("state")).isEqualTo(tenantState);
        String loginId = result.get("loginId");

        Api.Response replay = api.get(callback);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.header("Location")).isNull();

        String sealed = jdbc.sql("SELECT secret_ciphertext FROM logins WHERE id = ?").param(loginId).query(String.class).single();
        assertThat(sealed).startsWith("v1:mk1:").doesNotContain("refresh_token");

        // Live: the refresh token gets a new access token; the data endpoint is read with it.
        Api.Response live = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false, "Save", true),
                tenant.auth());
        assertThat(live.status()).as(live.text()).isEqualTo(200);
        Api.Response detail = api.post("/v1/GetAccountsDetail", Map.of("RequestId", live.json().get("RequestId").asString()),
                tenant.auth());
        assertThat(detail.json().get("resources").get("identity").get("sub").asString()).isNotBlank();
        assertThat(detail.json().get("Institution").asString()).isEqualTo("oidc_test_bank");
        String resealed = jdbc.sql("SELECT secret_ciphertext FROM logins WHERE id = ?").param(loginId).query(String.class).single();
        assertThat(resealed).isNotEqualTo(sealed);
    }

    @Test
    void authorizeOAuthInstitutionWhenUserDeniesThenErrorRedirectWithTenantState() {
        TestTenant tenant = newTenant("oauth denied");
        LoginFlows.allowRedirects(api, tenant, REDIRECT);
        String authorization = api.get(LoginFlows.authorizeUrl(tenant, "oidc_test_bank", REDIRECT, "st 1")).header("Location");
        String linkportState = LoginFlows.query(authorization).get("state");

        Api.Response back = api.get("/v1/logins/oauth/callback?error=access_denied&state=" + LoginFlows.enc(linkportState));

        assertThat(back.status()).isEqualTo(303);
        Map<String, String> result = LoginFlows.query(back.header("Location"));
        assertThat(result).containsEntry("state", "st 1").containsEntry("error", "access_denied").doesNotContainKey("loginId");
        assertThat(result.get("error_description")).matches("[A-Za-z0-9 .,'-]+");
    }

    @Test
    void connectWithOAuthInstitutionThenAuthorizationServerThenLoginSavedWithItsTokens() {
        TestTenant tenant = newTenant("connect oauth");
        String token = api.post("/v1/GenerateAuthorizeToken", "", tenant.auth()).json().get("Token").asString();

        WidgetLogin widget = WidgetLogin.of(api, api.get("/v1/connect?authorizeToken=" + token + "&institution=oidc_test_bank"));
        assertThat(widget.consent().get("step").asString()).isEqualTo("oauth_redirect");
        Api.Response start = widget.post("/v1/session/oauth/start", Map.of());
        String authorizationUrl = start.json().get("authorizationUrl").asString();
        assertThat(authorizationUrl).startsWith("http://localhost:" + OAUTH_TEST_PORT + "/default/authorize?");
        String callback = api.get(authorizationUrl).header("Location");
        assertThat(api.get(callback).status()).isEqualTo(200);
        widget.awaitStep("completed");
        JsonNode finished = widget.finish();

        assertThat(finished.get("status").asString()).isEqualTo("completed");
        String loginId = finished.get("loginId").asString();
        assertThat(jdbc.sql("SELECT auth_method FROM logins WHERE id = ?").param(loginId).query(String.class).single())
                .isEqualTo("OAUTH");
        assertThat(api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true), tenant.auth()).status())
                .isEqualTo(200);
        Api.Response live = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false), tenant.auth());
        assertThat(live.status()).as(live.text()).isEqualTo(200);
    }

    @Test
    void oauthCallbackWhenStateUnknownThenErrorPageWithoutRedirect() {
        Api.Response forged = api.get("/v1/logins/oauth/callback?code=abc&state=forged");
        Api.Response missing = api.get("/v1/logins/oauth/callback?code=abc");

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.header("Location")).isNull();
        assertThat(missing.status()).isEqualTo(400);
    }
}
