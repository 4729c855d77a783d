package io.linkport.sessions;

import static io.linkport.links.LinkFixtures.seedExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.linkport.links.Link;
import io.linkport.links.LinkError;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.LinkSettings;
import io.linkport.links.LinkStatus;
import io.linkport.links.RunStep;
import io.linkport.testing.ServerTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A run's progress after its login is written with the run's next change unless it waits longer
 * than the delay: a quick run's login, operations and completion are one change, each step still
 * with its event and in order; a slow one's progress shows up after the delay; a link changed
 * elsewhere stops the run without writing what was pending.
 */
class RunJournalTest extends ServerTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @Autowired
    LinkLifecycle lifecycle;

    @Autowired
    ConnectorCalls calls;

    @Test
    void quickRunThenLoginOperationsAndCompletionWrittenAsOneChangeWithEveryEventInOrder() {
        Link authenticating = authenticating("journal-quick");
        RunJournal journal = new RunJournal(lifecycle, calls, LONG, authenticating);

        assertThat(journal.record(RunStep.loggedIn(), List.of("running", "pending"))).isTrue();
        assertThat(journal.record(RunStep.operationCompleted(0), List.of("completed", "running"))).isTrue();

        Link unwritten = lifecycle.find(authenticating.id()).orElseThrow();
        assertThat(unwritten.status()).isEqualTo(LinkStatus.AUTHENTICATING);
        assertThat(unwritten.updatedAt()).isEqualTo(authenticating.updatedAt());
        assertThat(eventsOf(authenticating.id())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED");

        journal.complete(List.of("completed", "completed"), "{\"operations\":[]}", () -> { });

        Link completed = lifecycle.find(authenticating.id()).orElseThrow();
        assertThat(completed.status()).isEqualTo(LinkStatus.COMPLETED);
        assertThat(completed.progress()).containsExactly("completed", "completed");
        assertThat(completed.leaseOwner()).isNull();
        assertThat(eventsOf(authenticating.id())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED", "LOGIN_SUCCEEDED",
                "OPERATION_COMPLETED", "OPERATION_COMPLETED", "LINK_COMPLETED");
        assertThat(jdbc.sql("SELECT data FROM events WHERE link_id = ? AND type = 'OPERATION_COMPLETED' ORDER BY seq")
                .param(authenticating.id()).query(String.class).list())
                .satisfiesExactly(first -> assertThat(first).contains("\"index\":0"),
                        second -> assertThat(second).contains("\"index\":1"));
    }

    @Test
    void progressWaitsLongerThanTheDelayThenWrittenOnItsOwn() {
        Link authenticating = authenticating("journal-slow");
        RunJournal journal = new RunJournal(lifecycle, calls, Duration.ofMillis(100), authenticating);

        assertThat(journal.record(RunStep.loggedIn(), List.of("running", "pending"))).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Link running = lifecycle.find(authenticating.id()).orElseThrow();
            assertThat(running.status()).isEqualTo(LinkStatus.RUNNING);
            assertThat(running.progress()).containsExactly("running", "pending");
        });
        assertThat(eventsOf(authenticating.id())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED", "LOGIN_SUCCEEDED");

        assertThat(journal.record(RunStep.operationCompleted(0), List.of("completed", "running"))).isTrue();
        journal.complete(List.of("completed", "completed"), "{}", () -> { });

        assertThat(lifecycle.find(authenticating.id()).orElseThrow().status()).isEqualTo(LinkStatus.COMPLETED);
        assertThat(eventsOf(authenticating.id())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED", "LOGIN_SUCCEEDED",
                "OPERATION_COMPLETED", "OPERATION_COMPLETED", "LINK_COMPLETED");
    }

    @Test
    void zeroDelayThenEachStepWrittenAtOnce() {
        Link authenticating = authenticating("journal-zero");
        RunJournal journal = new RunJournal(lifecycle, calls, Duration.ZERO, authenticating);

        assertThat(journal.record(RunStep.loggedIn(), List.of("running", "pending"))).isTrue();

        assertThat(lifecycle.find(authenticating.id()).orElseThrow().status()).isEqualTo(LinkStatus.RUNNING);
        assertThat(eventsOf(authenticating.id())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED", "LOGIN_SUCCEEDED");
    }

    @Test
    void runFailsWithProgressPendingThenItsEventsComeBeforeLinkFailed() {
        Link authenticating = authenticating("journal-fail");
        RunJournal journal = new RunJournal(lifecycle, calls, LONG, authenticating);
        journal.record(RunStep.loggedIn(), List.of("running", "pending"));
        journal.record(RunStep.operationCompleted(0), List.of("completed", "running"));

        journal.fail(List.of("completed", "failed"), new LinkError("INSTITUTION_ERROR", "The institution answered with an error.", false));
        journal.complete(List.of("completed", "completed"), "{}", () -> { });

        Link failed = lifecycle.find(authenticating.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(LinkStatus.FAILED);
        assertThat(failed.progress()).containsExactly("completed", "failed");
        assertThat(eventsOf(authenticating.id())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED", "LOGIN_SUCCEEDED",
                "OPERATION_COMPLETED", "LINK_FAILED");
    }

    @Test
    void linkCanceledWhileProgressPendingThenRunStopsAndNothingPendingWritten() {
        Link authenticating = authenticating("journal-cancel");
        RunJournal journal = new RunJournal(lifecycle, calls, LONG, authenticating);
        journal.record(RunStep.loggedIn(), List.of("running", "pending"));

        assertThat(lifecycle.cancel(authenticating)).isPresent();

        assertThat(journal.flush()).isFalse();
        assertThat(journal.record(RunStep.operationCompleted(0), List.of("completed", "running"))).isFalse();
        journal.complete(List.of("completed", "completed"), "{}", () -> { });
        assertThat(lifecycle.find(authenticating.id()).orElseThrow().status()).isEqualTo(LinkStatus.CANCELED);
        assertThat(eventsOf(authenticating.id())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED", "LINK_CANCELED");
    }

    @Test
    void negativeDelayThenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new LinkSettings(null, null, null, null, null, null, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linkport.links.progress-delay");
        assertThat(new LinkSettings(null, null, null, null, null, null, null).progressDelay()).isEqualTo(Duration.ofMillis(200));
    }

    private Link authenticating(String tenantName) {
        TestTenant tenant = newTenant(tenantName);
        String linkId = api.post("/v1/links", seedExample(), tenant.auth()).json().get("linkId").asString();
        Link claimed = lifecycle.claim(lifecycle.find(linkId).orElseThrow()).orElseThrow();
        Link consented = lifecycle.consent(claimed).orElseThrow();
        return lifecycle.beginLogin(consented, "node_journal_test", "credentials_submitted").orElseThrow().link();
    }

    private List<String> eventsOf(String linkId) {
        return jdbc.sql("SELECT type FROM events WHERE link_id = ? ORDER BY seq").param(linkId).query(String.class).list();
    }
}
