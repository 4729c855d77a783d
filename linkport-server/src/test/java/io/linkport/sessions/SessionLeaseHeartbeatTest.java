package io.linkport.sessions;

import static io.linkport.links.LinkFixtures.seedExample;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SessionLeaseHeartbeatTest extends ServerTest {

    @Autowired
    SessionEngine engine;

    @Autowired
    io.linkport.links.LinkLifecycle lifecycle;

    private SessionClient loggingInSlowly(TestTenant tenant) {
        Api.Response created = api.post("/v1/links", seedExample(), tenant.auth());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        SessionClient session = SessionClient.claim(api, "claimCode", created.json().get("claimCode").asString());
        session.consent();
        session.logIn("user_slow", "pass_good");
        return session;
    }

    private OffsetDateTime leaseUntil(String linkId) {
        OffsetDateTime leaseUntil = jdbc.sql("SELECT lease_until FROM links WHERE id = ?").param(linkId)
                .query(OffsetDateTime.class).single();
        // The sweeper finds a lapsed run by sweep_at, so it must move with every renewal.
        assertThat(jdbc.sql("SELECT sweep_at FROM links WHERE id = ?").param(linkId).query(OffsetDateTime.class).single())
                .as("sweep_at of %s", linkId).isAtSameInstantAs(leaseUntil);
        return leaseUntil;
    }

    @Test
    void heartbeatWhenRunsInFlightThenTheirLeasesRenewedButNotThoseOfRunsThatDied() {
        TestTenant tenant = newTenant("lease-heartbeat");
        SessionClient running = loggingInSlowly(tenant);
        // Leased to this node but no longer run by it (its run died without clearing the lease):
        // the heartbeat must let it lapse so the sweeper fails it.
        Api.Response created = api.post("/v1/links", seedExample(), tenant.auth());
        SessionClient dead = SessionClient.claim(api, "claimCode", created.json().get("claimCode").asString());
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("UPDATE links SET lease_until = ?, sweep_at = ? WHERE id = ?").params(soon, soon, running.linkId()).update();
        jdbc.sql("UPDATE links SET status = 'authenticating', lease_owner = ?, lease_until = ?, sweep_at = ? WHERE id = ?")
                .params(engine.nodeId(), soon, soon, dead.linkId()).update();

        engine.heartbeat();

        assertThat(leaseUntil(running.linkId())).isAfter(soon.plusSeconds(30));
        assertThat(leaseUntil(dead.linkId())).isEqualTo(soon);
    }

    @Test
    void heartbeatWhileARunIsInItsOperationsThenItsLeaseRenewed() throws InterruptedException {
        TestTenant tenant = newTenant("lease-operations");
        SessionClient session = loggingInSlowly(tenant);
        // user_slow's login takes 3 s, then each operation 3 s: the operations run on a thread the
        // login handed the run to, and the run must still count as this node's
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!"running".equals(status(session.linkId())) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(status(session.linkId())).isEqualTo("running");
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("UPDATE links SET lease_until = ?, sweep_at = ? WHERE id = ?").params(soon, soon, session.linkId()).update();

        engine.heartbeat();

        assertThat(leaseUntil(session.linkId())).isAfter(soon.plusSeconds(30));
    }

    private String status(String linkId) {
        return jdbc.sql("SELECT status FROM links WHERE id = ?").param(linkId).query(String.class).single();
    }

    @Test
    void renewWhenMoreRunsThanOneStatementTakesThenAllOfTheOwnersRenewed() {
        TestTenant tenant = newTenant("lease-batches");
        SessionClient session = loggingInSlowly(tenant);
        String owner = jdbc.sql("SELECT lease_owner FROM links WHERE id = ?").param(session.linkId()).query(String.class).single();
        List<String> ids = new java.util.ArrayList<>(IntStream.range(0, 500 + 7)
                .mapToObj(i -> "lnk_absent_" + i).toList());
        ids.add(session.linkId());

        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("UPDATE links SET lease_until = ?, sweep_at = ? WHERE id = ?").params(soon, soon, session.linkId()).update();

        int renewed = lifecycle.renewLeases(ids, owner);

        assertThat(renewed).isEqualTo(1);
        assertThat(leaseUntil(session.linkId())).isAfter(soon.plusSeconds(30));
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /**
     * A run's state changes commit in group transactions that hold several links' rows at once. A
     * renewal that waited for one of those rows while holding others deadlocked with them; it must
     * skip a row locked at that moment (its run is alive and changing it) and renew the rest.
     */
    @Test
    void renewWhenAnotherTransactionHoldsOneRunsRowThenSkipsItWithoutWaiting() throws Exception {
        TestTenant tenant = newTenant("lease-locked");
        SessionClient locked = loggingInSlowly(tenant);
        SessionClient free = loggingInSlowly(tenant);
        String owner = jdbc.sql("SELECT lease_owner FROM links WHERE id = ?").param(locked.linkId()).query(String.class).single();
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("UPDATE links SET lease_until = ?, sweep_at = ? WHERE id IN (?, ?)")
                .params(soon, soon, locked.linkId(), free.linkId()).update();

        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    jdbc.sql("UPDATE links SET updated_at = updated_at WHERE id = ?").param(locked.linkId()).update();
                    holding.countDown();
                    try {
                        done.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        holder.start();
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.CompletableFuture<Integer> renewal = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> lifecycle.renewLeases(List.of(locked.linkId(), free.linkId()), owner));
            // returns while the other transaction still holds the row
            assertThat(renewal.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            done.countDown();
            holder.join(10_000);
        }
        assertThat(leaseUntil(free.linkId())).isAfter(soon.plusSeconds(30));
        assertThat(leaseUntil(locked.linkId())).isEqualTo(soon);
    }
}
