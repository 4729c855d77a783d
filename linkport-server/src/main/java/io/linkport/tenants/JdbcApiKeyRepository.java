package io.linkport.tenants;

import io.linkport.common.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.linkport.tenants.JdbcTenantRepository.utc;

@Repository
class JdbcApiKeyRepository {

    private static final String COLUMNS = "id, tenant_id, kind, mode, hint, label, created_at, revoked_at";
    private static final String INSERT = """
            INSERT INTO api_keys (id, tenant_id, kind, mode, secret_hash, hint, label, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND_BY_HASH = "SELECT " + COLUMNS + ", secret_hash FROM api_keys WHERE secret_hash = ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?";
    private static final String LIST_FOR_TENANT = "SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id";
    private static final String REVOKE = "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";

    /** A key row together with the stored hash, for the constant-time comparison. */
    record Stored(ApiKey key, String secretHash) {
    }

    private final JdbcClient jdbc;

    JdbcApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKey key, String secretHash) {
        jdbc.sql(INSERT).params(key.id(), key.tenantId(), key.kind().name(), key.mode().name(), secretHash,
                key.hint(), key.label(), utc(key.createdAt())).update();
    }

    Optional<Stored> findByHash(String secretHash) {
        return jdbc.sql(FIND_BY_HASH).param(secretHash)
                .query((rs, row) -> new Stored(map(rs, row), rs.getString("secret_hash"))).optional();
    }

    Optional<ApiKey> find(String id) {
        return jdbc.sql(FIND).param(id).query(JdbcApiKeyRepository::map).optional();
    }

    List<ApiKey> listForTenant(String tenantId) {
        return jdbc.sql(LIST_FOR_TENANT).param(tenantId).query(JdbcApiKeyRepository::map).list();
    }

    boolean revoke(String id, Instant at) {
        return jdbc.sql(REVOKE).params(utc(at), id).update() == 1;
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new ApiKey(rs.getString("id"), rs.getString("tenant_id"), ApiKey.Kind.valueOf(rs.getString("kind")),
                Mode.valueOf(rs.getString("mode")), rs.getString("hint"), rs.getString("label"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
