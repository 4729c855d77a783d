package io.linkport.widget;

import com.microsoft.playwright.options.AriaRole;
import io.linkport.testing.Api;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole flows through the real widget, the real session API and the sandbox institutions, with
 * the tenant page on another origin observing the SDK's callbacks.
 */
class WidgetFlowBrowserTest extends BrowserTest {

    @Test
    void successWhenHostIsAnotherOriginThenCallbacksCarryIdsAndNeverCredentials() {
        TestTenant tenant = newTenant("Success flow");
        String token = linkToken(tenant, null);
        openWidget(Map.of("linkToken", token));

        chooseIntegration("ADP");
        screen("consent");
        assertThat(widget().locator("main").textContent()).contains("What will be read").contains("Nothing in your account will be changed");
        consent();
        screen("credentials");
        assertThat(widget().locator("details.lp-hint[open]").textContent()).contains("Sandbox test credentials")
                .contains("user_good / pass_good").contains("user_mfa_code / pass_good");
        shot("credentials-hint");
        logIn("user_good", "pass_good");
        screen("completed");
        awaitCall("onSuccess");
        clickButton("Done");
        awaitCall("onExit");

        assertThat(callNames()).containsSubsequence("event:open", "event:select_integration", "event:submit_credentials",
                "onLogin", "event:login", "event:operation_started", "event:operation_completed", "onSuccess",
                "event:success", "event:exit", "onExit");
        Map<String, Object> success = payloadOf("onSuccess");
        assertThat((String) success.get("linkId")).startsWith("link_");
        assertThat(success.get("linkTokenId")).isEqualTo(linkTokenId(token));
        assertThat((String) success.get("endUserId")).startsWith("user-");
        assertThat(success.get("integrationId")).isEqualTo("adp");
        assertThat(payloadOf("event:login").get("linkId")).isEqualTo(success.get("linkId"));
        assertThat(calls().stream().filter(c -> "onExit".equals(c.get("name"))).findFirst().orElseThrow().get("args"))
                .asList().isEmpty();
        assertThat(callNames()).doesNotContain("onError");
        assertThat(Api.JSON.writeValueAsString(calls())).doesNotContain("pass_good").doesNotContain(token);
        Api.Response link = api.get("/v1/links/" + success.get("linkId"), tenant.auth());
        assertThat(link.json().get("status").asString()).isEqualTo("completed");
    }

    @Test
    void userAccessTokenWhenGivenToSdkThenUserPicksAnyIntegrationAndTheLinkBelongsToTheUser() {
        TestTenant tenant = newTenant("User token flow");
        Api.Response user = api.post("/v1/users", Map.of("externalUserId", "crm-77", "name", "Ada Lovelace"), tenant.auth());
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        String userId = user.json().get("userId").asString();
        String accessToken = user.json().get("token").get("accessToken").asString();
        openWidget(Map.of("accessToken", accessToken));

        chooseIntegration("T-Mobile");
        screen("consent");
        consent();
        logIn("user_good", "pass_good");
        screen("completed");
        awaitCall("onSuccess");

        String linkId = (String) payloadOf("onSuccess").get("linkId");
        assertThat(Api.JSON.writeValueAsString(calls())).doesNotContain("pass_good").doesNotContain(accessToken);
        Api.Response link = api.get("/v1/links/" + linkId, tenant.auth());
        assertThat(link.json().get("status").asString()).isEqualTo("completed");
        assertThat(link.json().get("userId").asString()).isEqualTo(userId);
        assertThat(api.get("/v1/users/" + userId, tenant.auth()).json().get("links").findValuesAsString("linkId"))
                .contains(linkId);
    }

