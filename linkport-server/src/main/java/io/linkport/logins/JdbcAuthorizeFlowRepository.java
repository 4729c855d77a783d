package io.linkport.logins;

import io.linkport.common.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.linkport.logins.JdbcLoginRepository.instant;
import static io.linkport.logins.JdbcLoginRepository.utc;

@Repository
class JdbcAuthorizeFlowRepository {

    private static final String COLUMNS = """
            id, tenant_id, mode, origin, integration_id, redirect_uri, client_state, end_user_id, update_login_id, language,
            status, attempts_left, login_id, error, created_at, expires_at, link_id""";
    private static final String INSERT = """
            INSERT INTO authorize_flows (id, tenant_id, mode, origin, integration_id, redirect_uri, client_state, end_user_id,
                                         update_login_id, language, status, attempts_left, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM authorize_flows WHERE id = ?";
    private static final String FIND_BY_LINK = "SELECT " + COLUMNS + " FROM authorize_flows WHERE link_id = ?";
    private static final String ATTACH_LINK = "UPDATE authorize_flows SET link_id = ? WHERE id = ? AND link_id IS NULL";
    private static final String KEEP_PENDING = """
            UPDATE authorize_flows SET pending_ciphertext = ?, pending_key_id = ? WHERE id = ? AND status = 'OPEN'""";
    private static final String FORGET_EXPIRED_PENDING = """
            UPDATE authorize_flows SET pending_ciphertext = NULL, pending_key_id = NULL
            WHERE expires_at < ? AND pending_ciphertext IS NOT NULL""";
    private static final String FIND_BY_STATE = "SELECT " + COLUMNS + " FROM authorize_flows WHERE oauth_state_hash = ?";
    private static final String FIND_PENDING = "SELECT pending_ciphertext FROM authorize_flows WHERE id = ?";
    // Every step moves the flow from the status it expects; a second submit of the same step finds nothing to move.
    private static final String MOVE = "UPDATE authorize_flows SET status = ? WHERE id = ? AND status = ?";
    private static final String TO_OAUTH = """
            UPDATE authorize_flows SET status = 'OAUTH', oauth_state_hash = ?, pending_ciphertext = ?, pending_key_id = ?
            WHERE id = ? AND status = 'OPEN'""";
    private static final String COMPLETE = """
            UPDATE authorize_flows SET status = 'COMPLETED', login_id = ?, error = NULL, pending_ciphertext = NULL,
                   pending_key_id = NULL, oauth_state_hash = NULL WHERE id = ? AND status NOT IN ('COMPLETED', 'FAILED')""";
    private static final String FAIL = """
            UPDATE authorize_flows SET status = 'FAILED', error = ?, pending_ciphertext = NULL, pending_key_id = NULL,
                   oauth_state_hash = NULL WHERE id = ? AND status NOT IN ('COMPLETED', 'FAILED')""";

    private final JdbcClient jdbc;

    JdbcAuthorizeFlowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AuthorizeFlow flow) {
        jdbc.sql(INSERT).params(flow.id(), flow.tenantId(), flow.mode().name(), flow.origin().name(), flow.integrationId(),
                flow.redirectUri(), flow.clientState(), flow.endUserId(), flow.updateLoginId(), flow.language(),
                flow.status().name(), flow.attemptsLeft(), utc(flow.createdAt()), utc(flow.expiresAt())).update();
    }

    Optional<AuthorizeFlow> find(String id) {
        return jdbc.sql(FIND).param(id).query(JdbcAuthorizeFlowRepository::map).optional();
    }

    Optional<AuthorizeFlow> findByLink(String linkId) {
        return jdbc.sql(FIND_BY_LINK).param(linkId).query(JdbcAuthorizeFlowRepository::map).optional();
    }

    void attachLink(String id, String linkId) {
        jdbc.sql(ATTACH_LINK).params(linkId, id).update();
    }

    void keepPending(String id, CredentialVault.Sealed pending) {
        jdbc.sql(KEEP_PENDING).params(pending.ciphertext(), pending.keyId(), id).update();
    }

    int forgetExpiredPending(java.time.Instant now) {
        return jdbc.sql(FORGET_EXPIRED_PENDING).param(utc(now)).update();
    }

    Optional<AuthorizeFlow> findByStateHash(String stateHash) {
        return jdbc.sql(FIND_BY_STATE).param(stateHash).query(JdbcAuthorizeFlowRepository::map).optional();
    }

    Optional<String> pending(String id) {
        return jdbc.sql(FIND_PENDING).param(id).query((rs, row) -> rs.getString(1)).optional().filter(s -> s != null);
    }

    boolean move(String id, AuthorizeFlow.Status from, AuthorizeFlow.Status to) {
        return jdbc.sql(MOVE).params(to.name(), id, from.name()).update() == 1;
    }

    boolean toOAuth(String id, String stateHash, CredentialVault.Sealed pending) {
        return jdbc.sql(TO_OAUTH).params(stateHash, pending.ciphertext(), pending.keyId(), id).update() == 1;
    }

    boolean complete(String id, String loginId) {
        return jdbc.sql(COMPLETE).params(loginId, id).update() == 1;
    }

    boolean fail(String id, String error) {
        return jdbc.sql(FAIL).params(error, id).update() == 1;
    }

    private static AuthorizeFlow map(ResultSet rs, int row) throws SQLException {
        return new AuthorizeFlow(rs.getString("id"), rs.getString("tenant_id"), Mode.valueOf(rs.getString("mode")),
                AuthorizeFlow.Origin.valueOf(rs.getString("origin")), rs.getString("integration_id"),
                rs.getString("redirect_uri"), rs.getString("client_state"), rs.getString("end_user_id"),
                rs.getString("update_login_id"), rs.getString("language"), AuthorizeFlow.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts_left"), rs.getString("login_id"), rs.getString("error"), instant(rs, "created_at"),
                instant(rs, "expires_at"), rs.getString("link_id"));
    }
}
