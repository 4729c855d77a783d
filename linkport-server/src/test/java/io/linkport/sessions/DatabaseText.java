package io.linkport.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Searches every text column of every table of the test database for a string. */
final class DatabaseText {

    private static final String TEXT_COLUMNS = """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema()
              AND LOWER(data_type) IN ('character varying', 'text', 'character large object', 'character', 'clob')""";

    private DatabaseText() {
    }

    /** "table.column" of every column holding {@code needle}. */
    static List<String> occurrences(JdbcClient jdbc, String needle) {
        List<Map<String, Object>> columns = jdbc.sql(TEXT_COLUMNS).query().listOfRows();
        if (columns.isEmpty()) {
            throw new IllegalStateException("No text columns found: the schema query does not fit this database");
        }
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = String.valueOf(column.get("table_name"));
            String name = String.valueOf(column.get("column_name"));
            long hits = jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + name + " LIKE ?")
                    .param("%" + needle + "%").query(Long.class).single();
            if (hits > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }
}
