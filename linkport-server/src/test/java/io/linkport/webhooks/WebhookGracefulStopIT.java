package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linkport.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A node stopped gracefully keeps no delivery to itself: those it had claimed but not yet sent
 * (waiting behind their destination's requests in flight) are given back at once instead of when
 * their leases end, the requests in flight finish, and the next node sends the rest — each event
 * exactly once.
 */
class WebhookGracefulStopIT {

    private static final int EVENTS = 12;
    private static final int PER_ENDPOINT = 4;  // ProcessFixtures' per-endpoint concurrency

    @Test
    void stopWhenDeliveriesWaitBehindRequestsInFlightThenGivenBackAndEachSentOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("linkport-graceful-stop-it-");
        Map<String, String> env = ProcessFixtures.environment(dataDir);
        try (CountingReceiver receiver = new CountingReceiver(0)) {
            List<String> sent;
            try (ServerProcess first = ProcessFixtures.startServer("stop-first", env)) {
                String[] endpoint = ProcessFixtures.endpoint(first.url(""), receiver.url());
                receiver.verifyWith(endpoint[1]);
                receiver.hold();
                sent = ProcessFixtures.sendTestEvents(List.of(first.url("")), endpoint[0], EVENTS);
                // the cap's worth held at the receiver, as many claimed and waiting; the rest not claimed
                await().atMost(Duration.ofSeconds(30)).until(() -> gauge(first, "linkport_webhooks_sending") == PER_ENDPOINT
                        && gauge(first, "linkport_webhooks_waiting") == PER_ENDPOINT);

                first.stopGracefully();
                await().atMost(Duration.ofSeconds(30)).until(() -> first.log().contains("gave back " + PER_ENDPOINT + " claimed"));
                receiver.release();
                first.awaitExit(Duration.ofSeconds(30));
            }
            assertThat(receiver.total()).as("the requests that were in flight").isEqualTo(PER_ENDPOINT);
            // the server has exited, so an H2 database is free to open
            assertThat(ProcessFixtures.count(env, "SELECT COUNT(*) FROM webhook_deliveries WHERE lease_owner IS NOT NULL"))
                    .as("deliveries still leased to the stopped node").isZero();
            assertThat(ProcessFixtures.count(env, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending' AND attempt_count = 0"))
                    .isEqualTo(EVENTS - PER_ENDPOINT);

            try (ServerProcess second = ProcessFixtures.startServer("stop-second", env)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.distinct() == EVENTS);
            }
            assertThat(receiver.byWebhookId().keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(receiver.total()).as("each event once").isEqualTo(EVENTS);
            assertThat(receiver.problems()).isEmpty();
        }
    }

    private static double gauge(ServerProcess server, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(server.api().get("/actuator/prometheus").text());
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }
}
