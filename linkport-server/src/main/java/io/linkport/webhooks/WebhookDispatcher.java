package io.linkport.webhooks;

import io.linkport.common.Ids;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
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
 * node (or this one, restarted) sends it again with the same {@code webhook-id}. Rows this node's
 * own transactions write are usually leased to it as they are written ({@link #reserve}) and
 * handed over after the commit, skipping the query and the claim; the lease works the same.
 * <p>
 * Per destination, at most {@code per-endpoint-concurrency} requests are in flight, and as many
 * more deliveries may be claimed and waiting their turn: when the receiver answers one request,
 * its next delivery goes out at once instead of after another claim round (a round is two
 * queries and a commit, longer than a loopback request). A waiting delivery is sent only while its
 * lease still covers a whole request; otherwise, and on a graceful stop, the claim is given back
 * so any node can send it at once. Per node, {@code max-concurrency} deliveries may be claimed and
 * not yet recorded; a saturated destination's rows are left for later (or for other nodes)
 * instead of blocking everyone else's. The loop polls every {@code poll-interval} when idle and is
 * woken at once by a local commit or a finished attempt.
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
    /** Set by {@link #wake()}: the next round looks for due deliveries, not only at those handed over. */
    private final AtomicBoolean lookForDue = new AtomicBoolean(true);
    /** Deliveries this node leased as their rows were written, committed and not yet taken by the loop. */
    private final ConcurrentLinkedQueue<Claimed> handedOver = new ConcurrentLinkedQueue<>();
    private final Semaphore slots;
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private volatile boolean running;
    /**
     * Whether the last round left due deliveries behind (no free slot, a destination at its cap, a
     * full batch): only then does a finished attempt wake the loop for another round. Waking after
     * every attempt cost a query for due deliveries per delivery, nearly always finding none.
     */
    private volatile boolean heldBack;
    private Thread loop;
    private ExecutorService executor;

    /**
     * A delivery this node has claimed (or wrote leased to itself), its endpoint as read with the
     * claim (or in the transaction that wrote it), and when its lease ends.
     */
    record Claimed(WebhookDelivery delivery, Optional<WebhookEndpoint> endpoint, Instant leaseUntil) {
    }

    /** One destination's deliveries on this node; changed only inside {@code destinations.compute}. */
    private static final class Destination {
        private final ArrayDeque<Claimed> waiting = new ArrayDeque<>();
        private int sending;
        /** Slots reserved for rows being written leased to this node, not yet handed over. */
        private int reserved;
        // readable without the map's lock: a stale value only delays a claim or a gauge
        private volatile int sendingNow;
        private volatile int waitingNow;
        private volatile int held;

        private Destination update() {
            sendingNow = sending;
            waitingNow = waiting.size();
            held = sending + waiting.size() + reserved;
            return held == 0 ? null : this;
        }
    }

    WebhookDispatcher(JdbcDeliveryRepository deliveries, JdbcWebhookEndpointRepository endpoints, DeliveryWorker worker,
                      WebhookProperties properties, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.maxConcurrency());
        String name = ManagementFactory.getRuntimeMXBean().getName();
        this.node = (name.length() > 40 ? name.substring(0, 40) : name) + "/" + Ids.hex128().substring(0, 8);
        Gauge.builder("linkport.webhooks.sending", this, d -> d.sum(x -> x.sendingNow))
                .description("Webhook requests this node has in flight").register(meters);
        Gauge.builder("linkport.webhooks.waiting", this, d -> d.sum(x -> x.waitingNow))
                .description("Webhook deliveries this node has claimed, waiting for a turn at their destination").register(meters);
    }

    private double sum(ToIntFunction<Destination> count) {
        return destinations.values().stream().mapToInt(count).sum();
    }

    /** Look for due deliveries now rather than at the next poll. */
    void wake() {
        lookForDue.set(true);
        signal();
    }

    private void signal() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /**
     * Takes a slot for a delivery about to be written in the current transaction, so that its row
     * can be written already leased to this node ({@link WebhookOutbox}) and sent right after the
     * commit, without a query for due deliveries and a claim: the two round trips and the commit a
     * delivery otherwise costs before its request. False when this node has no free slot, or the
     * destination has its share claimed already: then the row is written unleased, for any node.
     */
    boolean reserve(String destinationKey) {
        if (!running || !slots.tryAcquire()) {
            return false;
        }
        boolean[] reserved = new boolean[1];
        destinations.compute(destinationKey, (key, destination) -> {
            Destination d = destination == null ? new Destination() : destination;
            if (d.held < 2 * properties.perEndpointConcurrency()) {
                d.reserved++;
                reserved[0] = true;
            }
            return d.update();
        });
        if (!reserved[0]) {
            slots.release();
        }
        return reserved[0];
    }

    /** Reservations for rows that were not written after all (their transaction rolled back). */
    void release(List<WebhookDelivery> reserved) {
        reserved.forEach(delivery -> unreserve(delivery.destinationKey()));
        slots.release(reserved.size());
    }

    /** Hand-overs that will not be sent here: their destinations stop counting them (their slots go with giveBack). */
    private void unreserve(List<Claimed> handed) {
        handed.forEach(claimed -> unreserve(claimed.delivery().destinationKey()));
    }

    private void unreserve(String destinationKey) {
        destinations.compute(destinationKey, (key, d) -> {
            d.reserved--;
            return d.update();
        });
    }

    private List<Claimed> takeHandedOver() {
        List<Claimed> taken = new ArrayList<>();
        for (Claimed next = handedOver.poll(); next != null; next = handedOver.poll()) {
            taken.add(next);
        }
        return taken;
    }

    /** Deliveries whose rows committed leased to this node, with a slot each: sent next. */
    void handOver(List<Claimed> committed) {
        handedOver.addAll(committed);
        signal();
    }

    Instant leaseFrom(Instant now) {
        return now.plus(properties.leaseDuration());
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
        try {
            loop.join(2000);
            List<Claimed> waiting = takeAllWaiting();
            List<Claimed> handed = takeHandedOver();
            unreserve(handed);
            waiting.addAll(handed);
            if (giveBack(waiting)) {
                log.info("Webhook dispatcher stopping: gave back {} claimed deliveries it had not sent", waiting.size());
            }
            executor.shutdown();
            if (!executor.awaitTermination(properties.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
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
        long pollNanos = properties.pollInterval().toNanos();
        long lookedAt = System.nanoTime();
        while (running) {
            boolean more = false;
            try {
                sendHandedOver();
                // The poll (rows of other nodes, retries come due) also while hand-overs keep the loop busy.
                if (lookForDue.getAndSet(false) || System.nanoTime() - lookedAt >= pollNanos) {
                    lookedAt = System.nanoTime();
                    more = dispatchOnce();
                }
            } catch (RuntimeException e) {
                log.warn("Webhook dispatch round failed; retrying after the poll interval", e);
            }
            if (more) {
                lookForDue.set(true);
            } else {
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

    /** Sends what was handed over since the last round, signed with the endpoints read as their rows were written. */
    private void sendHandedOver() {
        List<Claimed> taken = takeHandedOver();
        if (taken.isEmpty()) {
            return;
        }
        if (!running) {
            unreserve(taken);
            giveBack(taken);
            return;
        }
        for (Claimed handed : taken) {
            if (sendNowOrWait(handed, true)) {
                send(handed);
            }
        }
    }

    /**
     * One round: reads due candidates, keeps those the per-node and per-destination caps allow,
     * claims them all in one transaction, reads their endpoints in one query, and sends each
     * delivery won (or queues it behind its destination's requests in flight). True when the
     * round filled its batch, so there may be more due right now.
     */
    boolean dispatchOnce() {
        int free = slots.availablePermits();
        if (free == 0) {
            heldBack = true;
            return false;
        }
        Instant now = clock.instant();
        int limit = Math.min(free, properties.batchSize());
        Set<String> saturated = saturated();
        List<WebhookDelivery> due = deliveries.due(now, saturated, limit);
        List<WebhookDelivery> chosen = withinCaps(due, free);
        heldBack = !saturated.isEmpty() || chosen.size() < due.size() || due.size() == limit;
        if (chosen.isEmpty() || !running) {
            return false;
        }
        // Reservations for rows being written leased (reserve) may have taken the slots counted
        // above meanwhile. Never wait for them here: their rows are sent by this thread.
        if (!slots.tryAcquire(chosen.size())) {
            heldBack = true;
            return false;
        }
        Instant leaseUntil = leaseFrom(now);
        List<WebhookDelivery> won;
        try {
            won = deliveries.claimAll(chosen, node, leaseUntil, now);
        } catch (RuntimeException e) {
            slots.release(chosen.size());
            throw e;
        }
        slots.release(chosen.size() - won.size());
        Map<String, WebhookEndpoint> endpoints;
        try {
            endpoints = this.endpoints.findByIds(won.stream().map(WebhookDelivery::endpointId).filter(id -> id != null)
                    .collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            // the leases expire and the attempts are made again; nothing is lost
            slots.release(won.size());
            throw e;
        }
        for (WebhookDelivery delivery : won) {
            Claimed claimed = new Claimed(delivery, Optional.ofNullable(delivery.endpointId()).map(endpoints::get), leaseUntil);
            if (sendNowOrWait(claimed)) {
                send(claimed);
            }
        }
        return !won.isEmpty() && due.size() == limit && slots.availablePermits() > 0;
    }

    /** True when the destination has room for another request now; otherwise the delivery waits its turn. */
    private boolean sendNowOrWait(Claimed claimed) {
        return sendNowOrWait(claimed, false);
    }

    /** As {@link #sendNowOrWait(Claimed)}; {@code wasReserved}: the delivery takes the place its reservation held. */
    private boolean sendNowOrWait(Claimed claimed, boolean wasReserved) {
        boolean[] now = new boolean[1];
        destinations.compute(claimed.delivery().destinationKey(), (key, destination) -> {
            Destination d = destination == null ? new Destination() : destination;
            if (wasReserved) {
                d.reserved--;
            }
            if (d.sending < properties.perEndpointConcurrency()) {
                d.sending++;
                now[0] = true;
            } else {
                d.waiting.add(claimed);
            }
            return d.update();
        });
        return now[0];
    }

    private void send(Claimed claimed) {
        AtomicBoolean answered = new AtomicBoolean();
        // The destination's cap counts requests the receiver is handling: once it has answered,
        // its turn goes to the next delivery while this one's outcome is being recorded.
        Runnable nextTurn = () -> {
            if (answered.compareAndSet(false, true)) {
                nextTurn(claimed.delivery().destinationKey());
            }
        };
        try {
            executor.execute(() -> {
                try {
                    worker.deliver(claimed.delivery(), claimed.endpoint(), node, nextTurn);
                } catch (RuntimeException e) {
                    // the lease expires and the attempt is made again; nothing is lost
                    log.warn("Webhook delivery {} failed unexpectedly", claimed.delivery().id(), e);
                } finally {
                    nextTurn.run();
                    slots.release();
                    if (heldBack) {
                        wake();
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            nextTurn.run();
            giveBack(List.of(claimed));
        }
    }

    /**
     * A request to this destination has been answered: its next waiting delivery goes out, if its
     * lease still covers a whole request; those whose leases do not are given back.
     */
    private void nextTurn(String destinationKey) {
        Instant sendableUntil = clock.instant().plus(properties.requestTimeout()).plusSeconds(1);
        List<Claimed> tooLate = new ArrayList<>();
        Claimed[] next = new Claimed[1];
        destinations.compute(destinationKey, (key, d) -> {
            d.sending--;
            while (running && next[0] == null && !d.waiting.isEmpty()) {
                Claimed candidate = d.waiting.poll();
                if (candidate.leaseUntil().isAfter(sendableUntil)) {
                    d.sending++;
                    next[0] = candidate;
                } else {
                    tooLate.add(candidate);
                }
            }
            return d.update();
        });
        if (next[0] != null) {
            send(next[0]);
        }
        if (!tooLate.isEmpty()) {
            giveBack(tooLate);
            wake();
        }
    }

    private List<Claimed> takeAllWaiting() {
        List<Claimed> all = new ArrayList<>();
        for (String key : List.copyOf(destinations.keySet())) {
            destinations.computeIfPresent(key, (k, d) -> {
                all.addAll(d.waiting);
                d.waiting.clear();
                return d.update();
            });
        }
        return all;
    }

    /** Claims this node will not send: due again at once for every node instead of when their leases end. */
    private boolean giveBack(List<Claimed> claimed) {
        if (claimed.isEmpty()) {
            return true;
        }
        try {
            deliveries.unclaimAll(claimed.stream().map(Claimed::delivery).toList(), node);
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not give back {} webhook deliveries; they are sent once their leases expire", claimed.size(), e);
            return false;
        } finally {
            slots.release(claimed.size());
        }
    }

    /** The candidates, in order, that fit in the free slots and under each destination's cap (in flight + waiting). */
    private List<WebhookDelivery> withinCaps(List<WebhookDelivery> due, int free) {
        List<WebhookDelivery> chosen = new ArrayList<>();
        Map<String, Integer> added = new HashMap<>();
        for (WebhookDelivery delivery : due) {
            if (chosen.size() == free) {
                break;
            }
            String key = delivery.destinationKey();
            if (held(key) + added.getOrDefault(key, 0) < 2 * properties.perEndpointConcurrency()) {
                added.merge(key, 1, Integer::sum);
                chosen.add(delivery);
            }
        }
        return chosen;
    }

    private int held(String destinationKey) {
        Destination d = destinations.get(destinationKey);
        return d == null ? 0 : d.held;
    }

    private Set<String> saturated() {
        Set<String> saturated = new HashSet<>();
        destinations.forEach((key, d) -> {
            if (d.held >= 2 * properties.perEndpointConcurrency() && !key.startsWith("url:")) {
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
