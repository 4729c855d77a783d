package io.linkport.webhooks;

import io.linkport.common.Ids;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs in every node. One loop thread finds due deliveries and claims each with a lease — a
 * conditional UPDATE that only one node can win, on H2 and PostgreSQL alike — then hands it to a
 * worker (virtual threads on JDK 21+, a bounded pool on 17). A claimed row is invisible to other
 * nodes until its lease expires, which happens only if this node dies mid-attempt: then another
 * node (or this one, restarted) sends it again with the same {@code webhook-id}. In-flight work
 * is capped per node and per destination; a saturated destination's rows are left for later
 * (or for other nodes) instead of blocking everyone else's. The loop polls every
 * {@code poll-interval} when idle and is woken at once by a local commit or a finished attempt.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final JdbcDeliveryRepository deliveries;
    private final DeliveryWorker worker;
    private final WebhookProperties properties;
    private final Clock clock;
    private final String node;
    private final Semaphore wakeups = new Semaphore(0);
    private final Semaphore slots;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread loop;
    private ExecutorService executor;

    WebhookDispatcher(JdbcDeliveryRepository deliveries, DeliveryWorker worker, WebhookProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.maxConcurrency());
        String name = ManagementFactory.getRuntimeMXBean().getName();
        this.node = (name.length() > 40 ? name.substring(0, 40) : name) + "/" + Ids.hex128().substring(0, 8);
    }

    /** Look for due deliveries now rather than at the next poll. */
    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    String node() {
        return node;
    }

    @Override
    public void start() {
        executor = newExecutor(properties.maxConcurrency());
        running = true;
        loop = new Thread(this::run, "webhook-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(properties.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            boolean more = false;
            try {
                more = dispatchOnce();
            } catch (RuntimeException e) {
                log.warn("Webhook dispatch round failed; retrying after the poll interval", e);
            }
            if (!more) {
                try {
                    wakeups.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round; true when it filled every free slot, so there may be more due right now. */
    boolean dispatchOnce() {
        int free = slots.availablePermits();
        if (free == 0) {
            return false;
        }
        Instant now = clock.instant();
        List<WebhookDelivery> due = deliveries.due(now, saturated(), Math.min(free, properties.batchSize()));
        int started = 0;
        for (WebhookDelivery delivery : due) {
            if (!running || !slots.tryAcquire()) {
                break;
            }
            AtomicInteger perDestination = inFlight.computeIfAbsent(delivery.destinationKey(), key -> new AtomicInteger());
            if (perDestination.incrementAndGet() > properties.perEndpointConcurrency()
                    || !deliveries.claim(delivery, node, now.plus(properties.leaseDuration()), now)) {
                perDestination.decrementAndGet();
                slots.release();
                continue;
            }
            started++;
            executor.execute(() -> {
                try {
                    worker.deliver(delivery, node);
                } catch (RuntimeException e) {
                    // the lease expires and the attempt is made again; nothing is lost
                    log.warn("Webhook delivery {} failed unexpectedly", delivery.id(), e);
                } finally {
                    perDestination.decrementAndGet();
                    slots.release();
                    wake();
                }
            });
        }
        return started > 0 && started == due.size() && slots.availablePermits() > 0;
    }

    private Set<String> saturated() {
        Set<String> saturated = new HashSet<>();
        inFlight.forEach((key, count) -> {
            if (count.get() >= properties.perEndpointConcurrency() && !key.startsWith("url:")) {
                saturated.add(key);
            }
        });
        return saturated;
    }

    /** Virtual threads where the JDK has them (21+); otherwise a fixed pool of platform threads. */
    private static ExecutorService newExecutor(int size) {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException notOnThisJdk) {
            AtomicInteger count = new AtomicInteger();
            return Executors.newFixedThreadPool(size, runnable -> {
                Thread thread = new Thread(runnable, "webhook-delivery-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
