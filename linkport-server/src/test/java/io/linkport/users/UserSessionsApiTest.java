package io.linkport.users;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.linkport.users.UserFixtures.accessToken;
import static io.linkport.users.UserFixtures.createUser;
import static org.assertj.core.api.Assertions.assertThat;

/** The user token opens the widget: the public session API consumes it (seed 001, onTokenExpired). */
class UserSessionsApiTest extends ServerTest {

    @Test
    void startSessionWithUserTokenThenUserPicksIntegrationAndTokenIsUsedUp() {
        TestTenant tenant = newTenant("users-session");
        JsonNode user = createUser(api, tenant, Map.of("externalUserId", "crm-session"));

        Api.Response started = api.post("/v1/sessions", Map.of("accessToken", accessToken(user)));
        Api.Response again = api.post("/v1/sessions", Map.of("accessToken", accessToken(user)));

        assertThat(started.status()).as(started.text()).isEqualTo(201);
        assertThat(started.json().get("session").get("integrationFixed").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("token_already_used");
        JsonNode links = api.get("/v1/users/" + user.get("userId").asString(), tenant.auth()).json().get("links");
        assertThat(links.size()).isEqualTo(1);
        assertThat(links.get(0).get("linkId").asString()).isEqualTo(started.json().get("session").get("linkId").asString());
    }

    @Test
    void startSessionWithExpiredUserTokenThenTokenExpired() {
        TestTenant tenant = newTenant("users-session-expired");
        JsonNode user = createUser(api, tenant, Map.of());
        jdbc.sql("UPDATE issued_tokens SET expires_at = ? WHERE tenant_id = ? AND subject = ?")
                .params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), tenant.id(), user.get("userId").asString())
                .update();

        Api.Response response = api.post("/v1/sessions", Map.of("accessToken", accessToken(user)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("token_expired");
    }

    @Test
    void startSessionWithRefreshedAwayUserTokenThenTokenRevoked() {
        TestTenant tenant = newTenant("users-session-revoked");
        JsonNode user = createUser(api, tenant, Map.of());
        api.post("/v1/tokens?userId=" + user.get("userId").asString(), null, tenant.auth());

        Api.Response response = api.post("/v1/sessions", Map.of("accessToken", accessToken(user)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("token_revoked");
    }
}
