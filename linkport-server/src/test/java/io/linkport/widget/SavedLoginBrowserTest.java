package io.linkport.widget;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.linkport.testing.Api;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 003 in a real browser: {@code /v1/OAuth/Authorize} opens the hosted widget full page and the
 * user lands back on the tenant's redirect URI with {@code loginId} and {@code state}; the Connect
 * iframe ({@code /v1/connect?authorizeToken=…}) runs the same widget inside the tenant's page.
 */
class SavedLoginBrowserTest extends BrowserTest {

    private static final String STATE = "s p&a=c%e/é";

    @Test
    void oauthAuthorizeWithCredentialInstitutionThenWidgetWithMfaThenBackWithLoginIdAndState() {
        TestTenant tenant = newTenant("Saved login browser");
        allowRedirect(tenant, host.returnUrl());
        int before = host.returns().size();

        page.navigate("http://localhost:" + port + "/v1/OAuth/Authorize?client_id=" + enc(tenant.publicClientId())
                + "&institution=sandbox_bank&redirect_uri=" + enc(host.returnUrl()) + "&state=" + enc(STATE));
        onPage("consent").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Continue")).click();
        onPage("credentials");
        page.getByLabel("Username").fill("user_mfa_code");
        page.getByLabel("Password").fill("pass_good");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        onPage("mfa");
        page.getByLabel("Verification code").fill("1234");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        onPage("completed");
        page.waitForURL(host.returnUrl() + "?**");

        await().atMost(WAIT).until(() -> host.returns().size() > before);
        Map<String, String> back = query(host.returns().get(host.returns().size() - 1));
        assertThat(back.keySet()).containsExactly("loginId", "state");
        assertThat(back.get("state")).isEqualTo(STATE);
        Api.Response cached = api.post("/v1/Authorize", Map.of("LoginId", back.get("loginId"), "MostRecentCached", true),
                tenant.auth());
        assertThat(cached.status()).as(cached.text()).isEqualTo(200);
        assertThat(page.content()).doesNotContain("pass_good");
    }

    @Test
    void connectIframeInTenantPageThenUserPicksBankLogsInAndContinueTakesTenantPageBack() {
        TestTenant tenant = newTenant("Connect iframe browser");
        allowRedirect(tenant, host.returnUrl());
        String token = api.post("/v1/GenerateAuthorizeToken", "", tenant.auth()).json().get("Token").asString();
        int before = host.returns().size();
        page.navigate(host.hostUrl());
        page.evaluate("src => { const f = document.createElement('iframe'); f.id = 'connect'; f.title = 'Connect';"
                + " f.style.width = '420px'; f.style.height = '640px'; f.src = src; document.body.appendChild(f); }",
                "http://localhost:" + port + "/v1/connect?authorizeToken=" + token + "&redirectUrl=" + enc(host.returnUrl())
                        + "&state=" + enc(STATE));
        FrameLocator frame = page.frameLocator("#connect");

        inFrame(frame, "select_integration");
        frame.getByLabel("Search").fill("Sandbox Bank");
        frame.locator(".lp-item").filter(new Locator.FilterOptions().setHasText("Sandbox Bank")).first().click();
        inFrame(frame, "consent").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Continue")).click();
        inFrame(frame, "credentials");
        frame.getByLabel("Username").fill("user_good");
        frame.getByLabel("Password").fill("pass_good");
        frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Log in")).click();
        inFrame(frame, "completed").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Continue")).click();
        page.waitForURL(host.returnUrl() + "?**");

        await().atMost(WAIT).until(() -> host.returns().size() > before);
        Map<String, String> back = query(host.returns().get(host.returns().size() - 1));
        assertThat(back.get("state")).isEqualTo(STATE);
        assertThat(back.get("loginId")).startsWith("login_");
        // The token opened one page only: loading the iframe URL again shows an error, not the widget.
        Api.Response reused = api.get("/v1/connect?authorizeToken=" + token);
        assertThat(reused.status()).isEqualTo(409);
    }

    private Locator onPage(String screen) {
        Locator main = page.locator("main[data-screen=" + screen + "]");
        main.waitFor();
        shot(screen);
        assertThat(main.evaluate(UNLABELLED)).as("unlabelled controls on " + screen).isEqualTo(0);
        return main;
    }

    private Locator inFrame(FrameLocator frame, String screen) {
        Locator main = frame.locator("main[data-screen=" + screen + "]");
        main.waitFor();
        shot("connect-" + screen);
        return main;
    }

    private void allowRedirect(TestTenant tenant, String uri) {
        Api.Response response = api.send("PUT", "/admin/v1/tenants/" + tenant.id() + "/redirect_uris", "application/json",
                Api.JSON.writeValueAsString(Map.of("redirectUris", List.of(uri))), Api.secret(ADMIN_KEY));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
