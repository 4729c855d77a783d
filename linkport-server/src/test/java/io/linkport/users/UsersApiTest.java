package io.linkport.users;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import io.linkport.tokens.TokenKind;
import io.linkport.tokens.TokenService;
import io.linkport.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.linkport.users.UserFixtures.EXPIRES_AT;
import static io.linkport.users.UserFixtures.accessToken;
import static io.linkport.users.UserFixtures.count;
import static io.linkport.users.UserFixtures.createUser;
import static io.linkport.users.UserFixtures.events;
import static io.linkport.users.UserFixtures.issuePaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersApiTest extends ServerTest {

    @Autowired
    TokenService tokenService;

    @Test
    void createUserWhenNewThenCreatedWithSeedTokenObject() {
        TestTenant tenant = newTenant("users-create");
        Instant before = Instant.now();
        Api.Response response = api.post("/v1/users", Map.of("externalUserId", "crm-1", "name", " Ada Lovelace ",
                "email", "ada@example.com", "phone", "+44 (20) 7946-0958"), tenant.auth());
        Instant after = Instant.now();

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = response.json();
        assertThat(fieldNames(body)).containsExactly("userId", "externalUserId", "name", "email", "phone", "createdAt", "token");
        assertThat(body.get("userId").asString()).matches("^" + tenant.id() + "-[0-9a-f]{32}$");
        assertThat(body.get("externalUserId").asString()).isEqualTo("crm-1");
        assertThat(body.get("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(body.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(body.get("phone").asString()).isEqualTo("+442079460958");
        assertThat(body.get("createdAt").asString()).matches(EXPIRES_AT);

        JsonNode token = body.get("token");
        assertThat(fieldNames(token)).containsExactly("expiresAt", "mode", "accessToken");
        assertThat(token.get("mode").asString()).isEqualTo("SANDBOX");
        assertThat(token.get("accessToken").asString()).matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
        assertThat(token.get("expiresAt").asString()).matches(EXPIRES_AT);
        Instant expiresAt = Instant.parse(token.get("expiresAt").asString());
        assertThat(expiresAt).isBetween(before.plusSeconds(3600 - 1), after.plusSeconds(3600));
        assertThat(count(jdbc, "users", tenant.id())).isEqualTo(1);
    }

    @Test
    void createUserWhenNoBodyThenCreatedWithoutProfile() {
        TestTenant tenant = newTenant("users-anonymous");
        Api.Response response = api.send("POST", "/v1/users", null, null, tenant.auth());

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("externalUserId").isNull()).isTrue();
        assertThat(body.get("email").isNull()).isTrue();
        assertThat(body.get("token").get("accessToken").asString()).isNotBlank();
    }

    @Test
    void createUserWhenExternalUserIdExistsThenSameUserWithNewTokenAndOldRevoked() {
        TestTenant tenant = newTenant("users-existing");
        JsonNode first = createUser(api, tenant, Map.of("externalUserId", "crm-42", "email", "first@example.com"));

        Api.Response again = api.post("/v1/users", Map.of("externalUserId", "crm-42", "email", "other@example.com"),
                tenant.auth());

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        JsonNode second = again.json();
        assertThat(second.get("userId").asString()).isEqualTo(first.get("userId").asString());
        assertThat(second.get("email").asString()).isEqualTo("first@example.com");
        assertThat(accessToken(second)).isNotEqualTo(accessToken(first));
        assertThat(count(jdbc, "users", tenant.id())).isEqualTo(1);
        assertThat(events(jdbc, tenant.id(), "USER_CREATED")).isEqualTo(1);
        assertThatThrownBy(() -> tokenService.consume(accessToken(first), TokenKind.USER))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("token_revoked"));
        assertThat(tokenService.consume(accessToken(second), TokenKind.USER).subject())
                .isEqualTo(first.get("userId").asString());
    }

    @Test
    void createUserWhenSameExternalUserIdConcurrentlyThenOneUserAndOneEvent() throws Exception {
        TestTenant tenant = newTenant("users-race");
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(() -> api.post("/v1/users", Map.of("externalUserId", "crm-race"), tenant.auth()));
        }
        List<Api.Response> responses = new ArrayList<>();
        try {
            for (Future<Api.Response> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(responses).extracting(Api.Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses.stream().map(r -> r.json().get("userId").asString()).distinct()).hasSize(1);
        assertThat(count(jdbc, "users", tenant.id())).isEqualTo(1);
        assertThat(events(jdbc, tenant.id(), "USER_CREATED")).isEqualTo(1);
        long unused = jdbc.sql("SELECT COUNT(*) FROM issued_tokens WHERE tenant_id = ? AND revoked_at IS NULL")
                .param(tenant.id()).query(Long.class).single();
        assertThat(unused).isEqualTo(1);
    }

    @Test
    void createUserWhenFieldsInvalidThenEveryIssueAndNothingWritten() {
        TestTenant tenant = newTenant("users-invalid");
        Map<String, Object> body = new HashMap<>();
        body.put("externalUserId", 5);
        body.put("name", "");
        body.put("email", "not-an-email");
        body.put("phone", "12");
        body.put("nickname", "x");

        Api.Response response = api.post("/v1/users", body, tenant.auth());

        assertThat(issuePaths(response)).contains("externalUserId", "name", "email", "phone", "nickname");
        assertThat(count(jdbc, "users", tenant.id())).isZero();
        assertThat(count(jdbc, "events", tenant.id())).isZero();
        assertThat(count(jdbc, "issued_tokens", tenant.id())).isZero();
    }

    @Test
    void createUserWhenValuesTooLongOrBlankThenValidationError() {
        TestTenant tenant = newTenant("users-lengths");
        Api.Response response = api.post("/v1/users", Map.of("externalUserId", "x".repeat(256), "name", "   ",
                "email", "a".repeat(250) + "@example.com", "phone", "+1415555012345678"), tenant.auth());

        assertThat(issuePaths(response)).contains("externalUserId", "name", "email", "phone");
        assertThat(count(jdbc, "users", tenant.id())).isZero();
    }

    @Test
    void createUserWhenBodyIsNotAnObjectThenValidationError() {
        TestTenant tenant = newTenant("users-not-object");
        assertThat(issuePaths(api.post("/v1/users", "[1,2]", tenant.auth()))).isNotEmpty();
        assertThat(issuePaths(api.post("/v1/users", "{\"email\":", tenant.auth()))).containsExactly("");
        assertThat(count(jdbc, "users", tenant.id())).isZero();
    }

    @Test
    void createUserWhenNoApiKeyThenUnauthorized() {
        Api.Response response = api.post("/v1/users", Map.of("name", "Ada"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void getUserThenProfileWithLinksAndLogins() {
        TestTenant tenant = newTenant("users-get");
        JsonNode created = createUser(api, tenant, Map.of("externalUserId", "crm-7", "name", "Grace"));
        String userId = created.get("userId").asString();

        Api.Response response = api.get("/v1/users/" + userId, tenant.auth());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(fieldNames(body)).containsExactly("userId", "externalUserId", "name", "email", "phone", "createdAt",
                "links", "logins");
        assertThat(body.get("userId").asString()).isEqualTo(userId);
        assertThat(body.get("name").asString()).isEqualTo("Grace");
        assertThat(body.get("createdAt").asString()).isEqualTo(created.get("createdAt").asString());
        assertThat(body.get("links").isArray()).isTrue();
        assertThat(body.get("logins").isArray()).isTrue();
        assertThat(body.has("token")).isFalse();
    }

    @Test
    void getUserWhenUnknownThenNotFound() {
        TestTenant tenant = newTenant("users-unknown");
        Api.Response response = api.get("/v1/users/" + tenant.id() + "-00000000000000000000000000000000", tenant.auth());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("user_not_found");
        assertThat(response.json().get("requestId").asString()).isNotBlank();
    }

    @Test
    void userWhenOtherTenantThenNotFoundEverywhere() {
        TestTenant owner = newTenant("users-owner");
        TestTenant other = newTenant("users-other");
        JsonNode created = createUser(api, owner, Map.of("externalUserId", "shared-id", "email", "own@example.com"));
        String userId = created.get("userId").asString();

        assertThat(api.get("/v1/users/" + userId, other.auth()).status()).isEqualTo(404);
        assertThat(api.post("/v1/tokens?userId=" + userId, null, other.auth()).status()).isEqualTo(404);
        assertThat(api.delete("/v1/users/" + userId, other.auth()).status()).isEqualTo(404);
        JsonNode list = api.get("/v1/users", other.auth()).json();
        assertThat(list.get("users").size()).isZero();
        // The same tenant-side id in another tenant is another person.
        JsonNode theirs = createUser(api, other, Map.of("externalUserId", "shared-id"));
        assertThat(theirs.get("userId").asString()).isNotEqualTo(userId).startsWith(other.id() + "-");

        assertThat(api.get("/v1/users/" + userId, owner.auth()).json().get("email").asString()).isEqualTo("own@example.com");
        assertThat(count(jdbc, "issued_tokens", owner.id())).isEqualTo(1);
    }

    @Test
    void userWhenOtherModeThenNotFound() {
        TestTenant tenant = newTenant("users-modes");
        Api.Response key = api.post("/admin/v1/tenants/" + tenant.id() + "/api_keys", Map.of("mode", "production"),
                Api.secret(ADMIN_KEY));
        assertThat(key.status()).as(key.text()).isEqualTo(201);
        String[] production = Api.secret(key.json().get("secret").asString());
        JsonNode sandboxUser = createUser(api, tenant, Map.of("externalUserId", "crm-mode"));

        Api.Response productionUser = api.post("/v1/users", Map.of("externalUserId", "crm-mode"), production);

        assertThat(productionUser.status()).as(productionUser.text()).isEqualTo(201);
        assertThat(productionUser.json().get("token").get("mode").asString()).isEqualTo("PRODUCTION");
        assertThat(productionUser.json().get("userId").asString()).isNotEqualTo(sandboxUser.get("userId").asString());
        assertThat(api.get("/v1/users/" + sandboxUser.get("userId").asString(), production).status()).isEqualTo(404);
        assertThat(api.get("/v1/users", production).json().get("users").size()).isEqualTo(1);
    }

    @Test
    void listUsersThenPagesFollowNextCursorInCreationOrder() {
        TestTenant tenant = newTenant("users-list");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createUser(api, tenant, Map.of("externalUserId", "crm-" + i)).get("userId").asString());
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/v1/users?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), tenant.auth());
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(fieldNames(body)).containsExactly("users", "nextCursor");
            body.get("users").forEach(user -> seen.add(user.get("userId").asString()));
            sizes.add(body.get("users").size());
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void listUsersWhenFilteredByExternalUserIdThenOnlyThatUser() {
        TestTenant tenant = newTenant("users-filter");
        createUser(api, tenant, Map.of("externalUserId", "crm-a"));
        String b = createUser(api, tenant, Map.of("externalUserId", "crm-b")).get("userId").asString();

        JsonNode body = api.get("/v1/users?externalUserId=crm-b", tenant.auth()).json();

        assertThat(body.get("users").size()).isEqualTo(1);
        assertThat(body.get("users").get(0).get("userId").asString()).isEqualTo(b);
        assertThat(body.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void listUsersWhenLimitOrCursorInvalidThenValidationError() {
        TestTenant tenant = newTenant("users-list-invalid");
        assertThat(issuePaths(api.get("/v1/users?limit=0", tenant.auth()))).containsExactly("limit");
        assertThat(issuePaths(api.get("/v1/users?limit=101", tenant.auth()))).containsExactly("limit");
        assertThat(issuePaths(api.get("/v1/users?limit=ten", tenant.auth()))).containsExactly("limit");
        assertThat(issuePaths(api.get("/v1/users?cursor=not-ours", tenant.auth()))).containsExactly("cursor");
        assertThat(issuePaths(api.get("/v1/users?cursor=dXNlcnM6LTE", tenant.auth()))).containsExactly("cursor");
        assertThat(issuePaths(api.get("/v1/users?limit=500&cursor=x&externalUserId=" + "e".repeat(256), tenant.auth())))
                .containsExactly("limit", "cursor", "externalUserId");
    }

    @Test
    void listUsersWhenNoApiKeyThenUnauthorized() {
        assertThat(api.get("/v1/users").status()).isEqualTo(401);
    }

    @Test
    void usersEndpointsAppearInOpenApiDocument() {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");

        assertThat(paths.get("/v1/users").has("post")).isTrue();
        assertThat(paths.get("/v1/users").has("get")).isTrue();
        assertThat(paths.get("/v1/users/{userId}").has("get")).isTrue();
        assertThat(paths.get("/v1/users/{userId}").has("delete")).isTrue();
        assertThat(paths.get("/v1/tokens").has("post")).isTrue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
