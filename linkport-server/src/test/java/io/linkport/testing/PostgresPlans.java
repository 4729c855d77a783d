package io.linkport.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The plan PostgreSQL caches for a statement once it stops re-planning it (the generic plan, which
 * pgjdbc's server-side prepared statements get after a few executions), read with PREPARE and
 * EXPLAIN EXECUTE on a connection of its own, inside a transaction that is rolled back.
 */
public final class PostgresPlans {

    private PostgresPlans() {
    }

    /** The generic plan of {@code sql} ({@code ?} placeholders) with these literal arguments. */
    public static String genericPlan(String sql, String... sqlLiterals) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + (++n) : String.valueOf(c));
        }
        Map<String, String> props = TestDatabase.properties();
        try (Connection connection = DriverManager.getConnection(props.get("spring.datasource.url"),
                props.get("spring.datasource.username"), props.get("spring.datasource.password"));
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                statement.execute("PREPARE linkport_plan AS " + numbered);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("EXPLAIN EXECUTE linkport_plan(" + String.join(", ", sqlLiterals) + ")")) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
            }
        }
    }
}
