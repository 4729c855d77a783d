package io.linkport.users;

import io.linkport.common.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcUserRepository {

    private static final String COLUMNS = "seq, id, tenant_id, mode, external_user_id, name, email, phone, created_at";
    private static final String INSERT = """
            INSERT INTO users (id, tenant_id, mode, external_user_id, name, email, phone, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String LIVE = "SELECT " + COLUMNS + " FROM users"
            + " WHERE tenant_id = ? AND mode = ? AND deleted_at IS NULL";
    private static final String FIND = LIVE + " AND id = ?";
    private static final String FIND_EXTERNAL = LIVE + " AND external_user_id = ?";
    /** Refreshing and deleting lock the user's row so two of them cannot interleave. */
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String LOCK_EXTERNAL = FIND_EXTERNAL + " FOR UPDATE";
    private static final String PAGE = LIVE + " AND seq > ? ORDER BY seq LIMIT ?";
    private static final String PAGE_EXTERNAL = LIVE + " AND seq > ? AND external_user_id = ? ORDER BY seq LIMIT ?";
    /** Wipes every personal field; the row stays so the id is never reused. */
    private static final String ERASE = """
            UPDATE users SET external_user_id = NULL, name = NULL, email = NULL, phone = NULL, deleted_at = ?
            WHERE tenant_id = ? AND mode = ? AND id = ? AND deleted_at IS NULL""";

    /** A user with its position in the tenant's list, which cursors are made of. */
    record Stored(long seq, EndUser user) {
    }

    private final JdbcClient jdbc;

    JdbcUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} when the tenant-side id is taken. */
    void insert(EndUser user) {
        jdbc.sql(INSERT).params(user.id(), user.tenantId(), user.mode().name(), user.externalUserId(), user.name(),
                user.email(), user.phone(), utc(user.createdAt())).update();
    }

    Optional<EndUser> find(String tenantId, Mode mode, String id) {
        return jdbc.sql(FIND).params(tenantId, mode.name(), id).query(JdbcUserRepository::map).optional()
                .map(Stored::user);
    }

    Optional<EndUser> findByExternalId(String tenantId, Mode mode, String externalUserId) {
        return jdbc.sql(FIND_EXTERNAL).params(tenantId, mode.name(), externalUserId).query(JdbcUserRepository::map)
                .optional().map(Stored::user);
    }

    Optional<EndUser> lock(String tenantId, Mode mode, String id) {
        return jdbc.sql(LOCK).params(tenantId, mode.name(), id).query(JdbcUserRepository::map).optional()
                .map(Stored::user);
    }

    Optional<EndUser> lockByExternalId(String tenantId, Mode mode, String externalUserId) {
        return jdbc.sql(LOCK_EXTERNAL).params(tenantId, mode.name(), externalUserId).query(JdbcUserRepository::map)
                .optional().map(Stored::user);
    }

    List<Stored> page(String tenantId, Mode mode, long afterSeq, String externalUserId, int limit) {
        if (externalUserId == null) {
            return jdbc.sql(PAGE).params(tenantId, mode.name(), afterSeq, limit).query(JdbcUserRepository::map).list();
        }
        return jdbc.sql(PAGE_EXTERNAL).params(tenantId, mode.name(), afterSeq, externalUserId, limit)
                .query(JdbcUserRepository::map).list();
    }

    boolean erase(String tenantId, Mode mode, String id, Instant now) {
        return jdbc.sql(ERASE).params(utc(now), tenantId, mode.name(), id).update() == 1;
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getLong("seq"), new EndUser(rs.getString("id"), rs.getString("tenant_id"),
                Mode.valueOf(rs.getString("mode")), rs.getString("external_user_id"), rs.getString("name"),
                rs.getString("email"), rs.getString("phone"), rs.getObject("created_at", OffsetDateTime.class).toInstant()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
