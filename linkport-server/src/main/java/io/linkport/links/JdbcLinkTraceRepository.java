package io.linkport.links;

import io.linkport.common.BatchedWrites;
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
    private final BatchedWrites batched;

    JdbcLinkTraceRepository(JdbcClient jdbc, BatchedWrites batched) {
        this.jdbc = jdbc;
        this.batched = batched;
    }

    /** A step of a link that is already stored. */
    void insert(String linkId, String step, String detail, Instant at) {
        jdbc.sql(INSERT).params(linkId, step, detail, at.atOffset(ZoneOffset.UTC)).update();
    }

    /**
     * A created link's first step, through {@link BatchedWrites} like the link's own row, which it
     * must follow. Only there: in a group that also holds another unit's later step of some debug
     * link, a batched step could come first and be written before a link row it refers to.
     */
    void insertAfterLink(String linkId, String step, String detail, Instant at) {
        batched.update(INSERT, linkId, step, detail, at.atOffset(ZoneOffset.UTC));
    }

    List<TraceStep> list(String linkId) {
        return jdbc.sql(LIST).param(linkId).query((rs, row) -> new TraceStep(rs.getString("step"), rs.getString("detail"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant().toEpochMilli())).list();
    }
}
