package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.linkport.links.LinkFixtures;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A real link run end to end: every event reaches both the link's webhookUrl and a registered endpoint, signed. */
class LinkWebhooksFlowTest extends ServerTest {

    private static final List<String> FLOW = List.of("LINK_CREATED", "LINK_CLAIMED", "LOGIN_SUCCEEDED",
            "OPERATION_COMPLETED", "OPERATION_COMPLETED", "LINK_COMPLETED");

    private TestReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void linkCompletedWhenWebhookUrlAndEndpointThenEveryEventDeliveredToBothSignedWithPointerNotResult() throws Exception {
        TestTenant tenant = newTenant("wh-link-flow");
        String endpointSecret = api.post("/v1/webhook_endpoints", Map.of("url", receiver.url("/endpoint")), tenant.auth())
                .json().get("secret").asString();
        String linkSecret = api.get("/v1/webhook_secret", tenant.auth()).json().get("secret").asString();
        Map<String, Object> body = new HashMap<>(LinkFixtures.seedExample());
        body.put("webhookUrl", receiver.url("/link"));
        Api.Response created = api.post("/v1/links", body, tenant.auth());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String linkId = created.json().get("linkId").asString();

        Api.Response claimed = api.post("/v1/sessions", Map.of("claimCode", created.json().get("claimCode").asString()));
        assertThat(claimed.status()).as(claimed.text()).isEqualTo(201);
        String[] session = Api.bearer(claimed.json().get("sessionToken").asString());
        assertThat(api.post("/v1/session/consent", Map.of(), session).status()).isEqualTo(200);
        assertThat(api.post("/v1/session/credentials",
                Map.of("credentials", Map.of("username", "user_good", "password", "pass_good")), session).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/link").size() == FLOW.size()
                && receiver.at("/endpoint").size() == FLOW.size());
        for (TestReceiver.Received received : receiver.at("/link")) {
            new Webhook(linkSecret).verify(received.body(), received.headerLists());
        }
        for (TestReceiver.Received received : receiver.at("/endpoint")) {
            new Webhook(endpointSecret).verify(received.body(), received.headerLists());
        }
        assertThat(types(receiver.at("/link"))).containsExactlyInAnyOrderElementsOf(FLOW);
        assertThat(receiver.at("/link").stream().map(r -> r.header("webhook-id")))
                .containsExactlyInAnyOrderElementsOf(receiver.at("/endpoint").stream().map(r -> r.header("webhook-id")).toList());

        JsonNode completed = receiver.at("/link").stream().map(r -> Api.JSON.readTree(r.body()))
                .filter(e -> e.get("type").asString().equals("LINK_COMPLETED")).findFirst().orElseThrow();
        assertThat(completed.get("data").get("linkId").asString()).isEqualTo(linkId);
        assertThat(completed.get("data").get("resultUrl").asString()).endsWith("/v1/links/" + linkId);
        assertThat(completed.get("data").has("result")).isFalse();
        assertThat(receiver.at("/link").stream().map(TestReceiver.Received::body))
                .noneMatch(text -> text.contains(LinkFixtures.CARD_NUMBER) || text.contains("pass_good"));
        assertThat(api.get("/v1/events?linkId=" + linkId + "&limit=100", tenant.auth()).json().get("data").size())
                .isEqualTo(FLOW.size());
    }

    private static List<String> types(List<TestReceiver.Received> received) {
        return received.stream().map(r -> Api.JSON.readTree(r.body()).get("type").asString()).toList();
    }
}
