package io.linkport.logins;

import io.linkport.common.Mode;
import io.linkport.connector.AuthMethod;
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
class JdbcLoginRepository {

    private static final String COLUMNS = """
            id, tenant_id, mode, end_user_id, integration_id, auth_method, status, refresh_enabled, last_error,
            last_refreshed_at, next_refresh_at, created_at, updated_at""";
    private static final String INSERT = """
            INSERT INTO logins (id, tenant_id, mode, end_user_id, integration_id, auth_method, status, refresh_enabled,
                                secret_ciphertext, secret_key_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?)""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM logins WHERE id = ?";
    private static final String FIND_SECRET = "SELECT secret_ciphertext FROM logins WHERE id = ?";
    private static final String UPDATE_SECRET = """
            UPDATE logins SET secret_ciphertext = ?, secret_key_id = ?, status = 'ACTIVE', last_error = NULL, updated_at = ?
            WHERE id = ?""";
    private static final String DELETE_SECRET = """
            UPDATE logins SET secret_ciphertext = NULL, secret_key_id = NULL, status = 'CREDENTIALS_DELETED',
                   refresh_enabled = FALSE, next_refresh_at = NULL, updated_at = ?
            WHERE id = ?""";
    private static final String ENABLE_REFRESH = """
            UPDATE logins SET refresh_enabled = TRUE, next_refresh_at = ?, updated_at = ? WHERE id = ?""";
    private static final String MARK_STATUS = """
            UPDATE logins SET status = ?, last_error = ?, updated_at = ? WHERE id = ?""";
    private static final String MARK_REFRESHED = """
            UPDATE logins SET last_refreshed_at = ?, last_error = NULL, updated_at = ? WHERE id = ?""";
    private static final String DUE = """
            SELECT id FROM logins
            WHERE refresh_enabled = TRUE AND status = 'ACTIVE' AND next_refresh_at <= ?
              AND (lease_until IS NULL OR lease_until < ?)
            ORDER BY next_refresh_at LIMIT ?""";
    // The lease is the cross-node lock: exactly one node's UPDATE matches while the row is due
    // and unleased; the winner then moves next_refresh_at to the next cycle. "(…) IS TRUE" keeps
    // PostgreSQL on the primary key rather than the (refresh_enabled, next_refresh_at) index.
    private static final String CLAIM = """
            UPDATE logins SET lease_owner = ?, lease_until = ?
            WHERE id = ? AND (refresh_enabled = TRUE AND status = 'ACTIVE') IS TRUE AND next_refresh_at <= ?
              AND (lease_until IS NULL OR lease_until < ?)""";
    private static final String RELEASE = """
            UPDATE logins SET lease_owner = NULL, lease_until = NULL, next_refresh_at = ?
            WHERE id = ? AND lease_owner = ?""";

    private final JdbcClient jdbc;

    JdbcLoginRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Login login, CredentialVault.Sealed secret) {
        jdbc.sql(INSERT).params(login.id(), login.tenantId(), login.mode().name(), login.endUserId(), login.integrationId(),
                login.authMethod().name(), login.status().name(), secret.ciphertext(), secret.keyId(),
                utc(login.createdAt()), utc(login.updatedAt())).update();
    }

    Optional<Login> find(String id) {
        return jdbc.sql(FIND).param(id).query(JdbcLoginRepository::map).optional();
    }

    Optional<String> findSecret(String id) {
        return jdbc.sql(FIND_SECRET).param(id).query((rs, row) -> rs.getString(1)).optional().filter(s -> s != null);
    }

    void updateSecret(String id, CredentialVault.Sealed secret, Instant now) {
        jdbc.sql(UPDATE_SECRET).params(secret.ciphertext(), secret.keyId(), utc(now), id).update();
    }

    void deleteSecret(String id, Instant now) {
        jdbc.sql(DELETE_SECRET).params(utc(now), id).update();
    }

    void enableRefresh(String id, Instant nextRefreshAt, Instant now) {
        jdbc.sql(ENABLE_REFRESH).params(utc(nextRefreshAt), utc(now), id).update();
    }

    void markStatus(String id, LoginStatus status, String error, Instant now) {
        jdbc.sql(MARK_STATUS).params(status.name(), error, utc(now), id).update();
    }

    void markRefreshed(String id, Instant now) {
        jdbc.sql(MARK_REFRESHED).params(utc(now), utc(now), id).update();
    }

    List<String> due(Instant now, int limit) {
        return jdbc.sql(DUE).params(utc(now), utc(now), limit).query((rs, row) -> rs.getString(1)).list();
    }

    boolean claim(String id, String owner, Instant now, Instant leaseUntil) {
        return jdbc.sql(CLAIM).params(owner, utc(leaseUntil), id, utc(now), utc(now)).update() == 1;
    }

    void release(String id, String owner, Instant nextRefreshAt) {
        jdbc.sql(RELEASE).params(utc(nextRefreshAt), id, owner).update();
    }

    private static Login map(ResultSet rs, int row) throws SQLException {
        return new Login(rs.getString("id"), rs.getString("tenant_id"), Mode.valueOf(rs.getString("mode")),
                rs.getString("end_user_id"), rs.getString("integration_id"), AuthMethod.valueOf(rs.getString("auth_method")),
                LoginStatus.valueOf(rs.getString("status")), rs.getBoolean("refresh_enabled"), rs.getString("last_error"),
                instant(rs, "last_refreshed_at"), instant(rs, "next_refresh_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
