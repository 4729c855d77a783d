package io.linkport.widget;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One headless Debian Chromium for every browser test in the JVM, driven by Playwright, which is
 * told never to download a browser. Without {@code /usr/bin/chromium} the browser tests are
 * skipped with a message naming the packages, except under {@code CI=true}, where they fail:
 * CI installs Chromium and must really run them.
 */
final class Chromium implements BeforeAllCallback, BeforeEachCallback {

    static final Path EXECUTABLE = Paths.get(System.getenv().getOrDefault("LINKPORT_CHROMIUM", "/usr/bin/chromium"));
    static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run");

    private static Shared shared;

    private static final String MISSING = "Browser tests need " + EXECUTABLE
            + ": install the Debian packages chromium and chromium-driver (apt-get install -y chromium chromium-driver)";
    private static boolean warned;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Files.isExecutable(EXECUTABLE)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + MISSING);
            }
            warnOnce();
            return;
        }
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(Shared.class, key -> start(), Shared.class);
    }

    /** Skips test by test, so the report counts each browser test as skipped, with the reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE), () -> "SKIPPED browser test. " + MISSING);
    }

    private static synchronized void warnOnce() {
        if (!warned) {
            warned = true;
            System.err.println("[WARNING] SKIPPING the browser tests (io.linkport.widget.*BrowserTest). " + MISSING);
        }
    }

    static Browser browser() {
        return shared.browser();
    }

    private static synchronized Shared start() {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
        shared = new Shared(playwright, browser);
        return shared;
    }

    /** Closed by JUnit when the whole run ends. */
    record Shared(Playwright playwright, Browser browser) implements AutoCloseable {
        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }
}
