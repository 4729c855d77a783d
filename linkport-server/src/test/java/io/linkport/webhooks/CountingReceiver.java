package io.linkport.webhooks;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback receiver for the process-level tests: verifies every request's signature with the
 * independent Standard Webhooks library, checks that the body's {@code id} is the
 * {@code webhook-id}, counts deliveries per {@code webhook-id}, and answers 200 after a delay.
 */
final class CountingReceiver implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\":\"(et-[0-9a-f]+)\"");

    private final HttpServer server;
    private final Map<String, AtomicInteger> byWebhookId = new ConcurrentHashMap<>();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger total = new AtomicInteger();
    private volatile Webhook verifier;
    private volatile long delayMillis;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    CountingReceiver(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 500);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            try {
                Map<String, List<String>> headers = Map.of(
                        "webhook-id", List.of(webhookId),
                        "webhook-timestamp", List.of(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                        "webhook-signature", List.of(exchange.getRequestHeaders().getFirst("webhook-signature")));
                verifier.verify(body, headers);
                Matcher matcher = ID.matcher(body);
                if (!matcher.find() || !matcher.group(1).equals(webhookId)) {
                    problems.add("body id differs from webhook-id " + webhookId);
                }
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    problems.add("held for 60 s: " + webhookId);
                }
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
            } catch (Exception e) {
                problems.add("unverifiable delivery " + webhookId + ": " + e);
            }
            byWebhookId.computeIfAbsent(webhookId, id -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** Deliveries wait, unanswered and uncounted, until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    void verifyWith(String secret) {
        this.verifier = new Webhook(secret);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    Map<String, AtomicInteger> byWebhookId() {
        return byWebhookId;
    }

    int distinct() {
        return byWebhookId.size();
    }

    int total() {
        return total.get();
    }

    Queue<String> problems() {
        return problems;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
