package io.linkport.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A background run calls its connector on its own thread, with the whole timeout from the moment
 * the call starts; an answer is kept if it comes within the grace after the deadline; past that
 * the run's thread is interrupted, and if the connector ignores the interrupt the run's timeout
 * is still recorded one grace later, from another thread.
 */
class ConnectorCallsTest {

    private static final Duration GRACE = Duration.ofMillis(300);
    /** How many times a test's calls were reported stuck; only the connector that ignores interrupts may be. */
    private final AtomicInteger stuck = new AtomicInteger();
    private final Runnable countStuck = stuck::incrementAndGet;

    private final ConnectorCalls calls = new ConnectorCalls(1, GRACE);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        calls.destroy();
    }

    @Test
    void aCallRunsOnTheRunsThreadAndIsToldItsWholeTimeout() throws Exception {
        Thread caller = Thread.currentThread();
        Instant before = Instant.now();
        Instant told = calls.callWithin(Duration.ofMillis(1_000), deadline -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return deadline;
        }, countStuck);
        assertThat(Duration.between(before, told).toMillis()).isBetween(1_000L, 2_000L);
    }

    @Test
    void anAnswerLinkportPicksUpWithinTheGraceIsKept() throws Exception {
        // a connector that answers at its deadline, read by Linkport a little later (busy, say)
        String answer = calls.callWithin(Duration.ofMillis(100), deadline -> {
            sleep(Duration.between(Instant.now(), deadline).toMillis() + 150);
            return "answered";
        }, countStuck);
        assertThat(answer).isEqualTo("answered");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.sleep(GRACE.toMillis() * 3);
        assertThat(stuck).hasValue(0);
    }

    @Test
    void aConnectorThatThrowsIsAnExecutionException() {
        assertThatThrownBy(() -> calls.callWithin(Duration.ofSeconds(1), deadline -> {
            throw new IllegalStateException("institution down");
        }, countStuck)).isInstanceOf(ExecutionException.class).hasRootCauseMessage("institution down");
    }

    @Test
    void aCallThatRunsPastItsDeadlineAndTheGraceIsInterruptedAndTimesOut() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        long started = System.nanoTime();
        assertThatThrownBy(() -> calls.callWithin(Duration.ofMillis(100), deadline -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
            return "late";
        }, countStuck)).isInstanceOf(TimeoutException.class);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(interrupted).isTrue();
        assertThat(took).isBetween(400L, 2_000L);
        // the run goes on to record the timeout in the database: no interrupt may be left behind
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.sleep(GRACE.toMillis() * 2);  // the check one grace after the interrupt finds the call ended
        assertThat(stuck).hasValue(0);
    }

    @Test
    void aConnectorThatIgnoresTheInterruptIsReportedStuckOneGraceLater() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> stuckAt = new CompletableFuture<>();
        long started = System.nanoTime();
        Future<String> run = callers.submit(() -> calls.callWithin(Duration.ofMillis(100), deadline -> {
            while (true) {
                try {
                    release.await();
                    return "much later";
                } catch (InterruptedException e) {
                    // a connector that will not be hurried
                }
            }
        }, () -> stuckAt.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))));
        // deadline 100 ms + grace 300 ms: interrupted; + another 300 ms: reported stuck
        assertThat(stuckAt.get(5, TimeUnit.SECONDS)).isBetween(650L, 2_500L);
        assertThat(run.isDone()).isFalse();
        release.countDown();
        assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void noInterruptLeaksPastACallThatAnswersAsTheWatchdogFires() throws Exception {
        ConnectorCalls tight = new ConnectorCalls(1, Duration.ofMillis(1));
        try {
            int kept = 0;
            for (int i = 0; i < 300; i++) {
                try {
                    tight.callWithin(Duration.ofMillis(1), deadline -> {
                        long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(0, 8_000_000);
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        return "maybe";
                    }, () -> { });
                    kept++;
                } catch (TimeoutException e) {
                    // abandoned: fine, as long as the interrupt was taken back
                }
                assertThat(Thread.currentThread().isInterrupted()).as("call %d", i).isFalse();
            }
            // both sides of the race were run, not only one
            assertThat(kept).isBetween(1, 299);
        } finally {
            tight.destroy();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
