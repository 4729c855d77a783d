package io.linkport.logins;

import io.linkport.common.Ids;
import io.linkport.common.Mode;
import io.linkport.connector.AuthMethod;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved logins: creation after a successful login, ownership checks, the sealed secret, data
 * snapshots and the refresh switch. A login belongs to one tenant (and the end user it was made
 * for); to any other tenant it does not exist.
 */
@Service
public class LoginService {

    private final JdbcLoginRepository logins;
    private final JdbcLoginDataRepository data;
    private final CredentialVault vault;
    private final RefreshSchedule schedule;
    private final EventLog events;
    private final JsonMapper json;
    private final Clock clock;

    LoginService(JdbcLoginRepository logins, JdbcLoginDataRepository data, CredentialVault vault, RefreshSchedule schedule,
                 EventLog events, JsonMapper json, Clock clock) {
        this.logins = logins;
        this.data = data;
        this.vault = vault;
        this.schedule = schedule;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** Saves a login that just succeeded, with its first data snapshot when there is one. */
    @Transactional
    Login create(String tenantId, Mode mode, String endUserId, String integrationId, AuthMethod authMethod,
                 LoginSecret secret, Map<String, Object> firstData, String source) {
        Instant now = clock.instant();
        Login login = new Login(Ids.prefixed("login_"), tenantId, mode, endUserId, integrationId, authMethod,
                LoginStatus.ACTIVE, false, null, firstData == null ? null : now, null, now, now);
        logins.insert(login, vault.seal(secret.sections(), login.id()));
        if (firstData != null) {
            storeSnapshot(login.id(), firstData);
            logins.markRefreshed(login.id(), now);
        }
        events.append(tenantId, mode, EventType.LOGIN_SAVED, eventData(login, Map.of("source", source)));
        return logins.find(login.id()).orElseThrow();
    }

    /** Update mode: the user logged in again, so the new secret replaces the old one and the login is active again. */
    @Transactional
    Login reconnect(Login login, LoginSecret secret, Map<String, Object> freshData) {
        Instant now = clock.instant();
        logins.updateSecret(login.id(), vault.seal(secret.sections(), login.id()), now);
        if (freshData != null) {
            storeSnapshot(login.id(), freshData);
            logins.markRefreshed(login.id(), now);
        }
        events.append(login.tenantId(), login.mode(), EventType.LOGIN_SAVED, eventData(login, Map.of("source", "update_mode")));
        return logins.find(login.id()).orElseThrow();
    }

    /** The tenant's login, or 404 for a login that does not exist or belongs to someone else. */
    public Login get(String tenantId, String loginId) {
        return logins.find(loginId == null ? "" : loginId).filter(l -> l.tenantId().equals(tenantId))
                .orElseThrow(() -> ApiException.notFound("login_not_found", "No login " + loginId + "."));
    }

    java.util.Optional<Login> find(String loginId) {
        return logins.find(loginId);
    }

    java.util.Optional<LoginSecret> secret(Login login) {
        return logins.findSecret(login.id()).map(c -> LoginSecret.of(vault.open(c, login.id())));
    }

    /** Keeps a rotated session (new OAuth tokens) sealed in place of the old one. */
    void keepSession(Login login, LoginSecret secret) {
        logins.updateSecret(login.id(), vault.seal(secret.sections(), login.id()), clock.instant());
    }

    String storeSnapshot(String loginId, Map<String, Object> snapshot) {
        String id = Ids.prefixed("snap_");
        data.insertSnapshot(id, loginId, json.writeValueAsString(snapshot), clock.instant());
        return id;
    }

    void markRefreshed(Login login) {
        logins.markRefreshed(login.id(), clock.instant());
    }

    void enableRefresh(Login login) {
        if (!login.refreshEnabled()) {
            logins.enableRefresh(login.id(), schedule.next(login.id(), clock.instant()), clock.instant());
        }
    }

    void deleteSecret(Login login) {
        logins.deleteSecret(login.id(), clock.instant());
    }

    void markStatus(Login login, LoginStatus status, String error) {
        logins.markStatus(login.id(), status, error, clock.instant());
    }

    static Map<String, Object> eventData(Login login, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("loginId", login.id());
        data.put("integrationId", login.integrationId());
        data.put("endUserId", login.endUserId());
        data.putAll(extra);
        return data;
    }
}
