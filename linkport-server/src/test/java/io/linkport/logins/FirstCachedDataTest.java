package io.linkport.logins;

import io.linkport.events.EventAppended;
import io.linkport.events.EventType;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A saved login's first cached data is what its widget link read, committed with that link's
 * completion: once the flow finishes, /v1/Authorize with MostRecentCached answers from it at once.
 * (It once came in a transaction of its own after LINK_COMPLETED, and a call made right after the
 * finish could get 409 no_cached_data.)
 */
class FirstCachedDataTest extends ServerTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void flowFinishedThenFirstCachedDataCommittedWithLinkCompletedAndServedAtOnce() {
        TestTenant tenant = newTenant("first cached data");
        LoginFlows.allowRedirects(api, tenant, LoginFlows.REDIRECT);
        // The moment LINK_COMPLETED commits, before anything after it on the run's thread:
        // how many snapshots the link's saved login has.
        Map<String, Long> snapshotsWhenCompleted = new ConcurrentHashMap<>();
        ApplicationListener<ApplicationEvent> atCommit = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof EventAppended appended
                    && appended.event().type() == EventType.LINK_COMPLETED && appended.event().tenantId().equals(tenant.id())) {
                String linkId = appended.event().linkId();
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        snapshotsWhenCompleted.put(linkId, jdbc.sql("SELECT COUNT(*) FROM login_snapshots s JOIN authorize_flows f"
                                + " ON f.login_id = s.login_id WHERE f.link_id = ?").param(linkId).query(Long.class).single());
                    }
                });
            }
        };
        context.addApplicationListener(atCommit);
        String loginId;
        try {
            loginId = LoginFlows.loginThrough(api, LoginFlows.openHostedLogin(api, tenant, "sandbox_bank", "s"),
                    "user_good", "pass_good").get("loginId");
        } finally {
            context.removeApplicationListener(atCommit);
        }

        String linkId = jdbc.sql("SELECT link_id FROM authorize_flows WHERE login_id = ?").param(loginId)
                .query(String.class).single();
        assertThat(snapshotsWhenCompleted).containsExactly(Map.entry(linkId, 1L));
        // only a link made for a saved login has its flow looked up at login and completion
        assertThat(jdbc.sql("SELECT for_login FROM links WHERE id = ?").param(linkId).query(Boolean.class).single()).isTrue();
        Api.Response cached = api.post("/v1/Authorize", Map.of("LoginId", loginId, "MostRecentCached", true), tenant.auth());
        assertThat(cached.status()).as(cached.text()).isEqualTo(200);
        assertThat(cached.json().get("Login").get("Id").asString()).isEqualTo(loginId);
        Api.Response detail = api.post("/v1/GetAccountsDetail",
                Map.of("RequestId", cached.json().get("RequestId").asString()), tenant.auth());
        assertThat(detail.status()).as(detail.text()).isEqualTo(200);
        assertThat(detail.json().get("Accounts").size()).isPositive();
    }
}
