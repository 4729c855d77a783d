package io.linkport.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
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
 * Where sessions run: off the request thread, each connector call on its own thread with a hard
 * deadline. Saved logins (live /Authorize, the nightly refresh) call connectors through the same
 * {@link #call}, so no caller ever waits on an institution past its deadline. On JDK 21+ both pools are virtual-thread-per-task executors (found by reflection, so
 * the server still builds and runs on 17); on 17 they are bounded platform-thread pools of
 * {@code linkport.sessions.platform-threads} runs (default 512) and as many connector calls plus
 * some for calls made outside a run. A run waiting on an institution is a parked thread, not CPU:
 * 512 of them cost about as much memory as Tomcat's 200 request threads, where the former 64
 * left a queue of runs waiting for a thread while the institution sat idle.
 */
@Component
public class ConnectorCalls implements DisposableBean {

    /** Calls made outside a run (beginning an OAuth authorization) share the calls pool. */
    private static final int CALLS_OUTSIDE_RUNS = 64;

    private final ExecutorService runs;
    private final ExecutorService calls;
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
    }

    /** Runs a session step (login, MFA, operations) in the background. */
    void run(Runnable task) {
        runs.execute(task);
    }

    /** Calls a connector, waiting no later than {@code deadline} (plus the grace); a late call is interrupted and abandoned. */
    public <T> T call(Callable<T> work, Instant deadline) throws TimeoutException, ExecutionException {
        return await(calls.submit(work), deadline);
    }

    /**
     * Calls a connector for a background run, giving it {@code timeout} from the moment the call
     * starts on its own thread: time spent queued behind Linkport's own work (a burst of runs
     * finishing at once, a full pool on JDK 17) is not charged to the institution. The queue may
     * take at most another {@code timeout}. {@code work} is given the call's deadline.
     */
    public <T> T callWithin(Duration timeout, Function<Instant, T> work) throws TimeoutException, ExecutionException {
        CompletableFuture<Instant> started = new CompletableFuture<>();
        Future<T> future = calls.submit(() -> {
            Instant deadline = Instant.now().plus(timeout);
            started.complete(deadline);
            return work.apply(deadline);
        });
        Instant deadline;
        try {
            deadline = started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException("the connector call did not start within " + timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the connector");
        }
        return await(future, deadline);
    }

    private <T> T await(Future<T> future, Instant deadline) throws TimeoutException, ExecutionException {
        long waitMillis = Math.max(1, Duration.between(Instant.now(), deadline.plus(grace)).toMillis());
        try {
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
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
