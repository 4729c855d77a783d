package io.linkport.widget;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the browser tests: the shared server, a tenant page on another origin ({@link HostPages}),
 * a fresh browser context per test, and helpers that drive the widget the way a person would.
 * Screenshots of every screen go to {@code target/screenshots/}.
 */
@ExtendWith(Chromium.class)
abstract class BrowserTest extends ServerTest {

    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Counts inputs with no label and buttons with no accessible name on a screen. */
    static final String UNLABELLED = """
            main => [...main.querySelectorAll('input, select, textarea')].filter(e => !e.labels.length && !e.getAttribute('aria-label')).length
                  + [...main.ownerDocument.querySelectorAll('button')].filter(b => !b.textContent.trim() && !b.getAttribute('aria-label')).length""";

    protected HostPages host;
    protected BrowserContext context;
    protected Page page;
    private String testName;

    @BeforeEach
    void openBrowser(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        host = HostPages.start("http://localhost:" + port);
        context = Chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1024, 800));
        context.setDefaultTimeout(WAIT.toMillis());
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    /** Opens the tenant page and the widget with these SDK options (linkToken, accessToken or claimCode). */
    protected void openWidget(Map<String, Object> options) {
        page.navigate(host.hostUrl());
        page.evaluate("options => openWidget(options)", options);
    }

    protected FrameLocator widget() {
        return page.frameLocator("iframe[data-linkport=widget]");
    }

    /** Waits for the widget (or the page itself, for the claim page) to show this screen, and photographs it. */
    protected Locator screen(String name) {
        Locator main = widget().locator("main[data-screen=" + name + "]");
        main.waitFor();
        shot(name);
        assertThat(main.evaluate(UNLABELLED)).as("form controls without a label on screen " + name).isEqualTo(0);
        return main;
    }

    protected void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(getClass().getSimpleName() + "-"
                + testName + "-" + name + ".png")));
    }

    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> calls() {
        return new ArrayList<>((List<Map<String, Object>>) page.evaluate("() => window.calls"));
    }

    protected List<String> callNames() {
        return calls().stream().map(c -> (String) c.get("name")).toList();
    }

    /** The first argument of the first call of this name. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> payloadOf(String name) {
        return calls().stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .map(c -> ((List<Object>) c.get("args")).isEmpty() ? null : (Map<String, Object>) ((List<Object>) c.get("args")).get(0))
                .orElseThrow(() -> new AssertionError("no " + name + " in " + callNames()));
    }

    protected void awaitCall(String name) {
        await().pollInSameThread().atMost(WAIT).until(() -> callNames().contains(name));
    }

    /** A seed-000 link token of this tenant for the payroll jobs, optionally for one integration. */
    protected String linkToken(TestTenant tenant, String integrationId) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("org_name", "Acme Payroll Advance",
                "required_jobs", List.of("employment", "income"), "end_user_id", "user-" + System.nanoTime()));
        if (integrationId != null) {
            body.put("integration_id", integrationId);
        }
        Api.Response response = api.post("/v1/link_tokens", body, tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("data").get("token").asString();
    }

    protected String linkTokenId(String jwt) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return Api.JSON.readTree(payload).get("jti").asString();
    }

    protected void chooseIntegration(String name) {
        screen("select_integration");
        widget().getByLabel("Search").fill(name);
        widget().locator(".lp-item").filter(new Locator.FilterOptions().setHasText(name)).first().click();
    }

    protected void consent() {
        screen("consent");
        widget().getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new FrameLocator.GetByRoleOptions().setName("Continue")).click();
    }

    protected void logIn(String username, String password) {
        screen("credentials");
        widget().getByLabel("Username").fill(username);
        widget().getByLabel("Password").fill(password);
        widget().getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new FrameLocator.GetByRoleOptions().setName("Log in")).click();
    }

    protected void clickButton(String name) {
        widget().getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new FrameLocator.GetByRoleOptions().setName(name).setExact(true)).click();
    }
}
