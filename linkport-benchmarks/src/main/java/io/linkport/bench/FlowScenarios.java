package io.linkport.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;

/**
 * Multi-step scenarios that a single-request load tool cannot express, driven by a pooled
 * keep-alive HTTP/1.1 client ({@link ApiClient}) from {@code connections} concurrent workers:
 * a whole sandbox link run ending with its LINK_COMPLETED webhook, webhook deliveries to a
 * loopback receiver, a backlog of deliveries drained by the dispatcher, and sessions parked on
 * the slow sandbox institution.
 */
final class FlowScenarios {

    static final String SLOW_LINK_BODY = """
            {"integrationId":"sandbox_slow_bank","operations":[{"resource":"accounts","action":"read"}]}""";
    static final String CREDENTIALS = """
            {"credentials":{"username":"user_good","password":"pass_good"}}""";
    /**
     * webhook_drain's backlog, as benchmarks/drain/drain.sh writes it: N pending copies of each of
     * the four delivered test deliveries, in one statement. Copy g of the n-th delivery gets the
     * event id {@code <prefix>n-g} (sent as the webhook-id header), so the receiver can tell the
     * copies apart and see a copy sent twice.
     */
    static final String DRAIN_BACKLOG = """
            INSERT INTO webhook_deliveries (id, tenant_id, mode, event_id, event_type, endpoint_id, url, payload, status,
                                            attempt_count, next_attempt_at, created_at)
            SELECT 'whd_' || ? || d.n || '-' || g, d.tenant_id, d.mode, ? || d.n || '-' || g, d.event_type, d.endpoint_id,
                   d.url, d.payload, 'pending', 0, now(), now()
            FROM (SELECT o.*, row_number() OVER (ORDER BY o.event_id) AS n
                  FROM webhook_deliveries o WHERE o.event_id IN (?, ?, ?, ?)) d,
                 generate_series(1, ?) g""";
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private final ServerUnderTest server;
    private final Database database;
    private final BenchmarkMain.Options options;
    private final InsertCeiling insertCeiling;
    private final double noopRate;
    private final ApiClient api;
    /** Which sandbox person the next link run logs in as. */
    private final AtomicLong nextPerson = new AtomicLong();

    FlowScenarios(ServerUnderTest server, Database database, BenchmarkMain.Options options, InsertCeiling insertCeiling, double noopRate) {
        this.server = server;
        this.database = database;
        this.options = options;
        this.insertCeiling = insertCeiling;
        this.noopRate = noopRate;
        this.api = new ApiClient(server);
    }

