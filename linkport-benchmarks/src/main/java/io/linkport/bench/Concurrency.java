package io.linkport.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Virtual threads on JDK 21+ (found by reflection: the module compiles for 17), a fixed pool before. */
final class Concurrency {

    private Concurrency() {
    }

    static boolean virtualThreads() {
        return Runtime.version().feature() >= 21;
    }

    /** One virtual thread per task on JDK 21+ (as many at once as are submitted), else {@code platformThreads}. */
    static ExecutorService executor(String prefix, int platformThreads) {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return bounded(prefix, platformThreads);
        }
    }

    /** Exactly {@code threads} at once on every JDK: for load whose concurrency is part of the scenario. */
    static ExecutorService bounded(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
