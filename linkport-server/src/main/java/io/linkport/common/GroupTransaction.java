package io.linkport.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Units of database work from concurrent callers, committed together ({@link GroupCommit}): the
 * caller holding the lock runs every queued unit in one transaction, so a burst of N requests pays
 * for one commit instead of N. Each caller still returns only once its own unit is committed.
 * Callers are spread over a few independent groups (lanes): with one, every write of the server
 * waited for the one batch being written, and the database sat partly idle.
 * <p>
 * One unit's failure stays its own: when a grouped transaction fails, it is rolled back whole and
 * every unit of it runs again in a transaction of its own, so only the unit that fails again
 * fails. A unit must therefore only touch the database (and things a rollback undoes) and must
 * not read thread-bound state such as the current HTTP request: it may run on another caller's
 * thread. Inside an existing transaction a unit simply joins it.
 * <p>
 * The writes units make through {@link BatchedWrites} are collected across the whole group and
 * run as one JDBC batch per statement just before the commit.
 */
public final class GroupTransaction {

    private final TransactionTemplate tx;
    private final BatchedWrites batched;
    private final List<GroupCommit<Supplier<?>, Outcome>> lanes;
    private final AtomicInteger next = new AtomicInteger();

    public GroupTransaction(TransactionTemplate tx, BatchedWrites batched, int maxBatch, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("linkport.db.group-lanes must be at least 1, was " + lanes);
        }
        this.tx = tx;
        this.batched = batched;
        this.lanes = IntStream.range(0, lanes).mapToObj(i -> new GroupCommit<Supplier<?>, Outcome>(maxBatch, this::runAll))
                .toList();
    }

    /** Runs {@code work} in a committed transaction (shared with concurrent callers) and returns its result. */
    @SuppressWarnings("unchecked")
    public <R> R run(Supplier<R> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        Outcome outcome = lanes.get(Math.floorMod(next.getAndIncrement(), lanes.size())).submit(work);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return (R) outcome.value();
    }

    private List<Outcome> runAll(List<Supplier<?>> batch) {
        if (batch.size() > 1) {
            try {
                return tx.execute(status -> batched.collect(
                        () -> batch.stream().map(work -> new Outcome(work.get(), null)).toList()));
            } catch (RuntimeException oneOfThemFailed) {
                // rolled back whole; below, each unit again on its own
            }
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Supplier<?> work : batch) {
            try {
                outcomes.add(new Outcome(tx.execute(status -> batched.collect(work)), null));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(null, e));
            }
        }
        return outcomes;
    }

    private record Outcome(Object value, RuntimeException failure) {
    }
}
