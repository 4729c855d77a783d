package io.linkport.widget;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK in a real browser: loading twice, several handlers, bad tokens, reopening. */
class SdkBrowserTest extends BrowserTest {

    @Test
    void loadSdkWhenIncludedTwiceThenFirstCopyKeptAndSeveralHandlersWork() {
        page.navigate(host.hostUrl());

        assertThat(page.evaluate("() => window.firstLinkport === window.Linkport && Linkport.sdkVersion")).isEqualTo("1");
        page.evaluate("""
                () => {
                  window.a = Linkport.create(callbacks({ linkToken: 'garbage-a' }));
                  window.b = Linkport.create(callbacks({ linkToken: 'garbage-b' }));
                  window.a.open();
                }""");
        screen("start_error");
        clickButton("Close");
        awaitCall("onExit");
        assertThat(page.locator("iframe[data-linkport=widget]").count()).isZero();

        page.evaluate("() => window.b.open()");
        screen("start_error");
        clickButton("Close");
        await(() -> callNames().stream().filter("onExit"::equals).count() == 2);
        assertThat(page.locator("[data-linkport]").count()).isZero();
    }

    @Test
    void openWhenTokenIsGarbageThenClearErrorAndOnExitCarriesIt() {
        openWidget(Map.of("linkToken", "not-a-token"));

        screen("start_error");
        assertThat(widget().getByRole(com.microsoft.playwright.options.AriaRole.ALERT).textContent())
                .contains("This link is not valid");
        clickButton("Close");

        awaitCall("onExit");
        Map<String, Object> error = payloadOf("onExit");
        assertThat(error.get("code")).isEqualTo("invalid_token");
        assertThat(payloadOf("onError").get("code")).isEqualTo("invalid_token");
        assertThat(callNames()).containsSubsequence("onError", "event:error", "event:exit", "onExit");
    }

    @Test
    void createWhenNoTokenThenThrowsClearly() {
        page.navigate(host.hostUrl());

        Object message = page.evaluate("() => { try { Linkport.create({}).open(); return 'opened'; } catch (e) { return e.message; } }");

        assertThat(message).isEqualTo("Linkport: pass one of linkToken, accessToken, claimCode or authorizeToken");
    }

    private void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().pollInSameThread().atMost(WAIT).until(condition);
    }

}
