package io.linkport.users;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest.TestTenant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Small builders shared by the users tests. */
final class UserFixtures {

    static final String EXPIRES_AT = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$";

    private UserFixtures() {
    }

    /** Creates a user and checks it was created (201). */
    static JsonNode createUser(Api api, TestTenant tenant, Map<String, ?> body) {
        Api.Response response = api.post("/v1/users", body, tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }

    static String accessToken(JsonNode created) {
        return created.get("token").get("accessToken").asString();
    }

    static long count(JdbcClient jdbc, String table, String tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    static long events(JdbcClient jdbc, String tenantId, String type) {
        return jdbc.sql("SELECT COUNT(*) FROM events WHERE tenant_id = ? AND type = ?").params(tenantId, type)
                .query(Long.class).single();
    }

    /** The paths of a 400 in the validation shape; fails when the body has another shape. */
    static java.util.List<String> issuePaths(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        JsonNode body = response.json();
        assertThat(body.get("error").asString()).isEqualTo("Validation failed");
        assertThat(body.get("issues").isArray()).isTrue();
        java.util.List<String> paths = new java.util.ArrayList<>();
        body.get("issues").forEach(issue -> {
            assertThat(issue.get("message").asString()).isNotBlank();
            paths.add(issue.get("path").asString());
        });
        return paths;
    }
}
