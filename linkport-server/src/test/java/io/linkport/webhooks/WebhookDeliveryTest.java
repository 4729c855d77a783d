package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookDeliveryTest extends ServerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    record Endpoint(String id, String secret) {
    }

    private Endpoint endpoint(TestTenant tenant, String path, List<String> types) {
        Api.Response response = api.post("/v1/webhook_endpoints", Map.of("url", receiver.url(path), "eventTypes", types), tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return new Endpoint(response.json().get("id").asString(), response.json().get("secret").asString());
    }

    private String sendTest(TestTenant tenant, Endpoint endpoint) {
        Api.Response response = api.post("/v1/webhook_endpoints/" + endpoint.id() + "/test", "", tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(202);
        return response.json().get("eventId").asString();
    }

    private JsonNode onlyDelivery(TestTenant tenant, Endpoint endpoint) {
        JsonNode list = api.get("/v1/webhook_endpoints/" + endpoint.id() + "/deliveries", tenant.auth()).json().get("data");
        assertThat(list.size()).isEqualTo(1);
        return api.get("/v1/webhook_deliveries/" + list.get(0).get("id").asString(), tenant.auth()).json();
    }

    @Test
    void testEventWhenDeliveredThenSignedPerStandardWebhooksAndLogged() throws Exception {
        TestTenant tenant = newTenant("wh-deliver");
        Endpoint endpoint = endpoint(tenant, "/ok", List.of());
        String eventId = sendTest(tenant, endpoint);

        await().atMost(WAIT).until(() -> receiver.at("/ok").size() == 1);
        TestReceiver.Received received = receiver.at("/ok").get(0);
        new Webhook(endpoint.secret()).verify(received.body(), received.headerLists());
        assertThat(received.header("webhook-id")).isEqualTo(eventId);
        assertThat(received.header("content-type")).startsWith("application/json");
        JsonNode envelope = Api.JSON.readTree(received.body());
        assertThat(envelope.get("id").asString()).isEqualTo(eventId).startsWith("et-");
        assertThat(envelope.get("version").asInt()).isEqualTo(1);
        assertThat(envelope.get("type").asString()).isEqualTo("WEBHOOK_TEST");
        assertThat(Instant.parse(envelope.get("createdAt").asString())).isNotNull();
        assertThat(envelope.get("data").get("endpointId").asString()).isEqualTo(endpoint.id());
        assertThat(received.body()).doesNotContain(endpoint.secret().substring(6));

        await().atMost(WAIT).until(() -> "succeeded".equals(onlyDelivery(tenant, endpoint).get("status").asString()));
        JsonNode delivery = onlyDelivery(tenant, endpoint);
        assertThat(delivery.get("eventId").asString()).isEqualTo(eventId);
        assertThat(delivery.get("attempts").size()).isEqualTo(1);
        assertThat(delivery.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(200);
        assertThat(delivery.get("attempts").get(0).get("success").asBoolean()).isTrue();
    }

    @Test
    void rotateSecretWhenOverlapThenBothSignaturesUntilOverlapEnds() throws Exception {
        TestTenant tenant = newTenant("wh-rotate");
        Endpoint endpoint = endpoint(tenant, "/rotate", List.of());
        Api.Response rotated = api.post("/v1/webhook_endpoints/" + endpoint.id() + "/rotate_secret", Map.of("overlapSeconds", 3600),
                tenant.auth());
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asString();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        assertThat(rotated.json().get("previousSecretExpiresAt").isNull()).isFalse();

        sendTest(tenant, endpoint);
        await().atMost(WAIT).until(() -> receiver.at("/rotate").size() == 1);
        TestReceiver.Received during = receiver.at("/rotate").get(0);
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(endpoint.secret()).verify(during.body(), during.headerLists());
        new Webhook(newSecret).verify(during.body(), during.headerLists());

        String newest = api.post("/v1/webhook_endpoints/" + endpoint.id() + "/rotate_secret", Map.of("overlapSeconds", 0),
                tenant.auth()).json().get("secret").asString();
        sendTest(tenant, endpoint);
        await().atMost(WAIT).until(() -> receiver.at("/rotate").size() == 2);
        TestReceiver.Received after = receiver.at("/rotate").get(1);
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
        new Webhook(newest).verify(after.body(), after.headerLists());
        assertThatThrownBy(() -> new Webhook(newSecret).verify(after.body(), after.headerLists())).isInstanceOf(Exception.class);
    }

    @Test
    void deliveryWhenRetryAfterThenRetriedAfterThatDelayWithSameWebhookId() {
        TestTenant tenant = newTenant("wh-retry-after");
        Endpoint endpoint = endpoint(tenant, "/busy", List.of());
        receiver.script("/busy", new TestReceiver.Reply(503, Map.of("Retry-After", "1"), "busy, come back later"),
                TestReceiver.Reply.of(204));
        String eventId = sendTest(tenant, endpoint);

        await().atMost(WAIT).until(() -> "succeeded".equals(onlyDelivery(tenant, endpoint).get("status").asString()));
        assertThat(receiver.at("/busy")).hasSize(2).allSatisfy(r -> assertThat(r.header("webhook-id")).isEqualTo(eventId));
        JsonNode attempts = onlyDelivery(tenant, endpoint).get("attempts");
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(503);
        assertThat(attempts.get(0).get("success").asBoolean()).isFalse();
        assertThat(attempts.get(0).get("responseExcerpt").asString()).isEqualTo("busy, come back later");
        assertThat(attempts.get(1).get("statusCode").asInt()).isEqualTo(204);
        Instant first = Instant.parse(attempts.get(0).get("startedAt").asString());
        Instant second = Instant.parse(attempts.get(1).get("startedAt").asString());
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void deliveryWhenReceiverRedirectsThenCountedAsFailureAndNotFollowed() {
        TestTenant tenant = newTenant("wh-redirect");
        Endpoint endpoint = endpoint(tenant, "/moved", List.of());
        receiver.script("/moved", new TestReceiver.Reply(301, Map.of("Location", receiver.url("/elsewhere"), "Retry-After", "0"), ""),
                TestReceiver.Reply.of(200));
        sendTest(tenant, endpoint);

        await().atMost(WAIT).until(() -> "succeeded".equals(onlyDelivery(tenant, endpoint).get("status").asString()));
        JsonNode attempts = onlyDelivery(tenant, endpoint).get("attempts");
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(301);
        assertThat(attempts.get(0).get("success").asBoolean()).isFalse();
        assertThat(receiver.at("/elsewhere")).isEmpty();
    }

    @Test
    void deliveryWhenReceiverAnswers410ThenEndpointDisabledWithEvent() {
        TestTenant tenant = newTenant("wh-gone");
        Endpoint endpoint = endpoint(tenant, "/gone", List.of());
        Endpoint watcher = endpoint(tenant, "/ops", List.of("WEBHOOK_ENDPOINT_DISABLED"));
        receiver.script("/gone", TestReceiver.Reply.of(410));
        sendTest(tenant, endpoint);

        await().atMost(WAIT).until(() -> !api.get("/v1/webhook_endpoints/" + endpoint.id(), tenant.auth()).json().get("enabled").asBoolean());
        JsonNode disabled = api.get("/v1/webhook_endpoints/" + endpoint.id(), tenant.auth()).json();
        assertThat(disabled.get("disabledReason").asString()).contains("410");
        assertThat(onlyDelivery(tenant, endpoint).get("status").asString()).isEqualTo("failed");
        JsonNode events = api.get("/v1/events?type=WEBHOOK_ENDPOINT_DISABLED", tenant.auth()).json().get("data");
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.get(0).get("data").get("endpointId").asString()).isEqualTo(endpoint.id());
        await().atMost(WAIT).until(() -> receiver.at("/ops").size() == 1);
        assertThat(receiver.at("/ops").get(0).body()).contains("WEBHOOK_ENDPOINT_DISABLED");
        assertThat(receiver.at("/gone")).hasSize(1);
        assertThat(api.post("/v1/webhook_endpoints/" + endpoint.id() + "/test", "", tenant.auth()).status()).isEqualTo(409);
        assertThat(watcher.id()).isNotEqualTo(endpoint.id());
    }

    @Test
    void deliveryWhenScheduleExhaustedThenFailedWithOperationalEventAndReplayDelivers() {
        TestTenant tenant = newTenant("wh-exhaust");
        Endpoint endpoint = endpoint(tenant, "/down", List.of());
        endpoint(tenant, "/ops", List.of("WEBHOOK_DELIVERY_FAILED"));
        receiver.script("/down", new TestReceiver.Reply(500, Map.of("Retry-After", "0"), "oops"));
        String eventId = sendTest(tenant, endpoint);

        await().atMost(WAIT).until(() -> "failed".equals(onlyDelivery(tenant, endpoint).get("status").asString()));
        JsonNode delivery = onlyDelivery(tenant, endpoint);
        assertThat(delivery.get("attempts").size()).isEqualTo(1 + WebhookProperties.SVIX_SCHEDULE.size());
        assertThat(delivery.get("attemptCount").asInt()).isEqualTo(8);
        await().atMost(WAIT).until(() -> receiver.at("/ops").size() == 1);
        JsonNode failed = Api.JSON.readTree(receiver.at("/ops").get(0).body());
        assertThat(failed.get("type").asString()).isEqualTo("WEBHOOK_DELIVERY_FAILED");
        assertThat(failed.get("data").get("deliveryId").asString()).isEqualTo(delivery.get("id").asString());
        assertThat(failed.get("data").get("eventId").asString()).isEqualTo(eventId);

        receiver.script("/down", TestReceiver.Reply.of(200));
        Api.Response replay = api.post("/v1/webhook_deliveries/" + delivery.get("id").asString() + "/replay", "", tenant.auth());
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        assertThat(replay.json().get("replayOf").asString()).isEqualTo(delivery.get("id").asString());
        String replayId = replay.json().get("id").asString();
        await().atMost(WAIT).until(() -> "succeeded".equals(api.get("/v1/webhook_deliveries/" + replayId, tenant.auth()).json()
                .get("status").asString()));
        List<TestReceiver.Received> all = receiver.at("/down");
        assertThat(all).hasSize(9).allSatisfy(r -> assertThat(r.header("webhook-id")).isEqualTo(eventId));
    }

    @Test
    void replayWhenUnknownOrOtherTenantThenNotFound() {
        TestTenant tenant = newTenant("wh-replay-404");
        TestTenant other = newTenant("wh-replay-other");
        Endpoint endpoint = endpoint(tenant, "/r", List.of());
        sendTest(tenant, endpoint);
        await().atMost(WAIT).until(() -> "succeeded".equals(onlyDelivery(tenant, endpoint).get("status").asString()));
        String id = onlyDelivery(tenant, endpoint).get("id").asString();
        assertThat(api.post("/v1/webhook_deliveries/" + id + "/replay", "", other.auth()).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhook_deliveries/" + id, other.auth()).status()).isEqualTo(404);
        assertThat(api.post("/v1/webhook_deliveries/whd_nope/replay", "", tenant.auth()).json().get("error").asString())
                .isEqualTo("webhook_delivery_not_found");
        assertThat(api.get("/v1/webhook_endpoints/" + endpoint.id() + "/deliveries?status=bogus", tenant.auth()).status()).isEqualTo(400);
        assertThat(receiver.at("/r")).hasSize(1);
    }

    @Test
    void deliveryWhenConnectionRefusedThenErrorLogged() {
        TestTenant tenant = newTenant("wh-refused");
        Api.Response created = api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:1/nothing-listens"), tenant.auth());
        Endpoint endpoint = new Endpoint(created.json().get("id").asString(), created.json().get("secret").asString());
        sendTest(tenant, endpoint);
        await().atMost(WAIT).until(() -> onlyDelivery(tenant, endpoint).get("attempts").size() >= 1);
        JsonNode attempt = onlyDelivery(tenant, endpoint).get("attempts").get(0);
        assertThat(attempt.get("success").asBoolean()).isFalse();
        assertThat(attempt.has("statusCode")).isFalse();
        assertThat(attempt.get("error").asString()).isNotBlank();
        assertThat(onlyDelivery(tenant, endpoint).get("status").asString()).isEqualTo("pending");
    }

    @Test
    void deliveryWhenEndpointFailingLongerThanLimitThenDisabled() {
        TestTenant tenant = newTenant("wh-failing");
        Endpoint endpoint = endpoint(tenant, "/flaky", List.of());
        jdbc.sql("UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(6), endpoint.id()).update();
        receiver.script("/flaky", TestReceiver.Reply.of(500));
        sendTest(tenant, endpoint);

        await().atMost(WAIT).until(() -> !api.get("/v1/webhook_endpoints/" + endpoint.id(), tenant.auth()).json().get("enabled").asBoolean());
        assertThat(api.get("/v1/webhook_endpoints/" + endpoint.id(), tenant.auth()).json().get("disabledReason").asString())
                .contains("failing continuously");
        assertThat(api.get("/v1/events?type=WEBHOOK_ENDPOINT_DISABLED", tenant.auth()).json().get("data").size()).isEqualTo(1);
    }

    @Test
    void deliveryWhenReceiverRecoversThenFailingClockReset() {
        TestTenant tenant = newTenant("wh-recover");
        Endpoint endpoint = endpoint(tenant, "/recover", List.of());
        receiver.script("/recover", new TestReceiver.Reply(500, Map.of("Retry-After", "0"), ""), TestReceiver.Reply.of(200));
        sendTest(tenant, endpoint);
        await().atMost(WAIT).until(() -> "succeeded".equals(onlyDelivery(tenant, endpoint).get("status").asString()));
        assertThat(jdbc.sql("SELECT failing_since FROM webhook_endpoints WHERE id = ?").param(endpoint.id())
                .query(OffsetDateTime.class).optional()).isEmpty();
    }

    @Test
    void deliveryWhenOneEndpointIsSlowThenCappedAndOtherEndpointsStillServed() {
        TestTenant tenant = newTenant("wh-slow");
        Endpoint slow = endpoint(tenant, "/slow", List.of());
        Endpoint fast = endpoint(tenant, "/fast", List.of());
        receiver.hold("/slow");
        for (int i = 0; i < 12; i++) {
            sendTest(tenant, slow);
        }
        await().atMost(WAIT).until(() -> receiver.at("/slow").size() == 8);
        sendTest(tenant, fast);
        await().atMost(WAIT).until(() -> receiver.at("/fast").size() == 1);
        assertThat(receiver.at("/slow")).hasSize(8);
        receiver.release("/slow");
        await().atMost(WAIT).until(() -> receiver.at("/slow").size() == 12);
        assertThat(receiver.maxHeldAtOnce()).isEqualTo(8);
    }
}
