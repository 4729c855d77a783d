package io.linkport.webhooks;

import io.linkport.testing.Api;
import io.linkport.testing.ServerProcess;
import io.linkport.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Environment and traffic for the tests that run the server jar as separate processes. */
final class ProcessFixtures {

    static final String BOOTSTRAP_SECRET = "sk_sandbox_it_bootstrap_secret_0123456789abcdef";

    private ProcessFixtures() {
    }

    /** A fresh data directory, and on PostgreSQL a fresh schema, shared by every process started with the result. */
    static Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LINKPORT_DATA_DIR", dataDir.toString());
        env.put("LINKPORT_BOOTSTRAP_SECRET", BOOTSTRAP_SECRET);
        env.put("LINKPORT_ADMIN_KEY", "ak_it_admin_key_0123456789abcdef0123456789");
        env.put("LINKPORT_MASTER_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        // fast retries, and leases short enough that a killed node's claims come back while the test waits
        env.put("LINKPORT_WEBHOOKS_RETRY_SCHEDULE", "200ms,500ms,1s,2s,5s,10s,10s");
        env.put("LINKPORT_WEBHOOKS_REQUEST_TIMEOUT", "10s");
        env.put("LINKPORT_WEBHOOKS_LEASE_DURATION", "15s");
        env.put("LINKPORT_WEBHOOKS_PER_ENDPOINT_CONCURRENCY", "4");
        if (TestDatabase.postgres()) {
            String schema = "lp_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String url = System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            env.put("SPRING_DATASOURCE_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            env.put("SPRING_DATASOURCE_USERNAME", System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_USER", "postgres"));
            env.put("SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_PASSWORD", ""));
            env.put("SPRING_FLYWAY_SCHEMAS", schema);
            env.put("SPRING_FLYWAY_CREATE_SCHEMAS", "true");
            // the processes using it are stopped by then; a shared test database would otherwise keep every run's schema
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(env, schema)));
        }
        return env;
    }

    private static void dropSchema(Map<String, String> env, String schema) {
        try (Connection connection = connect(env); Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '5s'");
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop the test schema " + schema + ": " + e.getMessage());
        }
    }

    /**
     * The database the processes started with {@code env} share. An embedded H2 database can be
     * opened only once its server has exited; PostgreSQL at any time.
     */
    static Connection connect(Map<String, String> env) throws SQLException {
        String url = env.containsKey("SPRING_DATASOURCE_URL") ? env.get("SPRING_DATASOURCE_URL")
                : "jdbc:h2:file:" + Path.of(env.get("LINKPORT_DATA_DIR")).resolve("linkport") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        return DriverManager.getConnection(url, env.getOrDefault("SPRING_DATASOURCE_USERNAME", "sa"),
                env.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
    }

    /** The single number {@code sql} answers, read with {@link #connect}. */
    static long count(Map<String, String> env, String sql) throws SQLException {
        try (Connection connection = connect(env);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Starts a node with {@code env} and waits until it is ready. Its working directory, and so its
     * {@code server.log}, is {@code target/it-logs/<name>-<time>}; the heap limit keeps two nodes and
     * the test's own JVM within a CI machine's memory.
     */
    static ServerProcess startServer(String name, Map<String, String> env) throws Exception {
        Path workDir = Files.createDirectories(Path.of("target", "it-logs", name + "-" + System.currentTimeMillis()));
        ServerProcess server = ServerProcess.startWith(List.of("-Xmx512m"), workDir, env);
        try {
            server.awaitReady(Duration.ofSeconds(90));
        } catch (RuntimeException | InterruptedException e) {
            server.kill();
            throw e;
        }
        return server;
    }

    /** Registers an endpoint; answers its id and secret. */
    static String[] endpoint(String baseUrl, String url) {
        Api.Response response = new Api(baseUrl).post("/v1/webhook_endpoints", Map.of("url", url), Api.secret(BOOTSTRAP_SECRET));
        if (response.status() != 201) {
            throw new IllegalStateException(response.text());
        }
        return new String[] {response.json().get("id").asString(), response.json().get("secret").asString()};
    }

    /** Sends {@code count} test events, spread over the given servers, from 8 client threads; answers their ids. */
    static List<String> sendTestEvents(List<String> baseUrls, String endpointId, int count) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Api api = new Api(baseUrls.get(i % baseUrls.size()));
                futures.add(clients.submit(() -> {
                    Api.Response response = api.post("/v1/webhook_endpoints/" + endpointId + "/test", "", Api.secret(BOOTSTRAP_SECRET));
                    if (response.status() != 202) {
                        throw new IllegalStateException(response.text());
                    }
                    ids.add(response.json().get("eventId").asString());
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
        return ids;
    }
}