    List<ScenarioResult> runAll() throws Exception {
        List<ScenarioResult> results = new ArrayList<>();
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            if (options.selected("webhook_delivery")) {
                results.addAll(webhookDeliveries(receiver));
            }
            if (options.selected("webhook_drain")) {
                results.add(webhookDrain());
            }
            api.post("/v1/webhook_endpoints", "{\"url\":\"" + receiver.url("/links")
                    + "\",\"eventTypes\":[\"LINK_COMPLETED\",\"LINK_FAILED\"]}");
            if (options.selected("link_run")) {
                results.add(linkRuns(receiver));
            }
            if (options.selected("slow_sessions")) {
                results.add(slowSessions(receiver));
            }
        }
        return results;
    }

    /**
     * A run logs in as one of {@code --run-people} sandbox people (user_good_0, user_good_1, …; 1,000
     * unless told), in turn. Seed 002's second operation updates the person's payment method, which
     * the sandbox keeps per person: with one person for every run (as before round 13, and as
     * {@code --run-people 1} still does) all runs queued on that one row, which no tenant's traffic,
     * of many end users each linking now and then, does. 1,000 stays within the sandbox's memory of
     * generated people (4,096), as a tester's handful of usernames does.
     */
    private String personCredentials() {
        long person = nextPerson.getAndIncrement() % options.runPeople();
        return options.runPeople() == 1 ? CREDENTIALS : """
                {"credentials":{"username":"user_good_%d","password":"pass_good"}}""".formatted(person);
    }

    /** Create → claim → consent → credentials → LINK_COMPLETED at the receiver. */
    private ScenarioResult linkRuns(LoopbackReceiver receiver) throws Exception {
        return insertCeiling.around(() -> WarmUp.run("link_run", options, server,
                duration -> closedLoop(duration, () -> linkRun(receiver, new RunSteps()))), warmUp -> {
            Sampler sampler = new Sampler(server, database);
            RunSteps steps = new RunSteps();
            Measurement m = closedLoop(options.duration(), () -> linkRun(receiver, steps));
            return sampler.result("link_run", database.name(), m, null, 0,
                    "one run = 4 requests + the run (login, 2 operations) + the LINK_COMPLETED delivery; latency is the whole run; "
                            + "sandbox people: " + options.runPeople() + "; mean per step: " + steps, warmUp);
        });
    }

    /** Where a run's time goes, as the client sees it: mean milliseconds per step. */
    private static final class RunSteps {
        private static final String[] NAMES = {"link", "session", "consent", "credentials", "run to webhook"};
        private final LongAdder[] nanos = new LongAdder[NAMES.length];
        private final LongAdder runs = new LongAdder();

        RunSteps() {
            Arrays.setAll(nanos, i -> new LongAdder());
        }

        /** Records step {@code i} as ending now, given when it started; returns now. */
        long lap(int i, long startedNs) {
            long now = System.nanoTime();
            nanos[i].add(now - startedNs);
            return now;
        }

        void completed() {
            runs.increment();
        }

        @Override
        public String toString() {
            long n = Math.max(1, runs.sum());
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < NAMES.length; i++) {
                out.append(i == 0 ? "" : ", ").append(NAMES[i]).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f ms", nanos[i].sum() / 1e6 / n));
            }
            return out.toString();
        }
    }

    private void linkRun(LoopbackReceiver receiver, RunSteps steps) throws Exception {
        long t = System.nanoTime();
        JsonNode link = api.post("/v1/links", Scenarios.SEED_002_LINK_BODY);
        String linkId = link.get("linkId").asString();
        CompletableFuture<LoopbackReceiver.Arrival> delivered = receiver.expect(linkId);
        t = steps.lap(0, t);
        String token = api.post("/v1/sessions", "{\"claimCode\":\"" + link.get("claimCode").asString() + "\"}")
                .get("sessionToken").asString();
        t = steps.lap(1, t);
        api.postSession("/v1/session/consent", token, "{}");
        t = steps.lap(2, t);
        api.postSession("/v1/session/credentials", token, personCredentials());
        t = steps.lap(3, t);
        // The run goes on in the server; its end is the LINK_COMPLETED (or LINK_FAILED) delivery. A
        // widget would also poll GET /v1/session every 300 ms; a closed-loop driver that polls measures
        // its own poll interval (and a 20 ms loop cost the server more than the run itself).
        LoopbackReceiver.Arrival arrival = delivered.get(30, TimeUnit.SECONDS);
        steps.lap(4, t);
        steps.completed();
        receiver.forget(linkId);
        if (!"LINK_COMPLETED".equals(arrival.type())) {
            throw new IOException("link " + linkId + " delivered " + arrival.type());
        }
    }

    /**
     * WEBHOOK_TEST events (the endpoint's test button: the same outbox and dispatcher as every
     * event) to four loopback endpoints: first one at a time (commit-to-delivery when idle), then
     * from every worker at once (deliveries/s, first request to last arrival).
     */
    private List<ScenarioResult> webhookDeliveries(LoopbackReceiver receiver) throws Exception {
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            endpoints.add(api.post("/v1/webhook_endpoints", "{\"url\":\"" + receiver.url("/test/" + i)
                    + "\",\"eventTypes\":[\"WEBHOOK_TEST\"]}").get("id").asString());
        }
        AtomicLong next = new AtomicLong();
        List<SentEvent> warm = Collections.synchronizedList(new ArrayList<>());
        // the slices' rate is events accepted; the deliveries run behind and are awaited before measuring
        WarmUp warmUp = WarmUp.run("webhook_delivery", options, server, duration -> closedLoop(duration,
                () -> warm.add(testEvent(receiver, endpoints.get((int) (next.getAndIncrement() % 4))))));
        CompletableFuture.allOf(warm.stream().map(SentEvent::arrival).toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

        int idleEvents = options.smoke() ? 20 : 200;
        long[] idle = new long[idleEvents];
        long idleStarted = System.nanoTime();
        for (int i = 0; i < idleEvents; i++) {
            SentEvent sent = testEvent(receiver, endpoints.get(0));
            idle[i] = sent.latencyNs(sent.arrival().get(30, TimeUnit.SECONDS));
        }
        Measurement idleM = measurement(idle, (System.nanoTime() - idleStarted) / 1e9, 0);
        ScenarioResult idleResult = new ScenarioResult("webhook_latency_idle", database.name(), idleM, 0, 0, null, 0,
                "one event at a time; latency = commit acknowledged (the test call's response) to arrival at the receiver; "
                        + "warm-up shared with webhook_delivery", warmUp);

        Sampler sampler = new Sampler(server, database);
        List<SentEvent> sent = Collections.synchronizedList(new ArrayList<>());
        long started = System.currentTimeMillis();
        Measurement requests = closedLoop(options.duration(), () -> sent.add(testEvent(receiver, endpoints.get((int) (next.getAndIncrement() % 4)))));
        long errors = requests.errors();
        long last = started;
        long[] latencies = new long[sent.size()];
        int delivered = 0;
        for (SentEvent event : sent) {
            try {
                LoopbackReceiver.Arrival a = event.arrival().get(Math.max(1, 120_000 - (System.currentTimeMillis() - started)),
                        TimeUnit.MILLISECONDS);
                last = Math.max(last, a.arrivedAtMs());
                latencies[delivered++] = event.latencyNs(a);
            } catch (Exception notDelivered) {
                errors++;
            }
        }
        latencies = Arrays.copyOf(latencies, delivered);
        Measurement burst = measurement(latencies, (last - started) / 1000.0, errors);
        ScenarioResult burstResult = sampler.result("webhook_delivery", database.name(), burst, "ceiling:noop_authenticated",
                noopRate, String.format(Locale.ROOT, "%d workers posting test events to 4 endpoints (%.0f events/s accepted); "
                        + "rate = deliveries from first request to last arrival; latency = commit acknowledged to arrival", options.connections(),
                        requests.perSecond()), warmUp);
        return List.of(idleResult, burstResult);
    }

    /**
     * A test event whose commit was acknowledged at {@code acknowledgedAtMs}. Latency is measured
     * from that acknowledgement, not from the envelope's {@code createdAt}: seed 001 writes that to
     * the second, which would add up to a second of rounding to every figure.
     */
    private record SentEvent(String eventId, long acknowledgedAtMs, CompletableFuture<LoopbackReceiver.Arrival> arrival) {
        /** Arrival minus acknowledgement; 0 when the delivery beat the response back to the caller. */
        long latencyNs(LoopbackReceiver.Arrival a) {
            return Math.max(0, a.arrivedAtMs() - acknowledgedAtMs) * 1_000_000;
        }
    }

    private SentEvent testEvent(LoopbackReceiver receiver, String endpoint) throws Exception {
        String eventId = api.post("/v1/webhook_endpoints/" + endpoint + "/test", "{}").get("eventId").asString();
        return new SentEvent(eventId, System.currentTimeMillis(), receiver.expect(eventId));
    }

    /**
     * The dispatcher alone, without the load of producing events (benchmarks/drain/drain.sh, in the
     * harness): one delivered WEBHOOK_TEST event per endpoint (4 endpoints on a receiver of its own),
     * then N pending copies of each of those deliveries committed at once ({@link #DRAIN_BACKLOG}),
     * timed at the receiver from that commit until all 4 × N have arrived. PostgreSQL only: an H2
     * server holds its database file, so the harness cannot write the backlog into it.
     */
    private ScenarioResult webhookDrain() throws Exception {
        if (!database.name().equals("postgresql")) {
            return ScenarioResult.notMeasured("webhook_drain", database.name(),
                    "not measured on H2: the server holds the database file, so the harness cannot insert the backlog");
        }
        int perEndpoint = options.drainPerEndpoint();
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String endpoint = api.post("/v1/webhook_endpoints", "{\"url\":\"" + receiver.url("/drain/" + i)
                        + "\",\"eventTypes\":[\"WEBHOOK_TEST\"]}").get("id").asString();
                SentEvent test = testEvent(receiver, endpoint);
                test.arrival().get(30, TimeUnit.SECONDS);
                delivered.add(test.eventId());
            }
            // a warm-up slice is a smaller drain (a fifth of N per endpoint), however long it takes
            AtomicInteger round = new AtomicInteger();
            WarmUp warmUp = WarmUp.run("webhook_drain", options, server,
                    slice -> drain(receiver, delivered, round.incrementAndGet(), Math.max(1, perEndpoint / 5)));
            Sampler sampler = new Sampler(server, database);
            long duplicatesBefore = receiver.duplicates();
            Measurement m = drain(receiver, delivered, round.incrementAndGet(), perEndpoint);
            long duplicates = receiver.duplicates() - duplicatesBefore;
            return sampler.result("webhook_drain", database.name(), m, "ceiling:noop_authenticated", noopRate,
                    String.format(Locale.ROOT, "4 x %d pending deliveries committed in one INSERT; rate = commit to last arrival; "
                            + "latency = commit to arrival; duplicates (a webhook-id received twice): %d; not arrived in %d min: %d",
                            perEndpoint, duplicates, DRAIN_TIMEOUT.toMinutes(), m.errors()), warmUp);
        }
    }

    /** Commits 4 × {@code perEndpoint} pending copies of the delivered test events and waits for all of them. */
    private Measurement drain(LoopbackReceiver receiver, List<String> delivered, int round, int perEndpoint) throws Exception {
        String prefix = "et-drain-" + round + "-";
        long committedAtMs;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(DRAIN_BACKLOG)) {
                insert.setString(1, prefix);
                insert.setString(2, prefix);
                for (int i = 0; i < 4; i++) {
                    insert.setString(3 + i, delivered.get(i));
                }
                insert.setInt(7, perEndpoint);
                int rows = insert.executeUpdate();
                if (rows != 4 * perEndpoint) {
                    throw new IllegalStateException("the drain backlog has " + rows + " rows, not " + 4 * perEndpoint);
                }
            }
            connection.commit();
            committedAtMs = System.currentTimeMillis();
        }
        long deadline = committedAtMs + DRAIN_TIMEOUT.toMillis();
        long last = committedAtMs;
        long[] latencies = new long[4 * perEndpoint];
        int arrived = 0;
        long missing = 0;
        for (int n = 1; n <= 4; n++) {
            for (int g = 1; g <= perEndpoint; g++) {
                String eventId = prefix + n + "-" + g;
                try {
                    LoopbackReceiver.Arrival a = receiver.expect(eventId)
                            .get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                    last = Math.max(last, a.arrivedAtMs());
                    latencies[arrived++] = Math.max(0, a.arrivedAtMs() - committedAtMs) * 1_000_000;
                } catch (TimeoutException notArrived) {
                    missing++;
                }
                receiver.forget(eventId);
            }
        }
        return measurement(Arrays.copyOf(latencies, arrived), (last - committedAtMs) / 1000.0, missing);
    }

    /**
     * N links on the slow institution (5 s per call: login, then one read), prepared up to the
     * credentials step, then every credentials submission at once. Reports how many runs were
     * waiting at the same moment (from each run's accept time to its LINK_COMPLETED commit), the
     * errors (failed or unfinished runs) and the server's peak RSS while they waited.
     */
    private ScenarioResult slowSessions(LoopbackReceiver receiver) throws Exception {
        int n = options.slowSessions();
        // 64 clients on every JDK: a virtual thread per task would open N connections at once on
        // JDK 21+ (10,000 with --slow-sessions 10000), a different scenario from the one described.
        ExecutorService workers = Concurrency.bounded("slow-", 64);
        List<Future<String[]>> prepared = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prepared.add(workers.submit(() -> {
                JsonNode link = api.post("/v1/links", SLOW_LINK_BODY);
                String token = api.post("/v1/sessions", "{\"claimCode\":\"" + link.get("claimCode").asString() + "\"}")
                        .get("sessionToken").asString();
                api.postSession("/v1/session/consent", token, "{}");
                return new String[] {link.get("linkId").asString(), token};
            }));
        }
        List<String[]> sessions = new ArrayList<>();
        long errors = 0;
        // why runs failed, e.g. "LINK_FAILED TIMEOUT" or "credentials: IOException …", with counts
        Map<String, Integer> why = new TreeMap<>();
        for (Future<String[]> f : prepared) {
            try {
                sessions.add(f.get());
            } catch (Exception e) {
                errors++;
                why.merge("prepare: " + cause(e), 1, Integer::sum);
            }
        }
        Sampler sampler = new Sampler(server, database);
        long started = System.currentTimeMillis();
        List<Future<Long>> submitted = new ArrayList<>();
        List<CompletableFuture<LoopbackReceiver.Arrival>> done = new ArrayList<>();
        for (String[] s : sessions) {
            done.add(receiver.expect(s[0]));
            submitted.add(workers.submit(() -> {
                api.postSession("/v1/session/credentials", s[1], CREDENTIALS);
                return System.currentTimeMillis();
            }));
        }
        long[][] intervals = new long[sessions.size()][];
        long[] durations = new long[sessions.size()];
        int completed = 0;
        for (int i = 0; i < sessions.size(); i++) {
            long accepted;
            try {
                accepted = submitted.get(i).get();
            } catch (Exception e) {
                errors++;
                why.merge("credentials: " + cause(e), 1, Integer::sum);
                continue;
            }
            try {
                LoopbackReceiver.Arrival a = done.get(i).get(Math.max(1, 600_000 - (System.currentTimeMillis() - started)),
                        TimeUnit.MILLISECONDS);
                if (!"LINK_COMPLETED".equals(a.type())) {
                    errors++;
                    why.merge(a.type() + " " + a.errorCode(), 1, Integer::sum);
                    continue;
                }
                intervals[completed] = new long[] {accepted, a.createdAtMs()};
                durations[completed++] = (a.createdAtMs() - accepted) * 1_000_000;
            } catch (Exception e) {
                errors++;
                why.merge("no LINK_COMPLETED/LINK_FAILED within 10 min", 1, Integer::sum);
            }
        }
        workers.shutdownNow();
        long last = Arrays.stream(intervals, 0, completed).mapToLong(iv -> iv[1]).max().orElse(started);
        Measurement m = measurement(Arrays.copyOf(durations, completed), (last - started) / 1000.0, errors);
        int peak = peakOverlap(Arrays.copyOf(intervals, completed));
        return sampler.result("slow_sessions", database.name(), m, null, 0, String.format(Locale.ROOT,
                "%d sessions on sandbox_slow_bank (login + 1 read, %s each); peak waiting at once: %d; completed: %d; "
                        + "server JDK %s, peak RSS during: %d MiB%s", n, options.slowLatency(), peak, completed, server.javaVersion(),
                sampler.peakMib(), why.isEmpty() ? "" : "; errors: " + why), null);
    }

    private static String cause(Exception e) {
        Throwable root = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(root.getMessage());
        return root.getClass().getSimpleName() + " " + (message.length() > 80 ? message.substring(0, 80) : message);
    }

    private static int peakOverlap(long[][] intervals) {
        long[][] edges = new long[intervals.length * 2][];
        for (int i = 0; i < intervals.length; i++) {
            edges[2 * i] = new long[] {intervals[i][0], 1};
            edges[2 * i + 1] = new long[] {intervals[i][1], -1};
        }
        Arrays.sort(edges, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int current = 0;
        int peak = 0;
        for (long[] edge : edges) {
            current += (int) edge[1];
            peak = Math.max(peak, current);
        }
        return peak;
    }

    interface Step {
        void run() throws Exception;
    }

    /** {@code connections} workers repeat the step until the time is up; latency per step in ns. */
    private Measurement closedLoop(Duration duration, Step step) throws Exception {
        int workers = options.connections();
        ExecutorService pool = Concurrency.executor("flow-", workers);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                while (running.get()) {
                    long t0 = System.nanoTime();
                    try {
                        step.run();
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - t0;
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("[bench] flow step failed: " + e);
                        }
                    }
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        Thread.sleep(duration.toMillis());
        running.set(false);
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            all.add(f.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return measurement(all.stream().flatMapToLong(Arrays::stream).toArray(), seconds, errors.get());
    }

    private static Measurement measurement(long[] latenciesNs, double seconds, long errors) {
        long[] sorted = latenciesNs.clone();
        Arrays.sort(sorted);
        return new Measurement(sorted.length, seconds, errors, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99));
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The server's CPU and RSS (sampled every 100 ms), and the machine's CPU split, from construction until {@link #result}. */
    private static final class Sampler {

        private final ServerUnderTest server;
        private final CpuSplit.Meter split;
        private final double cpuBefore;
        private final long started = System.nanoTime();
        private final AtomicLong peakKib = new AtomicLong();
        private final Thread thread;

        Sampler(ServerUnderTest server, Database database) throws IOException {
            this.server = server;
            this.split = CpuSplit.start(server, database);
            this.cpuBefore = server.cpuSeconds();
            this.thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peakKib.accumulateAndGet(server.rssKib(), Math::max);
                        Thread.sleep(100);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        long peakMib() {
            return peakKib.get() / 1024;
        }

        ScenarioResult result(String name, String db, Measurement m, String ceiling, double ceilingRate, String note,
                              WarmUp warmUp) throws IOException {
            thread.interrupt();
            CpuSplit cpuSplit = split.stop(m.requests());
            double wall = (System.nanoTime() - started) / 1e9;
            double cpu = (server.cpuSeconds() - cpuBefore) / wall * 100;
            String errors = m.errors() > 0 ? m.errors() + " errors; " : "";
            return new ScenarioResult(name, db, m, cpu, peakMib(), ceiling, ceilingRate, errors + note, warmUp, cpuSplit);
        }
    }
}
