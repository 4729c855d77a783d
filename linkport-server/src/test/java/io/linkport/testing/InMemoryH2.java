package io.linkport.testing;

import java.util.UUID;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 database of its own, for tests of database plumbing below the server. */
public final class InMemoryH2 {

    private InMemoryH2() {
    }

    /** Kept until the JVM exits (DB_CLOSE_DELAY=-1), so it outlives any pool in front of it. */
    public static DriverManagerDataSource fresh(String name) {
        return new DriverManagerDataSource("jdbc:h2:mem:" + name + "_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
