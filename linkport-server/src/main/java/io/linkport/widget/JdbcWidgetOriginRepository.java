package io.linkport.widget;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcWidgetOriginRepository {

    private static final String LIST = """
            SELECT origin FROM widget_origins WHERE tenant_id = ? ORDER BY origin""";
    private static final String LIST_ALL = """
            SELECT DISTINCT origin FROM widget_origins ORDER BY origin""";
    private static final String DELETE = """
            DELETE FROM widget_origins WHERE tenant_id = ?""";
    private static final String INSERT = """
            INSERT INTO widget_origins (tenant_id, origin, created_at) VALUES (?, ?, ?)""";

    private final JdbcClient jdbc;

    JdbcWidgetOriginRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> list(String tenantId) {
        return jdbc.sql(LIST).param(tenantId).query(String.class).list();
    }

    List<String> listAll() {
        return jdbc.sql(LIST_ALL).query(String.class).list();
    }

    void replace(String tenantId, List<String> origins, Instant now) {
        jdbc.sql(DELETE).param(tenantId).update();
        for (String origin : origins) {
            jdbc.sql(INSERT).params(tenantId, origin, now.atOffset(ZoneOffset.UTC)).update();
        }
    }
}
