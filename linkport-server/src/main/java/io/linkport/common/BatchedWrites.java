package io.linkport.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Writes that can wait for the end of their transaction. Inside {@link #collect} a write is queued
 * instead of run; when the collected work is done, each distinct statement runs once as a JDBC
 * batch with every queued row, statements in the order they were first queued. A
 * {@link GroupTransaction} collects its units this way, so a group of N links costs the database
 * two round trips (links, events) instead of 2N: on two cores the round trips, not the rows, were
 * what a link cost (a context switch on each side of the loopback for each statement).
 * <p>
 * Outside {@link #collect} a write runs at once. A queued write is invisible to reads until the
 * flush, and its failure surfaces at the flush, before the commit, rolling the transaction back
 * like any failed statement: only writes that nothing in the same transaction reads back may go
 * through here.
 */
@Component
public class BatchedWrites {

    // Per instance: a queue belongs to the database this instance writes to.
    private final ThreadLocal<Map<String, List<Object[]>>> queued = new ThreadLocal<>();

    private final JdbcOperations jdbc;

    public BatchedWrites(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code sql} with {@code params} now, or queues it when called inside {@link #collect}. */
    public void update(String sql, Object... params) {
        Map<String, List<Object[]>> queue = queued.get();
        if (queue == null) {
            jdbc.update(sql, params);
        } else {
            queue.computeIfAbsent(sql, s -> new ArrayList<>()).add(params);
        }
    }

    /**
     * Runs {@code work}, queuing the writes it makes through {@link #update}, then runs them all;
     * returns {@code work}'s result only once every queued write succeeded. Call it inside the
     * transaction the writes belong to. Nested calls join the outer one.
     */
    public <T> T collect(Supplier<T> work) {
        if (queued.get() != null) {
            return work.get();
        }
        Map<String, List<Object[]>> queue = new LinkedHashMap<>();
        queued.set(queue);
        T result;
        try {
            result = work.get();
        } finally {
            queued.remove();
        }
        queue.forEach(jdbc::batchUpdate);
        return result;
    }
}
