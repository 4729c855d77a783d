import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery benchmark (not a test). Starts the packaged server jar on a fresh H2 data
 * directory, registers endpoints on a local receiver (a JDK HttpServer on loopback that answers
 * 200 at once), and measures:
 *
 *   1. latency when idle: events one at a time, time from the event's createdAt (stamped inside
 *      the transaction, just before its commit) to its arrival at the receiver — median and p99;
 *   2. throughput: a burst of events from 16 client threads over 4 endpoints, deliveries per
 *      second from the first request to the last arrival, and the same latency under that load
 *      (this is bounded by how fast the API creates events);
 *   3. dispatch throughput alone: a backlog that the receiver first turns away with one shared
 *      Retry-After date, so it all falls due at once; deliveries per second while it drains.
 *
 * Run from the repository root after `./mvnw -DskipTests package`:
 *   java benchmarks/WebhookBenchmark.java [idleEvents=300] [burstEvents=3000]
 * Set SPRING_DATASOURCE_URL (and _USERNAME) to benchmark on PostgreSQL instead of H2.
 */
public class WebhookBenchmark {

    static final String KEY = "sk_sandbox_benchmark_secret_0123456789abcdef0123";
    static final Pattern CREATED = Pattern.compile("\"createdAt\":\"([^\"]+)\"");
    static final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    static final Map<String, Long> createdAt = new ConcurrentHashMap<>();
    static final HttpClient client = HttpClient.newHttpClient();
    /** While set, the receiver refuses with 503 and a Retry-After date: every delivery becomes due at that instant. */
    static volatile String holdUntil;

    public static void main(String[] args) throws Exception {
        int idleEvents = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int burstEvents = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        receiver.setExecutor(Executors.newFixedThreadPool(32));
        receiver.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String hold = holdUntil;
            if (hold != null) {
                exchange.getResponseHeaders().add("Retry-After", hold);
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            Matcher m = CREATED.matcher(body);
            if (m.find()) {
                createdAt.putIfAbsent(id, Instant.parse(m.group(1)).toEpochMilli());
            }
            arrivals.putIfAbsent(id, now);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        Process server = startServer();
        try {
            List<String> endpoints = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String body = post("/v1/webhook_endpoints", "{\"url\":\"" + receiverUrl + "/" + i + "\"}");
                endpoints.add(field(body, "id"));
            }
            // warm-up: JIT, connection pools
            burst(endpoints, 300);

            arrivals.clear();
            createdAt.clear();
            List<String> idle = new ArrayList<>();
            for (int i = 0; i < idleEvents; i++) {
                String id = field(post("/v1/webhook_endpoints/" + endpoints.get(0) + "/test", ""), "eventId");
                idle.add(id);
                await(List.of(id));
            }
            report("idle (one event at a time)", idle, 0, 0);

            arrivals.clear();
            createdAt.clear();
            long start = System.currentTimeMillis();
            List<String> burst = burst(endpoints, burstEvents);
            await(burst);
            long end = burst.stream().mapToLong(arrivals::get).max().orElse(start);
            report("burst (" + burstEvents + " events, 16 clients, 4 endpoints)", burst, start, end);

            // Pure dispatch throughput: queue a backlog the receiver turns away with one shared
            // Retry-After date, so it all falls due at once, then time the drain.
            arrivals.clear();
            createdAt.clear();
            Instant drainAt = Instant.now().plusSeconds(Math.max(30, burstEvents / 40)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            holdUntil = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(drainAt.atZone(java.time.ZoneOffset.UTC));
            List<String> backlog = fire(endpoints, burstEvents);
            if (Instant.now().isAfter(drainAt)) {
                System.out.println("backlog took longer to queue than planned; the drain figure below is mixed with queueing");
            }
            Thread.sleep(Math.max(0, drainAt.toEpochMilli() - System.currentTimeMillis() - 500));
            holdUntil = null;
            await(backlog);
            long drained = backlog.stream().mapToLong(arrivals::get).max().orElseThrow();
            long firstArrival = backlog.stream().mapToLong(arrivals::get).min().orElseThrow();
            System.out.printf("drain of a %d-delivery backlog: %.0f deliveries/s (%d ms from first to last arrival)%n",
                    backlog.size(), backlog.size() * 1000.0 / Math.max(1, drained - firstArrival), drained - firstArrival);
        } finally {
            server.destroy();
            receiver.stop(0);
        }
    }

    static List<String> burst(List<String> endpoints, int count) throws Exception {
        List<String> ids = fire(endpoints, count);
        await(ids);
        return ids;
    }

    static List<String> fire(List<String> endpoints, int count) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String endpoint = endpoints.get(i % endpoints.size());
            futures.add(clients.submit(() -> {
                ids.add(field(post("/v1/webhook_endpoints/" + endpoint + "/test", ""), "eventId"));
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        clients.shutdown();
        return ids;
    }

    static void report(String name, List<String> ids, long start, long end) {
        long[] latencies = ids.stream().mapToLong(id -> arrivals.get(id) - createdAt.get(id)).sorted().toArray();
        System.out.printf("%s: %d deliveries, latency createdAt->delivery median %d ms, p99 %d ms, max %d ms%n", name, ids.size(),
                latencies[latencies.length / 2], latencies[(int) Math.ceil(latencies.length * 0.99) - 1], latencies[latencies.length - 1]);
        if (end > start) {
            System.out.printf("%s: throughput %.0f deliveries/s (first request to last arrival, %d ms)%n", name,
                    ids.size() * 1000.0 / (end - start), end - start);
        }
    }

    static void await(List<String> ids) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (!ids.stream().allMatch(arrivals::containsKey)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("deliveries did not all arrive within 5 minutes");
            }
            Thread.sleep(1);
        }
    }

    static int port;

    static Process startServer() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path jar;
        try (var files = Files.list(Path.of("linkport-server", "target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("linkport-server-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build first: ./mvnw -DskipTests package"));
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("LINKPORT_DATA_DIR", Files.createTempDirectory("linkport-bench-").toString());
        builder.environment().put("LINKPORT_BOOTSTRAP_SECRET", KEY);
        builder.redirectErrorStream(true);
        builder.redirectOutput(new File(System.getProperty("java.io.tmpdir"), "linkport-benchmark-server.log"));
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(250);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start");
    }

    static String post(String path, String json) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("x-api-secret", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
