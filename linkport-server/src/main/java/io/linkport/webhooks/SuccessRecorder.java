package io.linkport.webhooks;

import io.linkport.common.GroupCommit;
import java.time.Clock;
import java.util.List;
import java.util.Set;
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
    private final GroupCommit<Success, Boolean> successes = new GroupCommit<>(MAX_BATCH, this::writeAll);

    SuccessRecorder(JdbcDeliveryRepository deliveries, JdbcWebhookEndpointRepository endpoints, TransactionTemplate tx,
                    Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Blocks until this success is committed; true when this node's outcome was the one recorded
     * (its lease held). {@code endpointFailing}: the endpoint, as read when the delivery was
     * claimed, had a failing clock for this success to stop. When it had none, the success does
     * not write the endpoint: a clock another attempt started since then is stopped by the next
     * success, which reads it.
     */
    boolean record(JdbcDeliveryRepository.SucceededAttempt success, DeliveryAttempt attempt, boolean endpointFailing) {
        return successes.submit(new Success(success, attempt, endpointFailing));
    }

    private List<Boolean> writeAll(List<Success> batch) {
        Set<String> recorded = tx.execute(status -> {
            deliveries.insertAttempts(batch.stream().map(Success::attempt).toList());
            Set<String> finished = deliveries.finishSucceeded(batch.stream().map(Success::success).toList(), clock.instant());
            List<String> endpointIds = batch.stream().filter(Success::endpointFailing)
                    .map(q -> q.success().delivery().endpointId()).filter(id -> id != null).distinct().toList();
            if (!endpointIds.isEmpty()) {
                endpoints.markHealthy(endpointIds);
            }
            return finished;
        });
        return batch.stream().map(q -> recorded.contains(q.success().delivery().id())).toList();
    }

    private record Success(JdbcDeliveryRepository.SucceededAttempt success, DeliveryAttempt attempt, boolean endpointFailing) {
    }
}
