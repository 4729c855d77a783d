package io.linkport.users;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import io.linkport.tokens.TokenKind;
import io.linkport.tokens.TokenService;
import io.linkport.web.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.linkport.users.UserFixtures.EXPIRES_AT;
import static io.linkport.users.UserFixtures.accessToken;
import static io.linkport.users.UserFixtures.createUser;
import static io.linkport.users.UserFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDeletionApiTest extends ServerTest {

    @Autowired
    TokenService tokenService;

    @Test
    void deleteUserThenPersonalDataGoneFromDatabaseAndEventRecorded() {
        TestTenant tenant = newTenant("users-delete");
        String email = "erase-me-" + System.nanoTime() + "@example.com";
        JsonNode created = createUser(api, tenant, Map.of("externalUserId", "crm-erase", "name", "Erin Erased",
                "email", email, "phone", "+14155550123"));
        String userId = created.get("userId").asString();

        Api.Response response = api.delete("/v1/users/" + userId, tenant.auth());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("userId").asString()).isEqualTo(userId);
        assertThat(response.json().get("deleted").asBoolean()).isTrue();
        assertThat(response.json().get("deletedAt").asString()).matches(EXPIRES_AT);
        Api.Response after = api.get("/v1/users/" + userId, tenant.auth());
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.json().get("error").asString()).isEqualTo("user_not_found");
        assertThat(api.get("/v1/users", tenant.auth()).json().get("users").size()).isZero();

        for (String value : new String[] {email, "Erin Erased", "crm-erase", "+14155550123"}) {
            long inUsers = jdbc.sql("""
                    SELECT COUNT(*) FROM users WHERE email = ? OR name = ? OR external_user_id = ? OR phone = ?""")
                    .params(value, value, value, value).query(Long.class).single();
            long inEvents = jdbc.sql("SELECT COUNT(*) FROM events WHERE data LIKE ?").param("%" + value + "%")
                    .query(Long.class).single();
            long inTokens = jdbc.sql("SELECT COUNT(*) FROM issued_tokens WHERE details LIKE ? OR subject = ?")
                    .params("%" + value + "%", value).query(Long.class).single();
            assertThat(inUsers + inEvents + inTokens).as(value).isZero();
        }
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM users WHERE id = ?").param(userId)
                .query(Boolean.class).single()).isTrue();
        assertThat(events(jdbc, tenant.id(), "USER_DELETED")).isEqualTo(1);
        String data = jdbc.sql("SELECT data FROM events WHERE tenant_id = ? AND type = 'USER_DELETED'")
                .param(tenant.id()).query(String.class).single();
        assertThat(Api.JSON.readTree(data)).isEqualTo(Api.JSON.readTree("{\"userId\":\"" + userId + "\"}"));
        assertThatThrownBy(() -> tokenService.consume(accessToken(created), TokenKind.USER))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("token_revoked"));
    }

    @Test
    void deleteUserWhenAlreadyDeletedThenNotFoundAndIdNeverReused() {
        TestTenant tenant = newTenant("users-delete-twice");
        String userId = createUser(api, tenant, Map.of("externalUserId", "crm-again")).get("userId").asString();
        assertThat(api.delete("/v1/users/" + userId, tenant.auth()).status()).isEqualTo(200);

        Api.Response again = api.delete("/v1/users/" + userId, tenant.auth());
        Api.Response refresh = api.post("/v1/tokens?userId=" + userId, null, tenant.auth());
        JsonNode recreated = createUser(api, tenant, Map.of("externalUserId", "crm-again"));

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error").asString()).isEqualTo("user_not_found");
        assertThat(refresh.status()).isEqualTo(404);
        assertThat(recreated.get("userId").asString()).isNotEqualTo(userId);
        assertThat(events(jdbc, tenant.id(), "USER_DELETED")).isEqualTo(1);
        assertThat(events(jdbc, tenant.id(), "USER_CREATED")).isEqualTo(2);
    }

    @Test
    void deleteUserWhenOtherTenantThenNotFoundAndUserKept() {
        TestTenant owner = newTenant("users-delete-owner");
        TestTenant other = newTenant("users-delete-other");
        String userId = createUser(api, owner, Map.of("email", "keep@example.com")).get("userId").asString();

        Api.Response response = api.delete("/v1/users/" + userId, other.auth());

        assertThat(response.status()).isEqualTo(404);
        assertThat(api.get("/v1/users/" + userId, owner.auth()).json().get("email").asString()).isEqualTo("keep@example.com");
        assertThat(events(jdbc, owner.id(), "USER_DELETED") + events(jdbc, other.id(), "USER_DELETED")).isZero();
    }

    @Test
    void deleteUserWhenNoApiKeyThenUnauthorizedAndUserKept() {
        TestTenant tenant = newTenant("users-delete-anon");
        String userId = createUser(api, tenant, Map.of("name", "Kept")).get("userId").asString();

        assertThat(api.delete("/v1/users/" + userId).status()).isEqualTo(401);
        assertThat(api.get("/v1/users/" + userId, tenant.auth()).status()).isEqualTo(200);
    }
}
