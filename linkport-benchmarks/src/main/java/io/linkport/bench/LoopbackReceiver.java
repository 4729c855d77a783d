package io.linkport.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on loopback (JDK HttpServer) that answers 200 at once and records, per
 * event id (the {@code webhook-id} header), when it arrived and when the server committed it (the
 * event's {@code createdAt}), and counts an event id arriving again as a duplicate. Callers wait
 * for one event with {@link #expect}.
 */
final class LoopbackReceiver implements AutoCloseable {

    /** One delivered event: its type, its link (if any), its error code (LINK_FAILED), commit time and arrival time (epoch ms). */
    record Arrival(String eventId, String type, String linkId, String errorCode, long createdAtMs, long arrivedAtMs) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, CompletableFuture<Arrival>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Arrival> arrived = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    LoopbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(Concurrency.executor("receiver-", 64));
        server.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            requests.incrementAndGet();
            record(exchange.getRequestHeaders().getFirst("webhook-id"), body, now);
        });
        server.start();
    }

    private void record(String eventId, byte[] body, long now) {
        if (eventId == null || body.length == 0) {
            return;
        }
        JsonNode event = JSON.readTree(body);
        JsonNode data = event.path("data");
        String linkId = data.has("linkId") ? data.get("linkId").asString() : null;
        long createdAt = event.has("createdAt") ? Instant.parse(event.get("createdAt").asString()).toEpochMilli() : now;
        String errorCode = data.path("error").has("code") ? data.path("error").get("code").asString() : null;
        Arrival arrival = new Arrival(eventId, event.path("type").asString(), linkId, errorCode, createdAt, now);
        if (arrived.putIfAbsent(eventId, arrival) == null) {
            complete(eventId, arrival);
            if (linkId != null) {
                complete(linkId, arrival);
            }
        } else {
            duplicates.incrementAndGet();
        }
    }

    private void complete(String key, Arrival arrival) {
        waiting.computeIfAbsent(key, k -> new CompletableFuture<>()).complete(arrival);
    }

    /** The first arrival for an event id, or the first event of a link (register the endpoint to filter the types). */
    CompletableFuture<Arrival> expect(String eventIdOrLinkId) {
        return waiting.computeIfAbsent(eventIdOrLinkId, k -> new CompletableFuture<>());
    }

    /** Forgets what a finished wait recorded, so a long run does not grow without bound. */
    void forget(String key) {
        waiting.remove(key);
    }

    long requests() {
        return requests.get();
    }

    /** Requests whose webhook-id (the event id) had already arrived: at-least-once delivery sending one twice. */
    long duplicates() {
        return duplicates.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
