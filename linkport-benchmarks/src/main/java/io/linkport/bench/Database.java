package io.linkport.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** A database variant: how the server reaches it and how the ceiling loop reaches a twin of it. */
record Database(String name, Map<String, String> serverEnv, String ceilingUrl, String user, Runnable cleanup) {

    static final String POSTGRES_URL = System.getenv().getOrDefault("LINKPORT_BENCH_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");

    /** The default embedded database, in a fresh data directory; the ceiling uses its own H2 file beside it. */
    static Database h2(Path workDir) {
        return new Database("h2", Map.of(), "jdbc:h2:file:" + workDir.resolve("ceiling/db") + ";MODE=PostgreSQL", "sa", () -> { });
    }

    /** A fresh schema in the local PostgreSQL, dropped afterwards. */
    static Database postgres() {
        String schema = "lp_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Database("postgresql", Map.of(
                "SPRING_DATASOURCE_URL", url,
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "SPRING_DATASOURCE_PASSWORD", "",
                "SPRING_FLYWAY_SCHEMAS", schema,
                "SPRING_FLYWAY_CREATE_SCHEMAS", "true"),
                url, "postgres", () -> drop(schema));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(ceilingUrl, user, "");
    }

    private static void drop(String schema) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop " + schema + ": " + e.getMessage());
        }
    }
}
