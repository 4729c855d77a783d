package io.linkport.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Which database the suite runs against: H2 (a fresh file database in a temporary directory)
 * unless {@code LINKPORT_TEST_DB=postgres} (or {@code -Dlinkport.test.db=postgres}) is set, in
 * which case a fresh schema in the PostgreSQL at {@code LINKPORT_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}). A fresh database or
 * schema per test JVM keeps runs independent of each other and of earlier runs.
 */
public final class TestDatabase {

    private static final Path DATA_DIR = createDataDir();
    private static final String SCHEMA = "lp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private TestDatabase() {
    }

    public static boolean postgres() {
        String value = System.getProperty("linkport.test.db", System.getenv().getOrDefault("LINKPORT_TEST_DB", "h2"));
        return value.toLowerCase(Locale.ROOT).startsWith("postgres");
    }

    public static String name() {
        return postgres() ? "postgresql" : "h2";
    }

    public static Path dataDir() {
        return DATA_DIR;
    }

    public static String schema() {
        return SCHEMA;
    }

    /** Spring properties that point the server at the chosen database. */
    public static Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("linkport.data-dir", DATA_DIR.toString());
        if (postgres()) {
            String url = System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            props.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
            props.put("spring.datasource.username", System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_USER", "postgres"));
            props.put("spring.datasource.password", System.getenv().getOrDefault("LINKPORT_TEST_POSTGRES_PASSWORD", ""));
            props.put("spring.flyway.schemas", SCHEMA);
            props.put("spring.flyway.create-schemas", "true");
        } else {
            props.put("spring.datasource.url", "jdbc:h2:file:" + DATA_DIR.resolve("linkport")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        }
        return props;
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("linkport-test-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
