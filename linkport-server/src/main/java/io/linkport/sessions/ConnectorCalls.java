package io.linkport.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where sessions run: off the request thread, each connector call on its own thread with a hard
 * deadline. On JDK 21+ both pools are virtual-thread-per-task executors (found by reflection, so
 * the server still builds and runs on 17); on 17 they are bounded platform-thread pools.
 */
@Component
class ConnectorCalls implements DisposableBean {

    private final ExecutorService runs = executor("linkport-run-", 64);
    private final ExecutorService calls = executor("linkport-connector-", 128);

    /** Runs a session step (login, MFA, operations) in the background. */
    void run(Runnable task) {
        runs.execute(task);
    }

    /** Calls a connector, waiting no later than {@code deadline}; a late call is interrupted and abandoned. */
    <T> T call(Callable<T> work, Instant deadline) throws TimeoutException, ExecutionException {
        Future<T> future = calls.submit(work);
        long waitMillis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
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
