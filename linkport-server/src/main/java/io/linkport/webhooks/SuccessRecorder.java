package io.linkport.webhooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records successful attempts by group commit: a worker queues its success and waits; whichever
 * worker holds the lock writes everything queued so far — attempt rows, {@code succeeded} states
 * and the endpoints' failing clocks — in one transaction, so N successes cost one commit instead
 * of N. A worker returns only once its own success is committed (or the write failed), which is
 * what it returned before, one commit each: a crash before that commit leaves the delivery leased,
 * and it is sent again once the lease expires (at least once, never lost).
 */
@Component
class SuccessRecorder {

    private static final int MAX_BATCH = 256;

    private final JdbcDeliveryRepository deliveries;
    private final JdbcWebhookEndpointRepository endpoints;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    // A ReentrantLock rather than synchronized: virtual threads wait on it without pinning (JDK 21–23).
    private final ReentrantLock writer = new ReentrantLock();

    SuccessRecorder(JdbcDeliveryRepository deliveries, JdbcWebhookEndpointRepository endpoints, TransactionTemplate tx,
                    Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.tx = tx;
        this.clock = clock;
    }

    /** Blocks until this success is committed; true when this node's outcome was the one recorded (its lease held). */
    boolean record(JdbcDeliveryRepository.SucceededAttempt success, DeliveryAttempt attempt) {
        Queued mine = new Queued(success, attempt, new CompletableFuture<>());
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
        return mine.done().join();
    }

    private void writeQueued() {
        List<Queued> batch = new ArrayList<>();
        for (Queued next = queue.poll(); next != null; next = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            Set<String> recorded = tx.execute(status -> {
                deliveries.insertAttempts(batch.stream().map(Queued::attempt).toList());
                Set<String> finished = deliveries.finishSucceeded(batch.stream().map(Queued::success).toList(), clock.instant());
                List<String> endpointIds = batch.stream().map(q -> q.success().delivery().endpointId())
                        .filter(id -> id != null).distinct().toList();
                if (!endpointIds.isEmpty()) {
                    endpoints.markHealthy(endpointIds);
                }
                return finished;
            });
            batch.forEach(q -> q.done().complete(recorded.contains(q.success().delivery().id())));
        } catch (RuntimeException | Error e) {
            // every drained success must complete, or its worker would wait for a write that never comes
            batch.forEach(q -> q.done().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private record Queued(JdbcDeliveryRepository.SucceededAttempt success, DeliveryAttempt attempt,
                          CompletableFuture<Boolean> done) {
    }
}
