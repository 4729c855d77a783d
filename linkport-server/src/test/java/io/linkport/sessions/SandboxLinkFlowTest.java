package io.linkport.sessions;

import static io.linkport.links.LinkFixtures.seedExample;
import static io.linkport.links.LinkFixtures.singleRead;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.links.LinkFixtures;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seed 002's flows against the sandbox T-Mobile, with its documented test users. */
class SandboxLinkFlowTest extends ServerTest {

    private SessionClient claimed(TestTenant tenant, Map<String, Object> body) {
        Api.Response response = api.post("/v1/links", body, tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return SessionClient.claim(api, "claimCode", response.json().get("claimCode").asString());
    }

    private List<String> events(String linkId) {
        return jdbc.sql("SELECT type FROM events WHERE link_id = ? ORDER BY seq").param(linkId).query(String.class).list();
    }

    @Test
    void seedExampleOnTmobileThenBothOperationsAndWrappedResult() {
        TestTenant tenant = newTenant("tmobile-seed");
        SessionClient session = claimed(tenant, seedExample("tmobile"));
        assertThat(session.started.get("session").get("integration").get("name").asString()).isEqualTo("T-Mobile");
        session.consent();
        session.logIn("user_good", "pass_good");
        session.awaitStep("completed");
        JsonNode link = api.get("/v1/links/" + session.linkId(), tenant.auth()).json();
        assertThat(link.get("status").asString()).isEqualTo("completed");
        JsonNode operations = link.get("result").get("operations");
        assertThat(operations).hasSize(2);
        assertThat(operations.get(0).get("resource").asString()).isEqualTo("paymentMethod");
        assertThat(operations.get(0).get("action").asString()).isEqualTo("read");
        assertThat(operations.get(0).get("data").get("paymentMethods")).isNotEmpty();
        assertThat(operations.get(1).get("action").asString()).isEqualTo("write");
        assertThat(operations.get(1).get("data").get("paymentMethods").findValuesAsString("last4")).contains("1111");
        assertThat(link.toString()).doesNotContain(LinkFixtures.CARD_NUMBER);
        assertThat(events(session.linkId())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_SUCCEEDED",
                "OPERATION_COMPLETED", "OPERATION_COMPLETED", "LINK_COMPLETED");
        assertThat(DatabaseText.occurrences(jdbc, LinkFixtures.CARD_NUMBER)).isEmpty();
    }

    @Test
    void singleBillingReadOnTmobileThenFlatResult() {
        TestTenant tenant = newTenant("tmobile-flat");
        SessionClient session = claimed(tenant, singleRead("tmobile", "mobileBillingStatement"));
        session.consent();
        session.logIn("user_good", "pass_good");
        session.awaitStep("completed");
        JsonNode result = api.get("/v1/links/" + session.linkId(), tenant.auth()).json().get("result");
        assertThat(result.propertyNames()).containsExactly("billing");
        assertThat(result.get("billing")).isNotEmpty();
    }

    @Test
    void failSecondUserOnTmobileThenLinkFailsWithoutResult() {
        TestTenant tenant = newTenant("tmobile-fail-second");
        SessionClient session = claimed(tenant, seedExample("tmobile"));
        session.consent();
        session.logIn("user_fail_second", "pass_good");
        JsonNode failed = session.awaitStep("failed");
        assertThat(failed.get("operations").findValuesAsString("status")).containsExactly("completed", "failed");
        JsonNode link = api.get("/v1/links/" + session.linkId(), tenant.auth()).json();
        assertThat(link.get("error").get("code").asString()).isEqualTo(failed.get("error").get("code").asString());
        assertThat(link.has("result")).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM links WHERE id = ? AND result_encrypted IS NULL")
                .param(session.linkId()).query(Long.class).single()).isEqualTo(1);
        assertThat(events(session.linkId())).endsWith("LINK_FAILED").doesNotContain("LINK_COMPLETED");
    }

    @Test
    void securityQuestionAndDeviceMfaOnTmobileThenCompleted() {
        TestTenant tenant = newTenant("tmobile-mfa");
        SessionClient question = claimed(tenant, singleRead("tmobile", "paymentMethod"));
        question.consent();
        question.logIn("user_mfa_question", "pass_good");
        JsonNode asked = question.awaitStep("mfa");
        assertThat(asked.get("mfa").get("type").asString()).isEqualTo("SECURITY_QUESTION");
        question.ok("/v1/session/mfa", Map.of("answers", List.of("Fluffy")), 202);
        question.awaitStep("completed");

        SessionClient device = claimed(tenant, singleRead("tmobile", "paymentMethod"));
        device.consent();
        device.logIn("user_mfa_device", "pass_good");
        JsonNode devices = device.awaitStep("mfa");
        assertThat(devices.get("mfa").get("type").asString()).isEqualTo("DEVICE_SELECTION");
        device.ok("/v1/session/mfa", Map.of("deviceId", devices.get("mfa").get("devices").get(0).get("id").asString()), 202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            JsonNode s = device.session();
            return "mfa".equals(s.get("step").asString()) && "ONE_TIME_CODE".equals(s.get("mfa").get("type").asString());
        });
        device.ok("/v1/session/mfa", Map.of("code", "1234"), 202);
        device.awaitStep("completed");
    }

    @Test
    void lockedUserOnTmobileThenFailsAtOnce() {
        TestTenant tenant = newTenant("tmobile-locked");
        SessionClient session = claimed(tenant, singleRead("tmobile", "paymentMethod"));
        session.consent();
        session.logIn("user_locked", "pass_good");
        JsonNode failed = session.awaitStep("failed");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("ACCOUNT_LOCKED");
    }
}
