package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linkport.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one PostgreSQL schema share one backlog: both deliver, and no event is
 * sent twice (the receiver always answers 200 and nothing crashes, so any second copy could only
 * come from two nodes sending the same attempt).
 */
class WebhookTwoNodesIT {

    private static final int EVENTS = 1000;

    @Test
    void twoNodesWhenSharingBacklogThenNoEventDeliveredTwice() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(),
                "Two nodes need a shared PostgreSQL (H2 is single-process): run with LINKPORT_TEST_DB=postgres");
        Path dataDir = Files.createTempDirectory("linkport-two-nodes-it-");
        Map<String, String> env = ProcessFixtures.environment(dataDir);
        try (CountingReceiver receiver = new CountingReceiver(5);
             ServerProcess a = ServerProcess.start("node-a", env, ProcessFixtures.logDir());
             ServerProcess b = ServerProcess.start("node-b", env, ProcessFixtures.logDir())) {
            String[] endpoint = ProcessFixtures.endpoint(a.baseUrl(), receiver.url());
            receiver.verifyWith(endpoint[1]);
            List<String> sent = ProcessFixtures.sendTestEvents(List.of(a.baseUrl(), b.baseUrl()), endpoint[0], EVENTS);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> receiver.distinct() >= EVENTS);

            assertThat(receiver.byWebhookId().keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(receiver.byWebhookId().values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(receiver.total()).isEqualTo(EVENTS);
            assertThat(receiver.problems()).isEmpty();

            Map<String, Integer> perNode = attemptsPerNode(env);
            System.out.println("two-nodes IT: attempts per node " + perNode);
            assertThat(perNode).hasSize(2);
            assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(perNode.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(EVENTS);
        }
    }

    private static Map<String, Integer> attemptsPerNode(Map<String, String> env) throws Exception {
        Map<String, Integer> perNode = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(env.get("SPRING_DATASOURCE_URL"),
                env.get("SPRING_DATASOURCE_USERNAME"), env.get("SPRING_DATASOURCE_PASSWORD"));
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT node, COUNT(*) FROM webhook_attempts GROUP BY node")) {
            while (rs.next()) {
                perNode.put(rs.getString(1), rs.getInt(2));
            }
        }
        return perNode;
    }
}
