package io.linkport.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Group commit: each caller queues its item and waits; a caller holding one of the writer permits
 * writes everything queued so far in one batch (one transaction, one commit), so N concurrent
 * writes cost one round of commit work instead of N. A caller returns only once its own item is
 * committed, or gets the batch's exception, exactly as with a commit of its own — durability is
 * unchanged. A caller alone pays nothing extra: it takes a permit at once and writes a batch of
 * one. No timer, no background thread: batches form only from callers that are already waiting.
 * <p>
 * With more than one writer, a batch can start while another is still waiting for its commit to
 * reach the disk. Where a commit's flush takes milliseconds, one writer leaves the database
 * idle for most of each batch and the server's throughput becomes batch size ÷ flush time;
 * concurrent batches overlap their flushes (the database flushes concurrent commits together).
 *
 * @param <T> what a caller writes
 * @param <R> what each caller gets back (the write returns one result per item, in order)
 */
public final class GroupCommit<T, R> {

    private final int maxBatch;
    private final Function<List<T>, List<R>> write;
    private final ConcurrentLinkedQueue<Queued<T, R>> queue = new ConcurrentLinkedQueue<>();
    // j.u.c rather than synchronized: virtual threads wait on it without pinning (JDK 21–23).
    private final Semaphore writers;

    /** One writer at a time. {@code write} must write the whole batch atomically (one transaction) and return a result per item. */
    public GroupCommit(int maxBatch, Function<List<T>, List<R>> write) {
        this(maxBatch, 1, write);
    }

    /** Up to {@code maxWriters} batches written at once, each from the one shared queue. */
    public GroupCommit(int maxBatch, int maxWriters, Function<List<T>, List<R>> write) {
        if (maxBatch < 1 || maxWriters < 1) {
            throw new IllegalArgumentException("maxBatch and maxWriters must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.write = write;
        this.writers = new Semaphore(maxWriters);
    }

    /** Blocks until this item is committed; rethrows the batch's failure. */
    public R submit(T item) {
        Queued<T, R> mine = new Queued<>(item, new AtomicBoolean(), new CompletableFuture<>());
        queue.add(mine);
        // Until another writer has taken this item into its batch, help write: a permit frees as
        // soon as any batch is written, and whoever takes it writes what is queued then.
        while (!mine.taken().get()) {
            writers.acquireUninterruptibly();
            try {
                if (!mine.taken().get()) {
                    writeQueued();
                }
            } finally {
                writers.release();
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
            next.taken().set(true);
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

    private record Queued<T, R>(T item, AtomicBoolean taken, CompletableFuture<R> done) {
    }
}
