package io.linkport.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit: each caller queues its item and waits; whichever caller holds the lock writes
 * everything queued so far in one batch (one transaction, one commit), so N concurrent writes cost
 * one round of commit work instead of N. A caller returns only once its own item is committed, or
 * gets the batch's exception, exactly as with a commit of its own — durability is unchanged. A
 * caller alone pays nothing extra: it takes the lock at once and writes a batch of one. No timer,
 * no background thread: batches form only from callers that are already waiting.
 *
 * @param <T> what a caller writes
 * @param <R> what each caller gets back (the write returns one result per item, in order)
 */
public final class GroupCommit<T, R> {

    private final int maxBatch;
    private final Function<List<T>, List<R>> write;
    private final ConcurrentLinkedQueue<Queued<T, R>> queue = new ConcurrentLinkedQueue<>();
    // A ReentrantLock rather than synchronized: virtual threads wait on it without pinning (JDK 21–23).
    private final ReentrantLock writer = new ReentrantLock();

    /** {@code write} must write the whole batch atomically (one transaction) and return a result per item. */
    public GroupCommit(int maxBatch, Function<List<T>, List<R>> write) {
        this.maxBatch = maxBatch;
        this.write = write;
    }

    /** Blocks until this item is committed; rethrows the batch's failure. */
    public R submit(T item) {
        Queued<T, R> mine = new Queued<>(item, new CompletableFuture<>());
        queue.add(mine);
        while (!mine.done().isDone()) {
            writer.lock();
            try {
                if (!mine.done().isDone()) {
                    writeQueued();
                }
            } finally {
                writer.unlock();
            }
        }
        try {
            return mine.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void writeQueued() {
        List<Queued<T, R>> batch = new ArrayList<>();
        for (Queued<T, R> next = queue.poll(); next != null; next = batch.size() < maxBatch ? queue.poll() : null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<R> results = write.apply(batch.stream().map(Queued::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            // every drained item must complete, or its caller would wait for a write that never comes
            batch.forEach(q -> q.done().completeExceptionally(e));
        }
    }

    private record Queued<T, R>(T item, CompletableFuture<R> done) {
    }
}
