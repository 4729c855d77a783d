package io.linkport.sessions;

import static io.linkport.links.LinkFixtures.seedExample;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.links.Link;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.SessionLink;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The widget's consent and credentials are taken on this node's snapshot of the session's link
 * ({@link SessionSnapshots}) without reading it back, and a snapshot made stale by a change it did
 * not see (another node's, here written with SQL or through the tenant API) never decides an answer:
 * the step is taken again on the link as it is, and gets the answer a fresh read gives.
 */
class SessionSnapshotsTest extends ServerTest {

    private static final Map<String, Object> GOOD = Map.of("credentials", Map.of("username", "user_good", "password", "pass_good"));

    @Autowired
    MeterRegistry meters;

    @Autowired
    LinkLifecycle lifecycle;

    private double count(String outcome) {
        return meters.get("linkport.sessions.snapshots").tag("outcome", outcome).counter().count();
    }

    private SessionClient claimed(TestTenant tenant) {
        Api.Response created = api.post("/v1/links", seedExample(), tenant.auth());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return SessionClient.claim(api, "claimCode", created.json().get("claimCode").asString());
    }

    private List<String> events(String linkId) {
        return jdbc.sql("SELECT type FROM events WHERE link_id = ? ORDER BY seq").param(linkId).query(String.class).list();
    }

    @Test
    void claimedConsentedAndLoggedInOnThisNodeThenBothStepsTakenOnTheSnapshotAndTheRunCompletes() {
        SessionClient session = claimed(newTenant("snapshot-used"));
        double used = count("used");
        double refused = count("refused");

        JsonNode consented = session.consent();
        assertThat(consented.get("step").asString()).isEqualTo("credentials");
        assertThat(consented.get("expiresAt").asString()).isEqualTo(session.started.get("expiresAt").asString())
                .isEqualTo(session.session().get("expiresAt").asString());
        assertThat(session.ok("/v1/session/credentials", GOOD, 202).get("status").asString()).isEqualTo("authenticating");

        assertThat(count("used") - used).isEqualTo(2);
        assertThat(count("refused") - refused).isZero();
        assertThat(session.awaitStep("completed").get("operations").findValuesAsString("status"))
                .containsExactly("completed", "completed");
        assertThat(events(session.linkId())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED",
                "LOGIN_SUCCEEDED", "OPERATION_COMPLETED", "OPERATION_COMPLETED", "LINK_COMPLETED");
        assertThat(jdbc.sql("SELECT consented FROM links WHERE id = ?").param(session.linkId()).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void consentGivenElsewhereThenCredentialsTakenOnTheLinkAsItIs() {
        SessionClient session = claimed(newTenant("snapshot-consent-elsewhere"));
        jdbc.sql("UPDATE links SET consented = TRUE WHERE id = ?").param(session.linkId()).update();
        double refused = count("refused");

        assertThat(session.ok("/v1/session/credentials", GOOD, 202).get("status").asString()).isEqualTo("authenticating");

        assertThat(count("refused") - refused).isEqualTo(1);
        assertThat(session.awaitStep("completed").get("status").asString()).isEqualTo("completed");
    }

    @Test
    void linkCanceledElsewhereAfterConsentThenCredentialsRefusedAsCanceledAndNothingWritten() {
        TestTenant tenant = newTenant("snapshot-canceled");
        SessionClient session = claimed(tenant);
        session.consent();
        assertThat(api.delete("/v1/links/" + session.linkId(), tenant.auth()).status()).isEqualTo(200);
        double refused = count("refused");

        Api.Response refusedLogin = session.post("/v1/session/credentials", GOOD);

        assertThat(refusedLogin.status()).as(refusedLogin.text()).isEqualTo(409);
        assertThat(refusedLogin.json().get("message").asString()).contains("canceled");
        assertThat(count("refused") - refused).isEqualTo(1);
        assertThat(events(session.linkId())).doesNotContain("LOGIN_STARTED");
        assertThat(session.session().get("status").asString()).isEqualTo("canceled");
    }

    /**
     * The snapshot holds T-Mobile, whose credentials these are; the link moved to an OAuth
     * institution meanwhile. The login must not begin with credentials checked against the wrong
     * institution: its change is conditional on the integration the check was made for.
     */
    @Test
    void integrationChangedElsewhereAfterConsentThenCredentialsCheckedAgainstTheNewOne() {
        SessionClient session = claimed(newTenant("snapshot-integration"));
        session.consent();
        jdbc.sql("UPDATE links SET integration_id = 'oauth_bank' WHERE id = ?").param(session.linkId()).update();

        Api.Response refusedLogin = session.post("/v1/session/credentials", GOOD);

        assertThat(refusedLogin.status()).as(refusedLogin.text()).isEqualTo(409);
        assertThat(refusedLogin.json().get("error").asString()).isEqualTo("oauth_required");
        assertThat(events(session.linkId())).doesNotContain("LOGIN_STARTED");
        assertThat(session.session().get("status").asString()).isEqualTo("claimed");
    }

    @Test
    void sessionRenewedThenItsSnapshotForgottenAndConsentAnswersWithTheNewExpiry() {
        SessionClient session = claimed(newTenant("snapshot-renewed"));
        String renewedExpiry = session.ok("/v1/session/renew", Map.of(), 200).get("expiresAt").asString();
        double used = count("used");

        JsonNode consented = session.consent();

        assertThat(count("used") - used).isZero();
        assertThat(consented.get("expiresAt").asString()).isEqualTo(renewedExpiry);
        assertThat(Instant.parse(renewedExpiry)).isAfterOrEqualTo(Instant.parse(session.started.get("expiresAt").asString()));
    }

    /**
     * Bounded: a node keeps at most {@link SessionSnapshots#CAPACITY} sessions; when full, those past
     * their expiry make room and live ones are not dropped for a newcomer, which is then simply not
     * kept (its steps read the link, as without snapshots). An expired snapshot is never used.
     */
    @Test
    void fullOfLiveSessionsThenANewOneNotKeptAndExpiredOnesMakeRoom() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Clock[] now = {Clock.fixed(start, ZoneOffset.UTC)};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0].instant();
            }
        };
        SessionSnapshots snapshots = new SessionSnapshots(clock, meters);
        Link link = linkOf(claimed(newTenant("snapshot-capacity")).linkId());
        for (int i = 0; i < SessionSnapshots.CAPACITY; i++) {
            Duration lifetime = i % 2 == 0 ? Duration.ofMinutes(1) : Duration.ofMinutes(15);
            snapshots.remember("hash-" + i, new SessionLink(link, start.plus(lifetime)));
        }

        snapshots.remember("newcomer", new SessionLink(link, start.plus(Duration.ofMinutes(15))));
        assertThat(snapshots.size()).isEqualTo(SessionSnapshots.CAPACITY);
        assertThat(snapshots.recall("newcomer")).isEmpty();
        assertThat(snapshots.recall("hash-0")).isPresent();

        now[0] = Clock.fixed(start.plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        snapshots.remember("newcomer", new SessionLink(link, start.plus(Duration.ofMinutes(15))));
        assertThat(snapshots.size()).isEqualTo(SessionSnapshots.CAPACITY / 2 + 1);
        assertThat(snapshots.recall("newcomer")).isPresent();
        assertThat(snapshots.recall("hash-0")).as("expired").isEmpty();
        assertThat(snapshots.recall("hash-1")).isPresent();
        snapshots.forget("hash-1");
        assertThat(snapshots.recall("hash-1")).isEmpty();
    }

    private Link linkOf(String linkId) {
        return lifecycle.find(linkId).orElseThrow();
    }
}
