package io.linkport.tokens;

import io.linkport.common.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcIssuedTokenRepository {

    private static final String INSERT = """
            INSERT INTO issued_tokens (id, kind, tenant_id, mode, subject, link_id, details, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND = """
            SELECT id, kind, tenant_id, mode, subject, link_id, details, created_at, expires_at, consumed_at, revoked_at
            FROM issued_tokens WHERE id = ?""";
    /** The consume-once primitive: of any number of concurrent callers, one sees 1 row updated. */
    private static final String CONSUME = """
            UPDATE issued_tokens SET consumed_at = ?
            WHERE id = ? AND consumed_at IS NULL AND revoked_at IS NULL AND expires_at > ?""";
    private static final String REVOKE_UNUSED = """
            UPDATE issued_tokens SET revoked_at = ?
            WHERE tenant_id = ? AND kind = ? AND subject = ? AND consumed_at IS NULL AND revoked_at IS NULL""";
    private static final String SET_LINK = "UPDATE issued_tokens SET link_id = ? WHERE id = ?";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final JsonMapper json;

    JdbcIssuedTokenRepository(JdbcClient jdbc, JdbcTemplate batches, JsonMapper json) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
    }

    void insert(IssuedToken token) {
        jdbc.sql(INSERT).params(row(token)).update();
    }

    /** Inserts in one JDBC batch; the caller decides the transaction. */
    void insertAll(List<IssuedToken> tokens) {
        batches.batchUpdate(INSERT, tokens.stream().map(this::row).toList());
    }

    private Object[] row(IssuedToken token) {
        return new Object[] {token.id(), token.kind().name(), token.tenantId(), token.mode().name(), token.subject(),
                token.linkId(), json.writeValueAsString(token.details()), utc(token.createdAt()), utc(token.expiresAt())};
    }

    Optional<IssuedToken> find(String id) {
        return jdbc.sql(FIND).param(id).query(this::map).optional();
    }

    boolean consume(String id, Instant now) {
        return jdbc.sql(CONSUME).params(utc(now), id, utc(now)).update() == 1;
    }

    int revokeUnused(String tenantId, TokenKind kind, String subject, Instant now) {
        return jdbc.sql(REVOKE_UNUSED).params(utc(now), tenantId, kind.name(), subject).update();
    }

    void setLink(String id, String linkId) {
        jdbc.sql(SET_LINK).params(linkId, id).update();
    }

    private IssuedToken map(ResultSet rs, int row) throws SQLException {
        String details = rs.getString("details");
        return new IssuedToken(rs.getString("id"), TokenKind.valueOf(rs.getString("kind")), rs.getString("tenant_id"),
                Mode.valueOf(rs.getString("mode")), rs.getString("subject"), rs.getString("link_id"),
                details == null ? Map.of() : json.readValue(details, MAP), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "consumed_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
