package io.linkport.sessions;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's direct_deposit_switch job: the tenant names the account in the link token, the user only logs in. */
class DirectDepositSwitchTest extends ServerTest {

    private static final Map<String, Object> ALLOCATION = Map.of(
            "type", "percent", "value", 40,
            "targets", List.of(Map.of("name", "Acme Card", "type", "checking",
                    "routing_number", "021000021", "account_number", "987654321012")));

    @Test
    void directDepositSwitchWithAllocationThenSwitchedAndNextReadShowsTheAccount() {
        TestTenant tenant = newTenant("dds");
        Api.Response created = api.post("/v1/link_tokens", Map.of("org_name", "Acme Card",
                "required_jobs", List.of("direct_deposit_switch"), "end_user_id", "eu-dds", "integration_id", "gusto",
                "allocation", ALLOCATION), tenant.auth());
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String tokenId = created.json().get("data").get("id").asString();
        assertThat(jdbc.sql("SELECT details FROM issued_tokens WHERE id = ?").param(tokenId).query(String.class).single())
                .doesNotContain("987654321012").contains("allocation_encrypted");

        SessionClient session = SessionClient.claim(api, "linkToken", created.json().get("data").get("token").asString());
        assertThat(session.started.get("session").get("operations").get(0).get("changesData").asBoolean()).isTrue();
        session.consent();
        session.logIn("user_good", "pass_good");
        session.awaitStep("completed");

        JsonNode link = api.get("/v1/links/" + session.linkId(), tenant.auth()).json();
        assertThat(link.get("status").asString()).isEqualTo("completed");
        assertThat(link.get("result").toString()).contains("\"accountNumberLast4\":\"1012\"", "\"routingNumber\":\"021000021\"")
                .doesNotContain("987654321012");
    }

    @Test
    void directDepositSwitchWithoutAllocationThenValidationError() {
        Api.Response response = api.post("/v1/link_tokens", Map.of("org_name", "Acme",
                "required_jobs", List.of("income", "direct_deposit_switch"), "end_user_id", "eu"), Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("issues").findValuesAsString("path")).contains("allocation");
    }

    @Test
    void allocationWhenPercentOverHundredOrValueMissingOrAccountMalformedThenValidationErrors() {
        Map<String, Object> bad = Map.of("type", "percent", "value", 140,
                "targets", List.of(Map.of("type", "brokerage", "routing_number", "12", "account_number", "x")));
        Api.Response response = api.post("/v1/link_tokens", Map.of("org_name", "Acme",
                "required_jobs", List.of("direct_deposit_switch"), "end_user_id", "eu", "allocation", bad),
                Api.secret(BOOTSTRAP_SECRET));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("issues").findValuesAsString("path"))
                .contains("allocation.targets[0].type", "allocation.targets[0].routing_number",
                        "allocation.targets[0].account_number");
        Api.Response missingValue = api.post("/v1/link_tokens", Map.of("org_name", "Acme",
                "required_jobs", List.of("direct_deposit_switch"), "end_user_id", "eu",
                "allocation", Map.of("type", "amount", "targets", ALLOCATION.get("targets"))), Api.secret(BOOTSTRAP_SECRET));
        assertThat(missingValue.status()).isEqualTo(400);
        assertThat(missingValue.json().get("issues").findValuesAsString("path")).contains("allocation.value");
    }
}
