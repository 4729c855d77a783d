package io.linkport.logins;

import io.linkport.events.EventLog;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled refresh. "Two nodes" are two {@link LoginRefresher} instances (each with its own
 * node id) racing in-process on the same rows of the same database — H2 or PostgreSQL — which is
 * exactly what two server processes share; the server's own poller may join the race too.
 */
class LoginRefresherTest extends ServerTest {

    @Autowired JdbcLoginRepository repository;
    @Autowired LoginService logins;
    @Autowired LoginSync sync;
    @Autowired RefreshSchedule schedule;
    @Autowired EventLog events;
    @Autowired TransactionTemplate tx;
    @Autowired LoginsProperties properties;
    @Autowired Clock clock;

    @Test
    void refreshWhenTwoNodesRaceThenEveryDueLoginRefreshedExactlyOnceAndRescheduled() throws Exception {
        TestTenant tenant = newTenant("refresh race");
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String loginId = savedLogin(tenant, "user_good_race" + i);
            ids.add(loginId);
        }
        makeDue(ids);

        LoginRefresher nodeA = node();
        LoginRefresher nodeB = node();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<Integer> runA = () -> { start.await(); return nodeA.runDue(); };
        Callable<Integer> runB = () -> { start.await(); return nodeB.runDue(); };
        Future<Integer> a = pool.submit(runA);
        Future<Integer> b = pool.submit(runB);
        start.countDown();
        int refreshed = a.get() + b.get();
        pool.shutdown();

        assertThat(refreshed).isBetween(0, ids.size());
        for (String loginId : ids) {
            assertThat(scheduledEvents(loginId, "LOGIN_REFRESHED")).as(loginId).isEqualTo(1);
            OffsetDateTime next = jdbc.sql("SELECT next_refresh_at FROM logins WHERE id = ?").param(loginId)
                    .query(OffsetDateTime.class).single();
            assertThat(next).isAfter(OffsetDateTime.now(ZoneOffset.UTC));
            assertThat(jdbc.sql("SELECT lease_owner FROM logins WHERE id = ?").param(loginId).query(String.class).optional())
                    .isEmpty();
        }
        // Nothing is due any more: a second pass refreshes none of them again.
        nodeA.runDue();
        nodeB.runDue();
        for (String loginId : ids) {
            assertThat(scheduledEvents(loginId, "LOGIN_REFRESHED")).isEqualTo(1);
        }
    }

    @Test
    void refreshWhenPasswordChangedThenNeedsReauthenticationAndUpdateModeResolvesIt() {
        TestTenant tenant = newTenant("refresh password changed");
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        String loginId = savedLogin(tenant, "user_password_changed");
        makeDue(List.of(loginId));

        node().runDue();

        assertThat(scheduledEvents(loginId, "LOGIN_REFRESH_FAILED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM logins WHERE id = ?").param(loginId).query(String.class).single())
                .isEqualTo("NEEDS_REAUTHENTICATION");
        Api.Response live = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", false), tenant.auth());
        assertThat(live.status()).isEqualTo(401);
        assertThat(live.json().get("error").asString()).isEqualTo("reauthentication_required");

        // Update mode: the Connect page with the loginId; the user logs in with the new password.
        String token = api.post("/v1/GenerateAuthorizeToken", "", tenant.auth()).json().get("Token").asString();
        Api.Response connect = api.get("/v1/connect?authorizeToken=" + token + "&loginId=" + loginId);
        assertThat(connect.status()).isEqualTo(200);
        WidgetLogin widget = WidgetLogin.of(api, connect);
        assertThat(widget.session().get("integration").get("id").asString()).isEqualTo("sandbox_bank");
        assertThat(widget.choose("sandbox_card").status()).isEqualTo(409);
        widget.consent();
        widget.logIn("user_password_changed", "pass_new");
        widget.awaitStep("completed");
        JsonNode done = widget.finish();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("loginId").asString()).isEqualTo(loginId);
        assertThat(done.has("redirectUrl")).isFalse();

        assertThat(jdbc.sql("SELECT status FROM logins WHERE id = ?").param(loginId).query(String.class).single())
                .isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM logins WHERE tenant_id = ?").param(tenant.id()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void refreshScheduleThenNextCronRunPlusStableOffsetWithinSpread() {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T10:00:00Z");

        java.time.Instant next = schedule.next("login_abc", now);

        assertThat(next).isBetween(java.time.Instant.parse("2026-01-02T02:00:00Z"),
                java.time.Instant.parse("2026-01-02T02:00:00Z").plus(properties.refreshSpread()));
        assertThat(schedule.next("login_abc", now)).isEqualTo(next);
    }

    private String savedLogin(TestTenant tenant, String username) {
        String loginId = LoginFlows.loginThrough(api, LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "s"),
                username, "pass_good").get("loginId");
        Api.Response save = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true, "Save", true),
                tenant.auth());
        assertThat(save.status()).as(save.text()).isEqualTo(200);
        assertThat(save.json().get("Login").get("IsScheduledRefresh").asBoolean()).isTrue();
        return loginId;
    }

    private void makeDue(List<String> ids) {
        for (String id : ids) {
            jdbc.sql("UPDATE logins SET next_refresh_at = ? WHERE id = ?")
                    .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), id).update();
        }
    }

    private LoginRefresher node() {
        return new LoginRefresher(repository, logins, sync, schedule, events, tx, properties, clock);
    }

    private long scheduledEvents(String loginId, String type) {
        return jdbc.sql("SELECT COUNT(*) FROM events WHERE type = ? AND data LIKE ? AND data LIKE '%scheduled%'")
                .params(type, "%" + loginId + "%").query(Long.class).single();
    }
}
