package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linkport.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crash safety with real processes: a server with a backlog of 1,000 deliveries is killed with
 * SIGKILL mid-flight, restarted on the same database, and every event still arrives — at least
 * once, every copy signed and carrying its event's one {@code webhook-id}.
 */
class WebhookCrashIT {

    private static final int EVENTS = 1000;

    @Test
    void serverWhenKilledMidDeliveryThenEveryEventArrivesAtLeastOnceAfterRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("linkport-crash-it-");
        Map<String, String> env = ProcessFixtures.environment(dataDir);
        // slow enough that the backlog is still draining when the kill comes
        try (CountingReceiver receiver = new CountingReceiver(20)) {
            List<String> sent;
            try (ServerProcess first = ProcessFixtures.startServer("crash-first", env)) {
                String[] endpoint = ProcessFixtures.endpoint(first.url(""), receiver.url());
                receiver.verifyWith(endpoint[1]);
                // held while the events are posted: a server that delivers faster than the test posts
                // would otherwise have delivered everything before the kill
                receiver.hold();
                sent = ProcessFixtures.sendTestEvents(List.of(first.url("")), endpoint[0], EVENTS);
                receiver.release();
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.distinct() >= EVENTS / 5);
                first.kill();
            }
            int beforeRestart = receiver.distinct();
            assertThat(beforeRestart).as("killed mid-flight").isLessThan(EVENTS);

            try (ServerProcess second = ProcessFixtures.startServer("crash-second", env)) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .until(() -> receiver.distinct() >= EVENTS);
            }
            assertThat(new HashSet<>(sent)).hasSize(EVENTS);
            assertThat(receiver.byWebhookId().keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(receiver.problems()).isEmpty();
            int duplicates = receiver.total() - EVENTS;
            long duplicated = receiver.byWebhookId().values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
            System.out.printf("crash IT: %d events, %d received before the kill, %d deliveries in all, %d duplicates of %d events%n",
                    EVENTS, beforeRestart, receiver.total(), duplicates, duplicated);
        }
    }
}
