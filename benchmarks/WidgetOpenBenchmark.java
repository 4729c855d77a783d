import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time from handler.open() to the widget's first screen, measured in the browser (performance.now()
 * on the tenant page, stopped by the SDK's "open" event, which the widget sends right before it
 * renders its first screen in the same task). Needs a running sandbox server; the tenant page is
 * served from 127.0.0.1 on another port, as in real life. Prints every run and the median.
 *
 *   benchmarks/widget-open.sh [baseUrl=http://localhost:8080] [runs=20]
 */
public class WidgetOpenBenchmark {

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = """
                <!doctype html><meta charset="utf-8"><title>bench</title>
                <script src="BASE/sdk/v1/linkport.js"></script>
                <script>
                  window.measure = token => new Promise(resolve => {
                    const started = performance.now();
                    const handler = Linkport.create({ linkToken: token, onEvent: name => {
                      if (name === 'open') { resolve(performance.now() - started); handler.destroy(); }
                    }});
                    handler.open();
                  });
                </script>""".replace("BASE", base);
        host.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        host.start();
        HttpClient http = HttpClient.newHttpClient();
        List<Double> times = new ArrayList<>();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run")));
            Page tab = browser.newPage();
            tab.navigate("http://127.0.0.1:" + host.getAddress().getPort() + "/");
            for (int run = 0; run <= runs; run++) {
                String answer = http.send(HttpRequest.newBuilder(URI.create(base + "/demo/link_token"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
                if (!token.find()) {
                    throw new IllegalStateException("No token from /demo/link_token (is the server in sandbox mode?): " + answer);
                }
                double ms = ((Number) tab.evaluate("t => measure(t)", token.group(1))).doubleValue();
                if (run == 0) {
                    System.out.printf("warm-up: %.1f ms (SDK cached, widget page and assets loaded cold)%n", ms);
                } else {
                    times.add(ms);
                    System.out.printf("run %2d: %.1f ms%n", run, ms);
                }
            }
            browser.close();
        } finally {
            host.stop(0);
        }
        Collections.sort(times);
        double median = times.size() % 2 == 1 ? times.get(times.size() / 2)
                : (times.get(times.size() / 2 - 1) + times.get(times.size() / 2)) / 2;
        System.out.printf("open() -> first screen, median of %d runs: %.1f ms (min %.1f, max %.1f)%n",
                times.size(), median, times.get(0), times.get(times.size() - 1));
    }
}
