package io.linkport.common;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One full collection right after start-up. Starting the context leaves a heap of garbage (parsed
 * configuration classes, bean metadata, migration scripts: about 600 MiB committed for 40 MiB
 * live on a machine with plenty of memory), and an idle JVM keeps it resident until load makes it
 * collect. Collecting once, off the main thread and after readiness, gives it back to the
 * operating system: idle RSS falls by about 80-100 MiB. The pause (about 140 ms on a 2-core VM)
 * happens once, before traffic has usually arrived. {@code linkport.compact-heap-after-startup=false}
 * turns it off (read at readiness, not as a bean condition: the fast start's Spring AOT settles
 * conditions at build time).
 */
@Component
class HeapAfterStartup {

    private static final Logger log = LoggerFactory.getLogger(HeapAfterStartup.class);

    private final Environment environment;

    HeapAfterStartup(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void compact() {
        if (!environment.getProperty("linkport.compact-heap-after-startup", Boolean.class, true)) {
            return;
        }
        Thread thread = new Thread(HeapAfterStartup::collect, "heap-after-startup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void collect() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getCommitted();
        long started = System.nanoTime();
        System.gc();
        long after = memory.getHeapMemoryUsage().getCommitted();
        log.info("Start-up garbage collected in {} ms: heap committed {} MiB -> {} MiB ({} MiB in use)",
                (System.nanoTime() - started) / 1_000_000, before >> 20, after >> 20,
                memory.getHeapMemoryUsage().getUsed() >> 20);
    }
}
