package io.linkport.logins;

import io.linkport.testing.Api;
import io.linkport.testing.ServerProcess;
import io.linkport.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled refresh with two nodes: two processes of the packaged jar on one PostgreSQL schema,
 * each polling every second. Every due login must be refreshed exactly once between them.
 * Runs when the suite runs on PostgreSQL ({@code LINKPORT_TEST_DB=postgres}).
 */
class LoginRefreshTwoNodesIT {

    static final String SECRET = "sk_sandbox_it_refresh_two_nodes_0123456789abcdef";
    static final String ADMIN = "ak_it_refresh_two_nodes_admin_0123456789abcdef";
    static final String PG = System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_USER", "postgres");
    static final String PG_PASSWORD = System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_PASSWORD", "");

    @Test
    void refreshWithTwoServerProcessesOnOneDatabaseThenEachLoginRefreshedExactlyOnce(@TempDir Path a, @TempDir Path b)
            throws Exception {
        assumeThat(TestDatabase.postgres()).as("runs on PostgreSQL").isTrue();
        String schema = "lp_it_refresh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = PG + (PG.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Map<String, String> env = Map.of(
                "SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", PG_USER, "SPRING_DATASOURCE_PASSWORD", PG_PASSWORD,
                "SPRING_FLYWAY_SCHEMAS", schema, "SPRING_FLYWAY_CREATE_SCHEMAS", "true",
                "LINKPORT_BOOTSTRAP_SECRET", SECRET, "LINKPORT_ADMIN_KEY", ADMIN,
                "LINKPORT_MASTER_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "LINKPORT_LOGINS_REFRESH_POLL", "PT1S");
        try {
            runTwoNodes(a, b, url, env);
        } finally {
            try (Connection db = DriverManager.getConnection(PG, PG_USER, PG_PASSWORD)) {
                db.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void runTwoNodes(Path a, Path b, String url, Map<String, String> env) throws Exception {
        try (ServerProcess nodeA = ServerProcess.start(a, env)) {
            nodeA.awaitReady(Duration.ofSeconds(120));
            try (ServerProcess nodeB = ServerProcess.start(b, env)) {
                nodeB.awaitReady(Duration.ofSeconds(120));
                Api api = nodeA.api();
                String tenantId = api.get("/admin/v1/tenants", Api.secret(ADMIN)).json().get(0).get("id").asString();
                String clientId = api.get("/admin/v1/tenants", Api.secret(ADMIN)).json().get(0).get("publicClientId").asString();
                Api.Response put = api.send("PUT", "/admin/v1/tenants/" + tenantId + "/redirect_uris", "application/json",
                        "{\"redirectUris\":[\"" + LoginFlows.REDIRECT + "\"]}", Api.secret(ADMIN));
                assertThat(put.status()).isEqualTo(200);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    Api.Response start = api.get("/v1/OAuth/Authorize?client_id=" + clientId + "&institution=sandbox_bank&redirect_uri="
                            + LoginFlows.enc(LoginFlows.REDIRECT) + "&state=s" + i);
                    String loginId = LoginFlows.loginThrough(api, WidgetLogin.of(api, start), "user_good_node" + i, "pass_good")
                            .get("loginId");
                    Api.Response save = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true, "Save", true),
                            Api.secret(SECRET));
                    assertThat(save.status()).as(save.text()).isEqualTo(200);
                    ids.add(loginId);
                }
                try (Connection db = DriverManager.getConnection(url, PG_USER, PG_PASSWORD)) {
                    db.createStatement().executeUpdate("UPDATE logins SET next_refresh_at = now() - interval '1 minute'");

                    await().atMost(Duration.ofSeconds(120)).until(() -> count(db,
                            "SELECT COUNT(*) FROM logins WHERE next_refresh_at > now() AND lease_owner IS NULL") == ids.size());

                    for (String loginId : ids) {
                        assertThat(count(db, "SELECT COUNT(*) FROM events WHERE type = 'LOGIN_REFRESHED' AND data LIKE '%"
                                + loginId + "%' AND data LIKE '%scheduled%'")).as(loginId).isEqualTo(1);
                    }
                    assertThat(count(db, "SELECT COUNT(*) FROM login_snapshots")).isEqualTo(2L * ids.size());
                }
            }
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
