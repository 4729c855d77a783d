package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.linkport.common.Mode;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class WebhookOutboxTest extends ServerTest {

    @Autowired
    private TransactionTemplate tx;

    @Autowired
    private EventLog eventLog;

    private TestReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private long count(String sql, String tenantId) {
        return jdbc.sql(sql).param(tenantId).query(Long.class).single();
    }

    @Test
    void appendWhenTransactionRollsBackThenNoEventAndNoDelivery() {
        TestTenant tenant = newTenant("outbox-rollback");
        api.post("/v1/webhook_endpoints", Map.of("url", receiver.url("/all")), tenant.auth());
        tx.executeWithoutResult(status -> {
            eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_COMPLETED, Map.of("linkId", "link_rolled_back"),
                    receiver.url("/callback"));
            assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE tenant_id = ?", tenant.id())).isEqualTo(2);
            status.setRollbackOnly();
        });
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE tenant_id = ?", tenant.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM events WHERE tenant_id = ?", tenant.id())).isZero();

        String committed = tx.execute(status -> eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_COMPLETED,
                Map.of("linkId", "link_committed"), null).id());
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/all").size() == 1);
        assertThat(receiver.at("/all").get(0).header("webhook-id")).isEqualTo(committed);
        assertThat(receiver.at("/callback")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    }

    @Autowired
    private WebhookDispatcher dispatcher;

    /**
     * While the dispatcher has room, a delivery row is written already leased to this node and
     * sent right after the commit, without a claim; each such row holds one of the node's slots
     * from the write on. Rolled-back transactions must give those back: ten of them reserve more
     * than the node's slots and each destination's share, so a leak would leave the last event
     * waiting forever.
     */
    @Test
    void appendWhenWrittenLeasedThenSentAfterCommitAndRollbacksGiveTheirSlotsBack() {
        TestTenant tenant = newTenant("outbox-leased");
        api.post("/v1/webhook_endpoints", Map.of("url", receiver.url("/all")), tenant.auth());
        for (int rollback = 0; rollback < 10; rollback++) {
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < 20; i++) {
                    eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_COMPLETED, Map.of("linkId", "link_rb_" + i),
                            receiver.url("/callback"));
                }
                status.setRollbackOnly();
            });
        }
        String committed = tx.execute(status -> {
            String id = eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_COMPLETED, Map.of("linkId", "link_leased"),
                    receiver.url("/callback")).id();
            assertThat(jdbc.sql("SELECT lease_owner FROM webhook_deliveries WHERE event_id = ?").param(id)
                    .query(String.class).list()).containsOnly(dispatcher.node()).hasSize(2);
            return id;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/all").size() == 1 && receiver.at("/callback").size() == 1);
        assertThat(receiver.at("/all").get(0).header("webhook-id")).isEqualTo(committed);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT COUNT(*) FROM webhook_deliveries WHERE tenant_id = ? AND status = 'succeeded' AND lease_owner IS NULL",
                tenant.id()) == 2);
    }

    @Test
    void appendWhenCallbackUrlThenDeliveredSignedWithLinkWebhookSecretAndFilteredEndpointsSkipped() throws Exception {
        TestTenant tenant = newTenant("outbox-callback");
        api.post("/v1/webhook_endpoints", Map.of("url", receiver.url("/created-only"), "eventTypes", List.of("LINK_CREATED")),
                tenant.auth());
        Api.Response secret = api.get("/v1/webhook_secret", tenant.auth());
        assertThat(secret.status()).isEqualTo(200);
        String linkSecret = secret.json().get("secret").asString();
        assertThat(linkSecret).startsWith("whsec_");
        assertThat(api.get("/v1/webhook_secret", tenant.auth()).json().get("secret").asString()).isEqualTo(linkSecret);

        String eventId = tx.execute(status -> eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_COMPLETED,
                Map.of("linkId", "link_cb", "resultUrl", "/v1/links/link_cb"), receiver.url("/callback")).id());
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/callback").size() == 1);
        TestReceiver.Received received = receiver.at("/callback").get(0);
        new Webhook(linkSecret).verify(received.body(), received.headerLists());
        assertThat(received.header("webhook-id")).isEqualTo(eventId);
        assertThat(receiver.at("/created-only")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE tenant_id = ? AND endpoint_id IS NOT NULL", tenant.id()))
                .isZero();
    }

    @Test
    void rotateLinkWebhookSecretWhenOverlapThenBothSignaturesSent() throws Exception {
        TestTenant tenant = newTenant("outbox-link-rotate");
        String old = api.get("/v1/webhook_secret", tenant.auth()).json().get("secret").asString();
        Api.Response rotated = api.post("/v1/webhook_secret/rotate", Map.of("overlapSeconds", 600), tenant.auth());
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String fresh = rotated.json().get("secret").asString();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(rotated.json().get("previousSecretExpiresAt").isNull()).isFalse();

        tx.executeWithoutResult(status -> eventLog.append(tenant.id(), Mode.SANDBOX, EventType.LINK_FAILED,
                Map.of("linkId", "link_rot"), receiver.url("/cb")));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/cb").size() == 1);
        TestReceiver.Received received = receiver.at("/cb").get(0);
        assertThat(received.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(old).verify(received.body(), received.headerLists());
        new Webhook(fresh).verify(received.body(), received.headerLists());
    }

    @Test
    void rotateLinkWebhookSecretWhenBadOverlapThenValidationErrorAndUnchanged() {
        TestTenant tenant = newTenant("outbox-link-rotate-bad");
        String old = api.get("/v1/webhook_secret", tenant.auth()).json().get("secret").asString();
        Api.Response response = api.post("/v1/webhook_secret/rotate", Map.of("overlapSeconds", "soon"), tenant.auth());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("Validation failed");
        assertThat(api.get("/v1/webhook_secret", tenant.auth()).json().get("secret").asString()).isEqualTo(old);
    }
}
