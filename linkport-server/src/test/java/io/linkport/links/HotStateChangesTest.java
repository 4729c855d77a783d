package io.linkport.links;

import static io.linkport.links.LinkFixtures.seedExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.linkport.testing.ServerTest;
import io.linkport.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL, the state changes of a run that neither start nor end a lease change no indexed
 * column of {@code links}, so each is a HOT update: a new row version on the same page and no
 * index entries, where a non-HOT one writes all of the table's indexes. Only the lease's start
 * (the login) and the link's end (completed) move {@code sweep_at}, the sweeper's column.
 * PostgreSQL counts a transaction's HOT updates itself ({@code pg_stat_get_xact_tuples_hot_updated}).
 */
class HotStateChangesTest extends ServerTest {

    @Autowired
    LinkLifecycle lifecycle;

    @Autowired
    TransactionTemplate tx;

    /** How many rows of {@code links} the change updated, and how many of those updates were HOT. */
    private record Updates(long rows, long hot) {
    }

    private record Outcome(Link link, Updates updates) {
    }

    private Link change(Supplier<Optional<Link>> change, Updates expected) {
        Outcome outcome = tx.execute(status -> {
            // Counted before and after within one transaction: the backend's counts may still hold
            // earlier transactions' not yet reported to the statistics system.
            Updates before = updates();
            Link changed = change.get().orElseThrow();
            Updates after = updates();
            return new Outcome(changed, new Updates(after.rows() - before.rows(), after.hot() - before.hot()));
        });
        assertThat(outcome.updates()).isEqualTo(expected);
        return outcome.link();
    }

    private Updates updates() {
        return jdbc.sql("""
                SELECT pg_stat_get_xact_tuples_updated('links'::regclass),
                       pg_stat_get_xact_tuples_hot_updated('links'::regclass)""")
                .query((rs, row) -> new Updates(rs.getLong(1), rs.getLong(2))).single();
    }

    @Test
    void runWhenNoLeaseStartsOrEndsThenStateChangesAreHot() {
        assumeThat(TestDatabase.postgres()).as("HOT updates are PostgreSQL's").isTrue();
        TestTenant tenant = newTenant("hot-updates");
        String linkId = api.post("/v1/links", seedExample(), tenant.auth()).json().get("linkId").asString();
        Updates hot = new Updates(1, 1);
        Updates indexed = new Updates(1, 0);

        Link claimed = change(() -> lifecycle.claim(lifecycle.find(linkId).orElseThrow()), hot);
        Link consented = change(() -> lifecycle.consent(claimed), hot);
        Link authenticating = change(() -> lifecycle.beginLogin(consented, "node_hot_test", "credentials")
                .map(StartedRun::link), indexed);
        Link running = change(() -> lifecycle.advance(authenticating, List.of("running", "pending"),
                List.of(RunStep.loggedIn())), hot);
        Link second = change(() -> lifecycle.advance(running, List.of("completed", "running"),
                List.of(RunStep.operationCompleted(0))), hot);
        Link completed = change(() -> lifecycle.complete(second, List.of("completed", "completed"), List.of(), "{}",
                () -> { }), indexed);

        assertThat(completed.status()).isEqualTo(LinkStatus.COMPLETED);
    }
}
