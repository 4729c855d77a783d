package io.linkport.webhooks;

import io.linkport.common.Ids;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs in every node. One loop thread finds due deliveries and claims a batch of them in one
 * transaction, each row with a lease — a conditional UPDATE that only one node can win, on H2 and
 * PostgreSQL alike — then hands each to a worker (virtual threads on JDK 21+, a bounded pool on 17). A claimed row is invisible to other
 * nodes until its lease expires, which happens only if this node dies mid-attempt: then another
 * node (or this one, restarted) sends it again with the same {@code webhook-id}. In-flight work
 * is capped per node (until the outcome is recorded) and per destination (until the receiver
 * has answered); a saturated destination's rows are left for later
 * (or for other nodes) instead of blocking everyone else's. The loop polls every
 * {@code poll-interval} when idle and is woken at once by a local commit or a finished attempt.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final JdbcDeliveryRepository deliveries;
    private final JdbcWebhookEndpointRepository endpoints;
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

    WebhookDispatcher(JdbcDeliveryRepository deliveries, JdbcWebhookEndpointRepository endpoints, DeliveryWorker worker,
                      WebhookProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
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

    /**
     * One round: reads due candidates, keeps those the per-node and per-destination caps allow,
     * claims them all in one transaction, reads their endpoints in one query, and starts one worker
     * per delivery won. True when the round filled its batch, so there may be more due right now.
     */
    boolean dispatchOnce() {
        int free = slots.availablePermits();
        if (free == 0) {
            return false;
        }
        Instant now = clock.instant();
        int limit = Math.min(free, properties.batchSize());
        List<WebhookDelivery> due = deliveries.due(now, saturated(), limit);
        List<WebhookDelivery> chosen = withinCaps(due, free);
        if (chosen.isEmpty() || !running) {
            return false;
        }
        // Only this thread acquires slots and workers only release them, so the permits are there.
        slots.acquireUninterruptibly(chosen.size());
        chosen.forEach(d -> counter(d).incrementAndGet());
        List<WebhookDelivery> won;
        try {
            won = deliveries.claimAll(chosen, node, now.plus(properties.leaseDuration()), now);
        } catch (RuntimeException e) {
            chosen.forEach(this::release);
            throw e;
        }
        Set<WebhookDelivery> lost = new HashSet<>(chosen);
        won.forEach(lost::remove);
        lost.forEach(this::release);
        Map<String, WebhookEndpoint> endpoints;
        try {
            endpoints = this.endpoints.findByIds(won.stream().map(WebhookDelivery::endpointId).filter(id -> id != null)
                    .collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            // the leases expire and the attempts are made again; nothing is lost
            won.forEach(this::release);
            throw e;
        }
        for (WebhookDelivery delivery : won) {
            Optional<WebhookEndpoint> endpoint = Optional.ofNullable(delivery.endpointId()).map(endpoints::get);
            AtomicBoolean destinationFreed = new AtomicBoolean();
            // The destination's cap counts requests the receiver is handling: once it has answered,
            // its slot goes to the next delivery while this one's outcome is being recorded.
            Runnable freeDestination = () -> {
                if (destinationFreed.compareAndSet(false, true)) {
                    counter(delivery).decrementAndGet();
                    wake();
                }
            };
            executor.execute(() -> {
                try {
                    worker.deliver(delivery, endpoint, node, freeDestination);
                } catch (RuntimeException e) {
                    // the lease expires and the attempt is made again; nothing is lost
                    log.warn("Webhook delivery {} failed unexpectedly", delivery.id(), e);
                } finally {
                    freeDestination.run();
                    slots.release();
                    wake();
                }
            });
        }
        return !won.isEmpty() && due.size() == limit && slots.availablePermits() > 0;
    }

    /** The candidates, in order, that fit in the free slots and under each destination's cap. */
    private List<WebhookDelivery> withinCaps(List<WebhookDelivery> due, int free) {
        List<WebhookDelivery> chosen = new ArrayList<>();
        Map<String, Integer> added = new HashMap<>();
        for (WebhookDelivery delivery : due) {
            if (chosen.size() == free) {
                break;
            }
            String key = delivery.destinationKey();
            AtomicInteger current = inFlight.get(key);
            int planned = (current == null ? 0 : current.get()) + added.getOrDefault(key, 0);
            if (planned < properties.perEndpointConcurrency()) {
                added.merge(key, 1, Integer::sum);
                chosen.add(delivery);
            }
        }
        return chosen;
    }

    private AtomicInteger counter(WebhookDelivery delivery) {
        return inFlight.computeIfAbsent(delivery.destinationKey(), key -> new AtomicInteger());
    }

    private void release(WebhookDelivery delivery) {
        counter(delivery).decrementAndGet();
        slots.release();
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
