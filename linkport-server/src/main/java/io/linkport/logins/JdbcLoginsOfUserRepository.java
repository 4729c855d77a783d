package io.linkport.logins;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A user's saved logins, matched by the Linkport user id or the tenant's own id for that user. */
@Repository
class JdbcLoginsOfUserRepository {

    private static final String MATCH = " WHERE tenant_id = ? AND mode = ? AND end_user_id IN (?, ?)";
    private static final String LIST = """
            SELECT id, integration_id, auth_method, status, refresh_enabled, last_refreshed_at, created_at
            FROM logins""" + MATCH + " ORDER BY created_at, id";
    private static final String IDS = "SELECT id FROM logins" + MATCH;
    private static final String DELETE_SNAPSHOTS = "DELETE FROM login_snapshots WHERE login_id = ?";
    private static final String DELETE_REQUESTS = "DELETE FROM login_requests WHERE login_id = ?";
    private static final String DELETE_LOGIN = "DELETE FROM logins WHERE id = ?";

    private final JdbcClient jdbc;

    JdbcLoginsOfUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Map<String, Object>> list(String tenantId, String mode, String userId, String externalUserId) {
        return jdbc.sql(LIST).params(tenantId, mode, userId, externalUserId == null ? userId : externalUserId)
                .query((rs, row) -> {
                    Map<String, Object> login = new LinkedHashMap<>();
                    login.put("loginId", rs.getString("id"));
                    login.put("integrationId", rs.getString("integration_id"));
                    login.put("authMethod", rs.getString("auth_method"));
                    login.put("status", rs.getString("status"));
                    login.put("refreshEnabled", rs.getBoolean("refresh_enabled"));
                    OffsetDateTime refreshed = rs.getObject("last_refreshed_at", OffsetDateTime.class);
                    login.put("lastRefreshedAt", refreshed == null ? null : refreshed.toInstant().toString());
                    login.put("createdAt", rs.getObject("created_at", OffsetDateTime.class).toInstant().toString());
                    return login;
                }).list();
    }

    /** Deletes the logins with their snapshots, request records and encrypted secrets; returns how many. */
    int delete(String tenantId, String mode, String userId, String externalUserId) {
        List<String> ids = jdbc.sql(IDS).params(tenantId, mode, userId, externalUserId == null ? userId : externalUserId)
                .query(String.class).list();
        for (String id : ids) {
            jdbc.sql(DELETE_SNAPSHOTS).param(id).update();
            jdbc.sql(DELETE_REQUESTS).param(id).update();
            jdbc.sql(DELETE_LOGIN).param(id).update();
        }
        return ids.size();
    }
}
