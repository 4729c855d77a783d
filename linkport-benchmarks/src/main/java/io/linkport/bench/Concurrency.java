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

    static ExecutorService executor(String prefix, int platformThreads) {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            AtomicInteger count = new AtomicInteger();
            return Executors.newFixedThreadPool(platformThreads, task -> {
                Thread thread = new Thread(task, prefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
