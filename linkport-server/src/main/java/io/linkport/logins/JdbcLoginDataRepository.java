package io.linkport.logins;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.linkport.logins.JdbcLoginRepository.instant;
import static io.linkport.logins.JdbcLoginRepository.utc;

/** Data snapshots of logins and the /Authorize requests that open them. */
@Repository
class JdbcLoginDataRepository {

    private static final String INSERT_SNAPSHOT = """
            INSERT INTO login_snapshots (id, login_id, data, fetched_at) VALUES (?, ?, ?, ?)""";
    private static final String LATEST_SNAPSHOT = """
            SELECT id FROM login_snapshots WHERE login_id = ? ORDER BY fetched_at DESC, id DESC LIMIT 1""";
    private static final String SNAPSHOT = "SELECT data, fetched_at FROM login_snapshots WHERE id = ?";
    private static final String REQUEST_COLUMNS =
            "id, login_id, tenant_id, status, cached, save, snapshot_id, created_at, expires_at";
    private static final String INSERT_REQUEST = """
            INSERT INTO login_requests (id, login_id, tenant_id, status, cached, save, snapshot_id, pending_ciphertext,
                                        pending_key_id, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND_REQUEST = "SELECT " + REQUEST_COLUMNS + " FROM login_requests WHERE id = ?";
    private static final String FIND_PENDING = "SELECT pending_ciphertext FROM login_requests WHERE id = ?";
    // Only one answer to an MFA challenge may proceed: the status moves away from MFA_REQUIRED once.
    private static final String TAKE_PENDING = """
            UPDATE login_requests SET status = 'FAILED' WHERE id = ? AND status = 'MFA_REQUIRED'""";
    private static final String PUT_PENDING = """
            UPDATE login_requests SET status = 'MFA_REQUIRED', pending_ciphertext = ?, pending_key_id = ? WHERE id = ?""";
    private static final String COMPLETE = """
            UPDATE login_requests SET status = 'COMPLETED', snapshot_id = ?, pending_ciphertext = NULL, pending_key_id = NULL
            WHERE id = ?""";
    private static final String FAIL = """
            UPDATE login_requests SET status = 'FAILED', pending_ciphertext = NULL, pending_key_id = NULL WHERE id = ?""";

    /** A stored snapshot: the JSON data and when it was fetched. */
    record Snapshot(String data, Instant fetchedAt) {
    }

    private final JdbcClient jdbc;

    JdbcLoginDataRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertSnapshot(String id, String loginId, String data, Instant fetchedAt) {
        jdbc.sql(INSERT_SNAPSHOT).params(id, loginId, data, utc(fetchedAt)).update();
    }

    Optional<String> latestSnapshotId(String loginId) {
        return jdbc.sql(LATEST_SNAPSHOT).param(loginId).query(String.class).optional();
    }

    Optional<Snapshot> snapshot(String id) {
        return jdbc.sql(SNAPSHOT).param(id)
                .query((rs, row) -> new Snapshot(rs.getString("data"), instant(rs, "fetched_at"))).optional();
    }

    void insertRequest(AuthorizeRequest request, CredentialVault.Sealed pending) {
        jdbc.sql(INSERT_REQUEST).params(request.id(), request.loginId(), request.tenantId(), request.status().name(),
                request.cached(), request.save(), request.snapshotId(), pending == null ? null : pending.ciphertext(),
                pending == null ? null : pending.keyId(), utc(request.createdAt()), utc(request.expiresAt())).update();
    }

    Optional<AuthorizeRequest> findRequest(String id) {
        return jdbc.sql(FIND_REQUEST).param(id).query(JdbcLoginDataRepository::map).optional();
    }

    Optional<String> pending(String id) {
        return jdbc.sql(FIND_PENDING).param(id).query((rs, row) -> rs.getString(1)).optional().filter(s -> s != null);
    }

    boolean takePending(String id) {
        return jdbc.sql(TAKE_PENDING).param(id).update() == 1;
    }

    void putPending(String id, CredentialVault.Sealed pending) {
        jdbc.sql(PUT_PENDING).params(pending.ciphertext(), pending.keyId(), id).update();
    }

    void complete(String id, String snapshotId) {
        jdbc.sql(COMPLETE).params(snapshotId, id).update();
    }

    void fail(String id) {
        jdbc.sql(FAIL).param(id).update();
    }

    private static AuthorizeRequest map(ResultSet rs, int row) throws SQLException {
        return new AuthorizeRequest(rs.getString("id"), rs.getString("login_id"), rs.getString("tenant_id"),
                AuthorizeRequest.Status.valueOf(rs.getString("status")), rs.getBoolean("cached"), rs.getBoolean("save"),
                rs.getString("snapshot_id"), instant(rs, "created_at"), instant(rs, "expires_at"));
    }
}
