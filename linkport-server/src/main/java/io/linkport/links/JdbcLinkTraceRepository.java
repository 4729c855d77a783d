package io.linkport.links;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcLinkTraceRepository {

    private static final String INSERT = "INSERT INTO link_traces (link_id, step, detail, created_at) VALUES (?, ?, ?, ?)";
    private static final String LIST = "SELECT step, detail, created_at FROM link_traces WHERE link_id = ? ORDER BY seq";

    private final JdbcClient jdbc;

    JdbcLinkTraceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String linkId, String step, String detail, Instant at) {
        jdbc.sql(INSERT).params(linkId, step, detail, at.atOffset(ZoneOffset.UTC)).update();
    }

    List<TraceStep> list(String linkId) {
        return jdbc.sql(LIST).param(linkId).query((rs, row) -> new TraceStep(rs.getString("step"), rs.getString("detail"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant().toEpochMilli())).list();
    }
}
