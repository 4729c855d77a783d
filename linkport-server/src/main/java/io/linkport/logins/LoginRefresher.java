package io.linkport.logins;

import io.linkport.common.Ids;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduled refresh. Every node polls for saved logins whose {@code next_refresh_at} has
 * come and claims each with a conditional UPDATE that sets a lease; only one node's UPDATE can
 * match, and the winner moves {@code next_refresh_at} to the next cycle when it is done, so each
 * login is refreshed once per cycle however many nodes run. A node that dies mid-refresh loses
 * its lease after {@code refresh-lease} and another node takes the login over.
 */
@Component
class LoginRefresher {

    private static final Logger log = LoggerFactory.getLogger(LoginRefresher.class);

    private final JdbcLoginRepository repository;
    private final LoginService logins;
    private final LoginSync sync;
    private final RefreshSchedule schedule;
    private final EventLog events;
    private final TransactionTemplate tx;
    private final LoginsProperties properties;
    private final Clock clock;
    private final String node;

    LoginRefresher(JdbcLoginRepository repository, LoginService logins, LoginSync sync, RefreshSchedule schedule,
                   EventLog events, TransactionTemplate tx, LoginsProperties properties, Clock clock) {
        this.repository = repository;
        this.logins = logins;
        this.sync = sync;
        this.schedule = schedule;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.node = Ids.prefixed("node_");
    }

    @Scheduled(initialDelayString = "${linkport.logins.refresh-poll:PT1M}", fixedDelayString = "${linkport.logins.refresh-poll:PT1M}")
    void poll() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("Scheduled login refresh failed: {}", e.getClass().getName());
        }
    }

    /** Refreshes the logins that are due and that this node wins; returns how many it refreshed. */
    int runDue() {
        int done = 0;
        Instant now = clock.instant();
        for (String loginId : repository.due(now, properties.refreshBatch())) {
            if (repository.claim(loginId, node, now, now.plus(properties.refreshLease()))) {
                refresh(loginId);
                done++;
            }
        }
        return done;
    }

    private void refresh(String loginId) {
        Login login = repository.find(loginId).orElseThrow();
        Instant next = schedule.next(loginId, clock.instant());
        LoginSync.Result result;
        try {
            LoginSecret secret = logins.secret(login).orElse(null);
            result = secret == null ? new LoginSync.Failed(io.linkport.connector.FailureCode.REAUTHENTICATION_REQUIRED, "No secret")
                    : sync.sync(login, secret);
        } catch (RuntimeException e) {
            result = new LoginSync.Failed(io.linkport.connector.FailureCode.INSTITUTION_ERROR, e.getClass().getSimpleName());
        }
        LoginSync.Result outcome = result;
        tx.executeWithoutResult(s -> {
            if (outcome instanceof LoginSync.Synced synced) {
                logins.storeSnapshot(login.id(), synced.data());
                logins.keepSession(login, synced.secret());
                logins.markRefreshed(login);
                events.append(login.tenantId(), login.mode(), EventType.LOGIN_REFRESHED,
                        LoginService.eventData(login, Map.of("trigger", "scheduled")));
            } else {
                String error = outcome instanceof LoginSync.Failed failed ? failed.code().name() : "MFA_REQUIRED";
                boolean reauth = outcome instanceof LoginSync.Failed failed && LoginSync.needsReauthentication(failed.code());
                logins.markStatus(login, reauth ? LoginStatus.NEEDS_REAUTHENTICATION : login.status(), error);
                events.append(login.tenantId(), login.mode(), EventType.LOGIN_REFRESH_FAILED,
                        LoginService.eventData(login, Map.of("trigger", "scheduled", "error", error,
                                "loginStatus", (reauth ? LoginStatus.NEEDS_REAUTHENTICATION : login.status()).lower())));
            }
            repository.release(login.id(), node, next);
        });
    }
}
