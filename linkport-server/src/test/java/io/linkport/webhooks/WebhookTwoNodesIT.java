package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linkport.testing.ServerProcess;
import io.linkport.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one PostgreSQL schema share one backlog: both deliver, every event
 * arrives, and no attempt is made twice. The receiver always answers 200, so an event arrives
 * twice only when its first attempt failed on the sender's side (a time-out on an overloaded
 * machine) and was retried as a new, logged attempt — never because two nodes sent one attempt.
 */
class WebhookTwoNodesIT {

    private static final int EVENTS = 1000;

    @Test
    void twoNodesWhenSharingBacklogThenNoEventDeliveredTwice() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(),
                "Two nodes need a shared PostgreSQL (H2 is single-process): run with LINKPORT_TEST_DB=postgres");
        Path dataDir = Files.createTempDirectory("linkport-two-nodes-it-");
        Map<String, String> env = ProcessFixtures.environment(dataDir);
        // start both at once: they also race through the Flyway migration, which must be safe
        CompletableFuture<ServerProcess> startA = CompletableFuture.supplyAsync(() -> start("node-a", env));
        CompletableFuture<ServerProcess> startB = CompletableFuture.supplyAsync(() -> start("node-b", env));
        try (CountingReceiver receiver = new CountingReceiver(5);
             ServerProcess a = startA.join();
             ServerProcess b = startB.join()) {
            String[] endpoint = ProcessFixtures.endpoint(a.url(""), receiver.url());
            receiver.verifyWith(endpoint[1]);
            List<String> sent = ProcessFixtures.sendTestEvents(List.of(a.url(""), b.url("")), endpoint[0], EVENTS);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> receiver.distinct() >= EVENTS);

            assertThat(receiver.byWebhookId().keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(receiver.problems()).isEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() -> ProcessFixtures.count(env, "SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'succeeded'") == 0);

            assertThat(ProcessFixtures.count(env, "SELECT COUNT(*) FROM (SELECT delivery_id, attempt_number FROM webhook_attempts"
                    + " GROUP BY delivery_id, attempt_number HAVING COUNT(*) > 1) twice")).as("attempts made twice").isZero();
            long attempts = ProcessFixtures.count(env, "SELECT COUNT(*) FROM webhook_attempts");
            // every request the receiver got is one logged attempt (a failed attempt may not have reached it)
            assertThat((long) receiver.total()).isLessThanOrEqualTo(attempts);
            assertThat(ProcessFixtures.count(env, "SELECT COUNT(*) FROM webhook_attempts WHERE success")).isEqualTo(EVENTS);
            Map<String, Integer> perNode = attemptsPerNode(env);
            System.out.printf("two-nodes IT: %d events, %d requests received, %d attempts, per node %s%n",
                    EVENTS, receiver.total(), attempts, perNode);
            assertThat(perNode).hasSize(2);
            assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isPositive());
        }
    }

    private static ServerProcess start(String name, Map<String, String> env) {
        try {
            return ProcessFixtures.startServer(name, env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> attemptsPerNode(Map<String, String> env) throws Exception {
        Map<String, Integer> perNode = new HashMap<>();
        try (Connection connection = ProcessFixtures.connect(env);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT node, COUNT(*) FROM webhook_attempts GROUP BY node")) {
            while (rs.next()) {
                perNode.put(rs.getString(1), rs.getInt(2));
            }
        }
        return perNode;
    }
}
