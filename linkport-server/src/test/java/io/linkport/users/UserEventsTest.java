package io.linkport.users;

import io.linkport.common.Mode;
import io.linkport.events.Event;
import io.linkport.events.EventLog;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import io.linkport.tenants.ApiCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.linkport.users.UserFixtures.count;
import static io.linkport.users.UserFixtures.createUser;
import static io.linkport.users.UserFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserEventsTest extends ServerTest {

    @Autowired
    EventLog eventLog;

    @Autowired
    JsonMapper json;

    @Autowired
    UserService users;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void createUserThenUserCreatedEventMatchesSeedEnvelopeFieldForField() {
        TestTenant tenant = newTenant("users-event");
        String userId = createUser(api, tenant, Map.of("externalUserId", "crm-event", "email", "ev@example.com"))
                .get("userId").asString();

        Map<String, Object> row = jdbc.sql("SELECT id, mode, type, version, data FROM events WHERE tenant_id = ?")
                .param(tenant.id()).query().singleRow();
        assertThat(row.get("id").toString()).matches("^et-[0-9a-f]{32}$");
        assertThat(row.get("type")).isEqualTo("USER_CREATED");
        assertThat(((Number) row.get("version")).intValue()).isEqualTo(1);
        assertThat(row.get("mode")).isEqualTo("SANDBOX");
        assertThat(Api.JSON.readTree(row.get("data").toString()))
                .isEqualTo(Api.JSON.readTree("{\"userId\":\"" + userId + "\"}"));

        Event event = eventLog.find(tenant.id(), row.get("id").toString()).orElseThrow();
        JsonNode envelope = json.readTree(json.writeValueAsString(event.envelope()));
        List<String> fields = new ArrayList<>(envelope.propertyNames());
        assertThat(fields).containsExactly("id", "version", "type", "createdAt", "data");
        assertThat(envelope.get("id").asString()).isEqualTo(row.get("id"));
        assertThat(envelope.get("version").isInt()).isTrue();
        assertThat(envelope.get("version").asInt()).isEqualTo(1);
        assertThat(envelope.get("type").asString()).isEqualTo("USER_CREATED");
        assertThat(envelope.get("createdAt").asString())
                .matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$");
        assertThat(envelope.get("data").propertyNames()).containsExactly("userId");
        assertThat(envelope.get("data").get("userId").asString()).isEqualTo(userId);
    }

    @Test
    void createUserWhenTransactionRollsBackThenNeitherUserNorEventNorToken() {
        TestTenant tenant = newTenant("users-rollback");
        ApiCaller caller = new ApiCaller(tenant.id(), Mode.SANDBOX, "test");
        TransactionTemplate tx = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            UserService.IssuedUser issued = users.create(caller, new NewUser("crm-rollback", "Rolled Back", null, null));
            assertThat(issued.created()).isTrue();
            assertThat(count(jdbc, "users", tenant.id())).isEqualTo(1);
            assertThat(events(jdbc, tenant.id(), "USER_CREATED")).isEqualTo(1);
            throw new IllegalStateException("the surrounding work failed");
        })).hasMessage("the surrounding work failed");

        assertThat(count(jdbc, "users", tenant.id())).isZero();
        assertThat(count(jdbc, "events", tenant.id())).isZero();
        assertThat(count(jdbc, "issued_tokens", tenant.id())).isZero();
    }

    @Test
    void deleteUserThenUserDeletedEventCarriesOnlyTheUserId() {
        TestTenant tenant = newTenant("users-delete-event");
        String userId = createUser(api, tenant, Map.of("name", "Gone")).get("userId").asString();

        api.delete("/v1/users/" + userId, tenant.auth());

        String id = jdbc.sql("SELECT id FROM events WHERE tenant_id = ? AND type = 'USER_DELETED'").param(tenant.id())
                .query(String.class).single();
        Event.Envelope envelope = eventLog.find(tenant.id(), id).orElseThrow().envelope();
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.data()).isEqualTo(Map.of("userId", userId));
    }
}
