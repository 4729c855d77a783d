package io.linkport.bench;

import io.linkport.bench.bare.BareApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up and idle memory of Linkport on H2 (a fresh data directory each time) compared with a
 * bare Spring Boot web app ({@link BareApp}), both measured the same way on
 * the harness's own JDK: from process launch to the first 200 (Linkport:
 * {@code GET /actuator/health/readiness}), then one request (Linkport: an authenticated
 * {@code GET /v1/whoami}), then RSS {@code idleAfter} later. Runs before any other server is
 * started, so nothing else of the harness loads the machine. Launches alternate (bare, Linkport,
 * bare, …) so a change in the machine's load touches both; medians are reported.
 */
final class StartupCeiling {

    /** One launch: seconds from launch to the first 200, and RSS once idle. */
    record Launch(double readySeconds, long idleRssMib) {
    }

    /**
     * Every launch of the three, and how long each sat idle before its RSS was read: Linkport by
     * {@code java -jar}, Linkport by the README's fast start ({@link FastStart}), the bare app.
     */
    record Result(List<Launch> linkport, List<Launch> fastStart, List<Launch> bare, Duration idleAfter) {

        static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        static double readySeconds(List<Launch> launches) {
            return median(launches.stream().map(Launch::readySeconds).toList());
        }

        static double idleRssMib(List<Launch> launches) {
            return median(launches.stream().map(l -> (double) l.idleRssMib()).toList());
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("database", "h2");
            json.put("launchesEach", linkport.size());
            json.put("idleAfterSeconds", idleAfter.toSeconds());
            json.put("linkport", appJson(linkport));
            json.put("linkportFastStart", appJson(fastStart));
            json.put("bareSpringBoot", appJson(bare));
            json.put("readyRatio", readySeconds(linkport) / readySeconds(bare));
            json.put("idleRssRatio", idleRssMib(linkport) / idleRssMib(bare));
            json.put("fastStartReadyRatio", readySeconds(fastStart) / readySeconds(bare));
            json.put("fastStartIdleRssRatio", idleRssMib(fastStart) / idleRssMib(bare));
            return json;
        }

        private static Map<String, Object> appJson(List<Launch> launches) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("readySeconds", readySeconds(launches));
            json.put("idleRssMib", idleRssMib(launches));
            json.put("launches", launches);
            return json;
        }

        void print() {
            System.out.printf(Locale.ROOT, "%nstartup (H2, fresh data directory; median of %d; ready = launch to first 200; "
                    + "idle RSS %d s after one request)%n", linkport.size(), idleAfter.toSeconds());
            System.out.printf(Locale.ROOT, "  %-40s %8s %13s %14s%n", "", "ready s", "idle RSS MiB", "ratio to bare");
            row("linkport, java -jar", linkport);
            row("linkport, fast start (archive)", fastStart);
            row("bare Spring Boot (webmvc, 1 GET)", bare);
        }

        private void row(String label, List<Launch> launches) {
            System.out.printf(Locale.ROOT, "  %-40s %8.2f %13.0f %6.2fx /%5.2fx%n", label, readySeconds(launches),
                    idleRssMib(launches), readySeconds(launches) / readySeconds(bare),
                    idleRssMib(launches) / idleRssMib(bare));
        }
    }

    private StartupCeiling() {
    }

    static Result run(Path serverJar, String java, Path work, boolean smoke) throws Exception {
        int launches = smoke ? 1 : 3;
        Duration idleAfter = smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(15);
        List<String> fastStartArgs = FastStart.prepare(serverJar, java, work.resolve("fast-start"));
        List<Launch> linkport = new ArrayList<>();
        List<Launch> fastStart = new ArrayList<>();
        List<Launch> bare = new ArrayList<>();
        for (int i = 0; i < launches; i++) {
            Path bareDir = work.resolve("startup-bare-" + i);
            try (ServerUnderTest app = ServerUnderTest.startBare(java, bareDir)) {
                bare.add(idle(app, app.url(BareApp.PATH), Map.of(), idleAfter));
            }
            Path serverDir = work.resolve("startup-linkport-" + i);
            try (ServerUnderTest server = ServerUnderTest.start(serverJar, java, Database.h2(serverDir), Map.of(), serverDir)) {
                linkport.add(whoami(server, idleAfter));
            }
            Path fastDir = work.resolve("startup-fast-" + i);
            try (ServerUnderTest server = ServerUnderTest.start(fastStartArgs, java, Database.h2(fastDir), Map.of(), fastDir)) {
                fastStart.add(whoami(server, idleAfter));
            }
            System.out.printf(Locale.ROOT, "[bench] startup %d/%d: linkport ready in %.2f s, idle RSS %d MiB; "
                    + "fast start %.2f s, %d MiB; bare %.2f s, %d MiB%n", i + 1, launches,
                    linkport.get(i).readySeconds(), linkport.get(i).idleRssMib(), fastStart.get(i).readySeconds(),
                    fastStart.get(i).idleRssMib(), bare.get(i).readySeconds(), bare.get(i).idleRssMib());
        }
        return new Result(linkport, fastStart, bare, idleAfter);
    }

    private static Launch whoami(ServerUnderTest server, Duration idleAfter) throws Exception {
        return idle(server, server.url("/v1/whoami"), Map.of("x-api-secret", ServerUnderTest.SECRET), idleAfter);
    }

    private static Launch idle(ServerUnderTest app, String url, Map<String, String> headers, Duration idleAfter) throws Exception {
        double ready = app.startup.toNanos() / 1e9;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        Thread.sleep(idleAfter.toMillis());
        return new Launch(ready, app.rssKib() / 1024);
    }
}