    @Test
    void mfaWhenOneTimeCodeEnteredByKeyboardThenWrongCodeErrorThenSuccess() {
        TestTenant tenant = newTenant("MFA flow");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));

        consent();
        screen("credentials");
        page.keyboard().type("user_mfa_code");
        page.keyboard().press("Tab");
        page.keyboard().type("pass_good");
        page.keyboard().press("Enter");
        screen("mfa");
        awaitCall("event:mfa_required");
        assertThat(payloadOf("event:mfa_required").get("mfaType")).isEqualTo("ONE_TIME_CODE");
        page.keyboard().type("0000");
        page.keyboard().press("Enter");
        widget().getByRole(AriaRole.ALERT).waitFor();
        shot("mfa-wrong-code");
        awaitCall("onError");
        widget().getByLabel("Verification code").fill("1234");
        page.keyboard().press("Enter");
        screen("completed");
        awaitCall("onSuccess");

        assertThat(callNames()).containsSubsequence("event:submit_credentials", "event:mfa_required", "event:submit_mfa",
                "onError", "event:submit_mfa", "onLogin", "onSuccess");
        assertThat(payloadOf("onError").get("code")).isEqualTo("INVALID_MFA");
        // the codes typed must reach no callback; the random ids are left out, as they can hold "1234" by chance
        assertThat(Api.JSON.writeValueAsString(calls()).replaceAll("\"(linkId|linkTokenId|endUserId)\":\"[^\"]*\"", ""))
                .doesNotContain("1234").doesNotContain("0000");
    }

    @Test
    void mfaWhenSecurityQuestionThenAnswerAccepted() {
        TestTenant tenant = newTenant("MFA question");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));

        consent();
        logIn("user_mfa_question", "pass_good");
        screen("mfa");
        widget().locator("#lp-a0").fill("Fluffy");
        clickButton("Continue");
        screen("completed");

        awaitCall("onSuccess");
        assertThat(payloadOf("event:mfa_required").get("mfaType")).isEqualTo("SECURITY_QUESTION");
    }

    @Test
    void mfaWhenDeviceSelectionThenDeviceThenCodeAccepted() {
        TestTenant tenant = newTenant("MFA device");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));

        consent();
        logIn("user_mfa_device", "pass_good");
        screen("mfa");
        widget().getByRole(AriaRole.RADIO).first().waitFor();
        shot("mfa-device");
        widget().getByLabel("Text message to (•••) •••-0123").check();
        clickButton("Continue");
        widget().getByLabel("Verification code").fill("1234");
        shot("mfa-code-after-device");
        clickButton("Continue");
        screen("completed");

        awaitCall("onSuccess");
        assertThat(payloadOf("event:mfa_required").get("mfaType")).isEqualTo("DEVICE_SELECTION");
    }

    @Test
    void wrongPasswordWhenRetriedThenRetryableErrorThenSuccess() {
        TestTenant tenant = newTenant("Wrong password");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));

        consent();
        logIn("user_good", "wrong-password");
        widget().getByRole(AriaRole.ALERT).waitFor();
        screen("credentials");
        awaitCall("onError");
        assertThat(widget().getByRole(AriaRole.ALERT).textContent()).contains("attempts left");
        Map<String, Object> error = payloadOf("onError");
        assertThat(error.get("code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(error.get("retryable")).isEqualTo(true);
        logIn("user_good", "pass_good");
        screen("completed");

        awaitCall("onSuccess");
        assertThat(Api.JSON.writeValueAsString(calls())).doesNotContain("wrong-password");
    }

    @Test
    void exitWhenBeforeLoginAndConfirmedThenOnExitWithoutError() {
        TestTenant tenant = newTenant("Exit early");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));

        screen("consent");
        widget().getByLabel("Exit").click();
        screen("confirm_exit");
        clickButton("No, continue");
        screen("consent");
        page.keyboard().press("Escape");
        screen("confirm_exit");
        clickButton("Yes, exit");

        awaitCall("onExit");
        assertThat(calls().stream().filter(c -> "onExit".equals(c.get("name"))).findFirst().orElseThrow().get("args"))
                .asList().isEmpty();
        assertThat(payloadOf("event:exit").get("error")).isNull();
        assertThat(page.locator("[data-linkport]").count()).isZero();
        String linkId = (String) payloadOf("event:open").get("linkId");
        assertThat(api.get("/v1/links/" + linkId, tenant.auth()).json().get("status").asString()).isEqualTo("failed");
    }

    @Test
    void exitWhenAfterAnErrorThenOnExitCarriesTheError() {
        TestTenant tenant = newTenant("Exit after error");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));

        consent();
        logIn("user_good", "nope");
        widget().getByRole(AriaRole.ALERT).waitFor();
        widget().getByLabel("Exit").click();
        screen("confirm_exit");
        clickButton("Yes, exit");

        awaitCall("onExit");
        Map<String, Object> error = payloadOf("onExit");
        assertThat(error.get("code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat((String) error.get("linkId")).startsWith("link_");
    }

    @Test
    void tokenExpiryWhenSessionExpiresMidFlowThenOnTokenExpiredAndReopenWithFreshTokenFinishes() {
        TestTenant tenant = newTenant("Expiry");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));
        consent();
        screen("credentials");
        String linkId = (String) payloadOf("event:open").get("linkId");
        int expired = jdbc.sql("UPDATE link_sessions SET expires_at = ? WHERE link_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), linkId).update();
        assertThat(expired).isEqualTo(1);

        logIn("user_good", "pass_good");
        screen("expired");
        awaitCall("onTokenExpired");
        assertThat(payloadOf("onTokenExpired").get("linkId")).isEqualTo(linkId);
        page.evaluate("token => window.handler.open({ linkToken: token })", linkToken(tenant, "adp"));
        consent();
        logIn("user_good", "pass_good");
        screen("completed");

        awaitCall("onSuccess");
        assertThat(payloadOf("onSuccess").get("linkId")).isNotEqualTo(linkId);
    }

    @Test
    void reuseWhenTokenAlreadyConsumedThenClearErrorScreen() {
        TestTenant tenant = newTenant("Reuse");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));
        screen("consent");
        page.evaluate("() => window.handler.exit()");
        awaitCall("onExit");

        page.evaluate("() => window.handler.open()");
        screen("start_error");

        assertThat(widget().getByRole(AriaRole.ALERT).textContent()).contains("already been used");
        await(() -> callNames().stream().filter("onError"::equals).count() == 1);
        assertThat(payloadOf("onError").get("code")).isEqualTo("token_already_used");
        clickButton("Close");
        await(() -> callNames().stream().filter("onExit"::equals).count() == 2);

        page.evaluate("token => window.handler.open({ linkToken: token })", linkToken(tenant, "adp"));
        screen("consent");
    }

    @Test
    void foreignOriginWhenItForgesMessagesBothWaysThenIgnored() {
        TestTenant tenant = newTenant("Foreign");
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));
        screen("consent");
        page.evaluate("""
                url => new Promise(resolve => {
                  const channel = new URL(document.querySelector('iframe[data-linkport=widget]').src).hash
                      .match(/channel=([0-9a-f]+)/)[1];
                  const foreign = document.createElement('iframe');
                  foreign.src = url;
                  foreign.onload = () => { foreign.contentWindow.postMessage({ channel }, '*'); resolve(); };
                  document.body.appendChild(foreign);
                })""", host.foreignUrl());
        await(() -> Boolean.TRUE.equals(page.evaluate("() => window.foreignDone === true")));

        consent();
        logIn("user_good", "pass_good");
        screen("completed");
        awaitCall("onSuccess");

        assertThat(callNames()).doesNotContain("onExit");
        assertThat(calls().stream().filter(c -> "event:success".equals(c.get("name"))).count()).isEqualTo(1);
        assertThat(payloadOf("onSuccess").get("linkId")).isNotEqualTo("link_forged");
    }

    @Test
    void claimPageWhenPhoneSizedThenFullPageFlowAndRedirectToReturnUrl() {
        TestTenant tenant = newTenant("Claim");
        Api.Response created = api.post("/v1/links", Map.of("integrationId", "adp",
                "operations", List.of(Map.of("resource", "employment", "action", "read")),
                "returnUrl", host.returnUrl()), tenant.auth());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String linkId = created.json().get("linkId").asString();
        context.close();
        context = Chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(360, 740).setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2));
        page = context.newPage();

        page.navigate(created.json().get("appClipUrl").asString());
        assertThat(page.url()).doesNotContain("clm_");
        claimScreen("consent");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Continue")).click();
        claimScreen("credentials");
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
        page.getByLabel("Username").fill("user_good");
        page.getByLabel("Password").fill("pass_good");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Log in")).click();
        claimScreen("completed");
        page.waitForURL(url -> url.startsWith(host.returnUrl()));

        assertThat(host.returns()).anyMatch(query -> query.contains("linkId=" + linkId));
    }

    @Test
    void claimPageWhenDesktopThenQrCodeHandoffBeforeClaiming() {
        TestTenant tenant = newTenant("Claim desktop");
        Api.Response created = api.post("/v1/links", Map.of("integrationId", "adp",
                "operations", List.of(Map.of("resource", "employment", "action", "read"))), tenant.auth());
        String linkId = created.json().get("linkId").asString();

        page.navigate(created.json().get("appClipUrl").asString());
        claimScreen("handoff");
        assertThat(page.getByRole(AriaRole.IMG, new com.microsoft.playwright.Page.GetByRoleOptions().setName("QR code: open this page on your phone")).isVisible()).isTrue();
        assertThat(api.get("/v1/links/" + linkId, tenant.auth()).json().get("status").asString()).isEqualTo("pending");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Continue on this computer")).click();

        claimScreen("consent");
    }

    @Test
    void oauthWhenClaimCodeGivenToSdkThenPopupApprovalAndSuccess() {
        TestTenant tenant = newTenant("OAuth");
        Api.Response created = api.post("/v1/links", Map.of("integrationId", "oauth_bank",
                "operations", List.of(Map.of("resource", "accounts", "action", "read"))), tenant.auth());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        openWidget(Map.of("claimCode", created.json().get("claimCode").asString()));

        consent();
        screen("oauth_redirect");
        com.microsoft.playwright.Page popup = page.waitForPopup(() -> clickButton("Continue to Linkport OAuth Bank"));
        popup.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Approve")).click();
        screen("completed");

        awaitCall("onSuccess");
        assertThat(payloadOf("onSuccess").get("linkId")).isEqualTo(created.json().get("linkId").asString());
        assertThat(payloadOf("onSuccess").get("integrationId")).isEqualTo("oauth_bank");
        assertThat(callNames()).containsSubsequence("event:open", "onLogin", "onSuccess");
    }

    @Test
    void frameAncestorsWhenHostOriginNotAllowedThenBrowserBlocksWidgetAndSdkReportsIt() {
        TestTenant tenant = newTenant("Strict origins");
        api.send("PUT", "/v1/widget_origins", "application/json", "{\"origins\":[\"https://app.example.com\"]}", tenant.auth());
        openWidget(Map.of("linkToken", linkToken(tenant, "adp"), "loadTimeoutMs", 3000));

        awaitCall("onExit");

        assertThat(payloadOf("onExit").get("code")).isEqualTo("widget_unavailable");
        assertThat(payloadOf("onError").get("code")).isEqualTo("widget_unavailable");
        assertThat(page.locator("[data-linkport]").count()).isZero();
    }

    @Test
    void frameAncestorsWhenHostOriginAllowedThenWidgetLoads() {
        TestTenant tenant = newTenant("Listed origin");
        api.send("PUT", "/v1/widget_origins", "application/json",
                "{\"origins\":[\"https://app.example.com\",\"http://127.0.0.1:" + host.port() + "\"]}", tenant.auth());
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));

        screen("consent");

        assertThat(callNames()).contains("event:open").doesNotContain("onError");
    }

    @Test
    void networkErrorWhenARequestFailsThenTryAgainRecovers() {
        TestTenant tenant = newTenant("Network error");
        context.route("**/v1/session/consent", route -> route.abort(), new com.microsoft.playwright.BrowserContext.RouteOptions().setTimes(1));
        openWidget(Map.of("linkToken", linkToken(tenant, "adp")));

        consent();
        screen("api_error");
        awaitCall("onError");
        assertThat(payloadOf("onError").get("code")).isEqualTo("network_error");
        assertThat(payloadOf("onError").get("retryable")).isEqualTo(true);
        clickButton("Try again");
        logIn("user_good", "pass_good");
        screen("completed");

        awaitCall("onSuccess");
    }

    private void claimScreen(String name) {
        page.locator("main[data-screen=" + name + "]").waitFor();
        shot(name);
    }

    private void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().pollInSameThread().atMost(WAIT).until(condition);
    }
}
