package io.linkport.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A background run's connector call gets its whole timeout from the moment it starts: time spent
 * queued behind other calls is Linkport's, not the institution's; and an answer is kept if it
 * comes within the grace after the deadline. On JDK 17 the calls pool is
 * bounded, so the queue is real; on 21+ every call gets a virtual thread and starts at once.
 */
class ConnectorCallsTest {

    private static final int POOL = 1 + 64;  // linkport.sessions.platform-threads=1, plus the calls outside runs

    private static final Duration GRACE = Duration.ofMillis(300);

    private final ConnectorCalls calls = new ConnectorCalls(1, GRACE);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        calls.destroy();
    }

    @Test
    void aCallQueuedBehindOthersStillGetsItsWholeTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> blockers = fillThePool(release);
        long asked = System.nanoTime();
        Future<long[]> call = callers.submit(() -> calls.callWithin(Duration.ofMillis(1_000), deadline -> {
            long startedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            long given = Duration.between(Instant.now(), deadline).toMillis();
            sleep(600);
            return new long[] {startedAfter, given};
        }));
        Thread.sleep(600);
        release.countDown();
        // queued ≥ 600 ms, then ran 600 ms: 1.2 s in all against a 1 s timeout, and it still answered
        long[] answer = call.get(5, TimeUnit.SECONDS);
        if (!virtualThreadsAvailable()) {
            assertThat(answer[0]).isGreaterThanOrEqualTo(600);
        }
        assertThat(answer[1]).isGreaterThan(900);
        for (Future<String> blocker : blockers) {
            assertThat(blocker.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        }
    }

    @Test
    void aCallThatCannotStartWithinItsTimeoutTimesOut() throws Exception {
        assumeFalse(virtualThreadsAvailable(), "nothing queues on JDK 21+: every call gets a virtual thread");
        CountDownLatch release = new CountDownLatch(1);
        fillThePool(release);
        try {
            assertThatThrownBy(() -> calls.callWithin(Duration.ofMillis(200), deadline -> "never"))
                    .isInstanceOf(TimeoutException.class).hasMessageContaining("did not start");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAnswerLinkportPicksUpWithinTheGraceIsKept() throws Exception {
        // a connector that answers at its deadline, read by Linkport a little later (busy, say)
        String answer = calls.callWithin(Duration.ofMillis(100), deadline -> {
            sleep(Duration.between(Instant.now(), deadline).toMillis() + 150);
            return "answered";
        });
        assertThat(answer).isEqualTo("answered");
    }

    @Test
    void aCallThatRunsPastItsDeadlineAndTheGraceTimesOut() {
        assertThatThrownBy(() -> calls.callWithin(Duration.ofMillis(100), deadline -> {
            sleep(1_000);
            return "late";
        })).isInstanceOf(TimeoutException.class);
    }

    /** Occupies every thread of the calls pool until {@code release}; returns once all have started. */
    private List<Future<String>> fillThePool(CountDownLatch release) throws InterruptedException {
        int threads = virtualThreadsAvailable() ? 4 : POOL;
        CountDownLatch running = new CountDownLatch(threads);
        List<Future<String>> blockers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            blockers.add(callers.submit(() -> calls.callWithin(Duration.ofSeconds(10), deadline -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "done";
            })));
        }
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        return blockers;
    }

    private static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
