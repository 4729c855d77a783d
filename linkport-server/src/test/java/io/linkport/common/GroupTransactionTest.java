package io.linkport.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import io.linkport.testing.InMemoryH2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** On a real (H2) database: commits shared by concurrent callers, and one unit's failure kept to itself. */
class GroupTransactionTest {

    private static final int[] IDS = {5, 6, 7, 8, 9};

    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private JdbcClient jdbc;
    private BatchedWrites batched;
    private TransactionTemplate tx;
    private final ExecutorService callers = Executors.newFixedThreadPool(40);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = InMemoryH2.fresh("group");
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource) {
            @Override
            protected void doCommit(DefaultTransactionStatus status) {
                super.doCommit(status);
                commits.incrementAndGet();
            }
        };
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(20))").update();
        tx = new TransactionTemplate(manager);
        batched = new BatchedWrites(new JdbcTemplate(dataSource) {
            @Override
            public int[] batchUpdate(String sql, List<? extends Object[]> batchArgs) {
                batches.incrementAndGet();
                return super.batchUpdate(sql, batchArgs);
            }
        });
    }

    @Test
    void runWhenManyCallersAtOnceThenEveryUnitCommittedInFewerCommitsThanUnits() throws Exception {
        List<Supplier<Integer>> units = IntStream.range(1, 40).<Supplier<Integer>>mapToObj(id -> () -> {
            insert(id);
            return id;
        }).toList();
        List<Future<Integer>> queued = queuedBehindAHeldUnit(units);
        for (int i = 1; i < 40; i++) {
            assertThat(queued.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM items").query(Integer.class).single()).isEqualTo(40);
        assertThat(commits.get()).as("39 queued units shared commits").isBetween(2, 20);
    }

    @Test
    void runWhenOneUnitOfAGroupFailsThenOnlyItsCallerGetsTheFailureAndTheOthersAreCommitted() throws Exception {
        insert(7);  // the unit that inserts 7 again will fail
        assertOnlyTheSeventhFails(queuedBehindAHeldUnit(Arrays.stream(IDS).<Supplier<Integer>>mapToObj(id -> () -> {
            jdbc.sql("INSERT INTO items (id, note) VALUES (?, 'first')").params(id * 10).update();
            insert(id);
            return id;
        }).toList()));
        assertThat(jdbc.sql("SELECT id FROM items ORDER BY id").query(Integer.class).list())
                .as("the failing unit's first insert (70) was rolled back with it; nothing else was lost or doubled")
                .containsExactly(0, 5, 6, 7, 8, 9, 50, 60, 80, 90);
    }

    @Test
    void runWhenUnitsWriteThroughBatchedWritesThenEachStatementRunsAsOneBatchPerGroup() throws Exception {
        jdbc.sql("CREATE TABLE notes (item_id INT NOT NULL REFERENCES items (id), note VARCHAR(20))").update();
        List<Supplier<Long>> units = IntStream.range(1, 40).<Supplier<Long>>mapToObj(id -> () -> {
            batched.update("INSERT INTO items (id, note) VALUES (?, ?)", id, "batched");
            batched.update("INSERT INTO notes (item_id, note) VALUES (?, ?)", id, "child of " + id);
            // queued, not yet written: a unit cannot read back what it queued
            return jdbc.sql("SELECT COUNT(*) FROM items WHERE id = ?").param(id).query(Long.class).single();
        }).toList();
        for (Future<Long> unit : queuedBehindAHeldUnit(units)) {
            assertThat(unit.get(10, TimeUnit.SECONDS)).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM items WHERE note = 'batched'").query(Integer.class).single()).isEqualTo(39);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notes").query(Integer.class).single())
                .as("each child row was written after the parents it references").isEqualTo(39);
        assertThat(batches.get()).as("two statements per group, for 39 units in a few groups").isEven().isBetween(2, 20);
    }

    @Test
    void runWhenOneUnitsBatchedWriteFailsThenOnlyItsCallerGetsTheFailure() throws Exception {
        insert(7);
        assertOnlyTheSeventhFails(queuedBehindAHeldUnit(Arrays.stream(IDS).<Supplier<Integer>>mapToObj(id -> () -> {
            batched.update("INSERT INTO items (id, note) VALUES (?, 'first')", id * 10);
            batched.update("INSERT INTO items (id, note) VALUES (?, 'x')", id);
            return id;
        }).toList()));
        assertThat(jdbc.sql("SELECT id FROM items ORDER BY id").query(Integer.class).list())
                .as("the failure surfaced at the flush; the failing unit's other row (70) went back with it")
                .containsExactly(0, 5, 6, 7, 8, 9, 50, 60, 80, 90);
    }

    @Test
    void runInsideATransactionThenJoinsItAndRollsBackWithIt() {
        GroupTransaction group = new GroupTransaction(tx, batched, 64, 1);
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            group.run(() -> {
                insert(1);
                return null;
            });
            throw new IllegalStateException("the caller's transaction fails afterwards");
        })).hasMessageContaining("fails afterwards");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM items").query(Integer.class).single()).isZero();
    }

    @Test
    void aLaneCountBelowOneIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new GroupTransaction(tx, batched, 64, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linkport.db.group-lanes must be at least 1");
    }

    /**
     * Starts a unit (inserting 0) that keeps the group's lock, queues {@code units} behind it from
     * other threads, checks none ran, then lets the first go: the queued units form groups.
     */
    private <T> List<Future<T>> queuedBehindAHeldUnit(List<Supplier<T>> units) throws Exception {
        GroupTransaction group = new GroupTransaction(tx, batched, 64, 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> held = callers.submit(() -> group.run(() -> {
            insert(0);
            running.countDown();
            await(release);
            return 0;
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<T>> queued = units.stream().map(unit -> callers.submit(() -> group.run(unit))).toList();
        Thread.sleep(200);
        assertThat(queued).noneMatch(Future::isDone);
        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isZero();
        return queued;
    }

    private static void assertOnlyTheSeventhFails(List<Future<Integer>> queued) throws Exception {
        for (int i = 0; i < IDS.length; i++) {
            Future<Integer> result = queued.get(i);
            if (IDS[i] == 7) {
                assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
            } else {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(IDS[i]);
            }
        }
    }

    private void insert(int id) {
        jdbc.sql("INSERT INTO items (id, note) VALUES (?, 'x')").params(id).update();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
