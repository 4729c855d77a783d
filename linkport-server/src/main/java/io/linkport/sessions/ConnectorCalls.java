package io.linkport.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where sessions run, and how connectors are called with a hard deadline. A run (login, MFA,
 * operations) runs off the request thread and calls its connector on its own thread, watched by
 * a timer ({@link #callWithin}); calls made outside a run (saved logins' live /Authorize and
 * nightly refresh, the start of an OAuth authorization) get a thread of their own and the caller
 * waits no later than the deadline ({@link #call}). Either way nobody waits on an institution
 * past its deadline. On JDK 21+ both pools are virtual-thread-per-task executors (found by
 * reflection, so the server still builds and runs on 17); on 17 they are bounded platform-thread
 * pools of {@code linkport.sessions.platform-threads} runs (default 512) and as many calls plus
 * 64. A run waiting on an institution is a parked thread, not CPU: 512 of them cost about as much
 * memory as Tomcat's 200 request threads.
 */
@Component
public class ConnectorCalls implements DisposableBean {

    /** The calls pool has room for one stuck run's timeout per run, plus this many calls made outside runs. */
    private static final int CALLS_OUTSIDE_RUNS = 64;

    private final ExecutorService runs;
    private final ExecutorService calls;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Duration grace;

    /**
     * @param grace how long past a call's deadline Linkport still waits for the answer before it
     *              abandons the call. Connectors are told the deadline and answer by it (the
     *              sandbox answers TIMEOUT itself rather than wait past it); the grace absorbs only
     *              Linkport's own delay in picking an answer up when thousands arrive at once.
     */
    ConnectorCalls(@Value("${linkport.sessions.platform-threads:512}") int platformThreads,
                   @Value("${linkport.sessions.connector-grace:5s}") Duration grace) {
        this.runs = executor("linkport-run-", platformThreads);
        this.calls = executor("linkport-connector-", platformThreads + CALLS_OUTSIDE_RUNS);
        this.grace = grace;
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "linkport-connector-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // a call that answers in time cancels its watchdog; thousands of those must not pile up in the queue
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /** Runs a session step (login, MFA, operations) in the background. */
    void run(Runnable task) {
        runs.execute(task);
    }

    /**
     * Runs {@code task} on a thread of its own after {@code delay}, unless cancelled first. When the
     * pool is full the task is dropped, so it must be one whose work something else does anyway.
     */
    ScheduledFuture<?> later(Duration delay, Runnable task) {
        return deadlines.schedule(() -> {
            try {
                calls.execute(task);
            } catch (RejectedExecutionException e) {
                // dropped, as documented
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Calls a connector, waiting no later than {@code deadline} (plus the grace); a late call is interrupted and abandoned. */
    public <T> T call(Callable<T> work, Instant deadline) throws TimeoutException, ExecutionException {
        return await(calls.submit(work), deadline);
    }

    /**
     * Calls a connector from a background run, on the run's own thread: a run waiting on an
     * institution is one parked thread, not two (at 10,000 waiting runs that is half the stacks).
     * The call gets {@code timeout} from the moment it starts, and {@code work} is given that
     * deadline. At the deadline plus the grace the run's thread is interrupted and the answer, if
     * one still comes, is thrown away. A connector that ignores the interrupt keeps its thread, but
     * not the user: one grace later {@code whenStuck} runs on a thread of its own (it should fail
     * the link as the {@link TimeoutException} would), and the run ends with that exception
     * whenever the connector lets go.
     */
    public <T> T callWithin(Duration timeout, Function<Instant, T> work, Runnable whenStuck)
            throws TimeoutException, ExecutionException {
        Instant deadline = Instant.now().plus(timeout);
        Watched watched = new Watched(Thread.currentThread());
        // in nanoseconds: whole milliseconds would round the wait down and interrupt up to 1 ms early
        ScheduledFuture<?> watchdog = deadlines.schedule(() -> abandon(watched, whenStuck),
                Duration.between(Instant.now(), deadline.plus(grace)).toNanos(), TimeUnit.NANOSECONDS);
        try {
            T answer = work.apply(deadline);
            if (watched.answered()) {
                return answer;
            }
        } catch (RuntimeException e) {
            if (watched.answered()) {
                throw new ExecutionException(e);
            }
        } finally {
            watchdog.cancel(false);
        }
        throw new TimeoutException("the connector did not answer by its deadline");
    }

    /** The watchdog: interrupts a call still running, and one grace later reports it if the connector has not let go. */
    private void abandon(Watched watched, Runnable whenStuck) {
        if (watched.abandon()) {
            deadlines.schedule(() -> {
                if (watched.stillInTheConnector()) {
                    calls.execute(whenStuck);
                }
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A call in progress on a run's thread. The watchdog and the run agree under one lock on
     * whether the call was abandoned, so the watchdog's interrupt lands only inside the call, and
     * the run clears it before it goes on to record the timeout.
     */
    private static final class Watched {
        private enum State { CALLING, ANSWERED, ABANDONED, LET_GO }

        private final Thread thread;
        private State state = State.CALLING;

        Watched(Thread thread) {
            this.thread = thread;
        }

        /** The watchdog's turn: true if the call was still running and has now been interrupted. */
        synchronized boolean abandon() {
            if (state != State.CALLING) {
                return false;
            }
            state = State.ABANDONED;
            thread.interrupt();
            return true;
        }

        synchronized boolean stillInTheConnector() {
            return state == State.ABANDONED;
        }

        /** The run's turn, once the connector returns: true if its answer counts. */
        synchronized boolean answered() {
            if (state == State.CALLING) {
                state = State.ANSWERED;
                return true;
            }
            state = State.LET_GO;
            Thread.interrupted();
            return false;
        }
    }

    private <T> T await(Future<T> future, Instant deadline) throws TimeoutException, ExecutionException {
        long waitNanos = Math.max(1, Duration.between(Instant.now(), deadline.plus(grace)).toNanos());
        try {
            return future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the connector");
        }
    }

    @Override
    public void destroy() {
        runs.shutdownNow();
        deadlines.shutdownNow();
        calls.shutdownNow();
    }

    private static ExecutorService executor(String prefix, int threads) {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = task -> {
                Thread thread = new Thread(task, prefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(10_000), factory);
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
