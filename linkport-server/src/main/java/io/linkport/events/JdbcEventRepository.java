package io.linkport.events;

import io.linkport.common.BatchedWrites;
import io.linkport.common.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcEventRepository {

    static final String COLUMNS = "seq, id, tenant_id, mode, type, version, link_id, end_user_id, data, created_at";
    private static final String INSERT = """
            INSERT INTO events (id, tenant_id, mode, type, version, link_id, end_user_id, data, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM events WHERE tenant_id = ? AND id = ?";

    private static final String LIST = "SELECT " + COLUMNS + " FROM events WHERE tenant_id = :tenant AND mode = :mode";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final BatchedWrites batched;
    private final JsonMapper json;

    JdbcEventRepository(JdbcClient jdbc, BatchedWrites batched, JsonMapper json) {
        this.jdbc = jdbc;
        this.batched = batched;
        this.json = json;
    }

    long insert(Event event) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(INSERT).params(insertParams(event)).update(keys, "seq");
        Number seq = keys.getKey();
        return seq == null ? 0 : seq.longValue();
    }

    /** As {@link #insert}, through {@link BatchedWrites}: the row's seq is not known here. */
    void insertBatched(Event event) {
        batched.update(INSERT, insertParams(event));
    }

    private Object[] insertParams(Event event) {
        return new Object[] {event.id(), event.tenantId(), event.mode().name(), event.type().name(), event.version(),
                event.linkId(), event.endUserId(), json.writeValueAsString(event.data()),
                event.createdAt().atOffset(ZoneOffset.UTC)};
    }

    Optional<Event> find(String tenantId, String id) {
        return jdbc.sql(FIND).params(tenantId, id).query(this::map).optional();
    }

    /** Events after (ascending) or before (descending) {@code seq}, filtered; {@code limit} rows at most. */
    java.util.List<Event> list(EventQuery query, int limit) {
        StringBuilder sql = new StringBuilder(LIST);
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("tenant", query.tenantId());
        params.put("mode", query.mode().name());
        if (query.type() != null) {
            sql.append(" AND type = :type");
            params.put("type", query.type().name());
        }
        if (query.linkId() != null) {
            sql.append(" AND link_id = :link");
            params.put("link", query.linkId());
        }
        if (query.endUserId() != null) {
            sql.append(" AND end_user_id = :user");
            params.put("user", query.endUserId());
        }
        if (query.fromSeq() != null) {
            sql.append(query.ascending() ? " AND seq > :from" : " AND seq < :from");
            params.put("from", query.fromSeq());
        }
        sql.append(query.ascending() ? " ORDER BY seq ASC" : " ORDER BY seq DESC").append(" LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    Event map(ResultSet rs, int row) throws SQLException {
        return new Event(rs.getLong("seq"), rs.getString("id"), rs.getString("tenant_id"), Mode.valueOf(rs.getString("mode")),
                EventType.valueOf(rs.getString("type")), rs.getInt("version"), rs.getString("link_id"),
                rs.getString("end_user_id"), json.readValue(rs.getString("data"), MAP),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), null);
    }
}
