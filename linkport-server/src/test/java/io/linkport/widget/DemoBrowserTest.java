package io.linkport.widget;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The newcomer's path: open /, click Connect, log in with a sandbox user, see callbacks and the result. */
class DemoBrowserTest extends BrowserTest {

    @Test
    void demoWhenNewcomerConnectsWithSandboxUserThenCallbacksAndResultShown() {
        page.navigate("http://localhost:" + port + "/");
        shot("demo");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
        chooseIntegration("ADP");
        consent();
        logIn("user_good", "pass_good");
        screen("completed");
        clickButton("Done");
        page.locator("#result[data-status=completed]").waitFor();
        shot("demo-result");

        Locator log = page.locator("#log");
        log.locator("[data-callback=onExit]").waitFor();  // after the widget's fade-out, later than the result
        assertThat(log.locator("[data-callback=onLogin]").count()).isEqualTo(1);
        assertThat(log.locator("[data-callback=onSuccess]").count()).isEqualTo(1);
        assertThat(log.locator("[data-callback=onExit]").count()).isEqualTo(1);
        assertThat(page.locator("#result").textContent()).contains("\"status\": \"completed\"").contains("\"employment\"");
        assertThat(page.locator("pre").nth(1).textContent()).contains("curl -X POST http://localhost:8080/v1/link_tokens");
        assertThat(page.locator("pre").nth(2).textContent()).contains("Linkport.create({");
    }
}
