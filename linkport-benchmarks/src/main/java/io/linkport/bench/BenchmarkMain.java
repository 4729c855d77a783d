package io.linkport.bench;

import io.linkport.bench.bare.BareApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the real server (H2 and/or PostgreSQL), measures the ceilings (a raw JDBC single-row
 * insert loop against the same database, and a no-op authenticated endpoint), runs every
 * scenario and reports each as a ratio to its ceiling, so a noisy machine still gives
 * comparable numbers. Before that, on H2, Linkport's start-up and idle memory are compared with a
 * bare Spring Boot app's ({@link StartupCeiling}). Every wrk and closed-loop measurement is
 * preceded by a warm-up that lasts until throughput settles ({@link WarmUp}).
 *
 * <pre>benchmarks/run.sh [--smoke] [--db h2|postgres|both] [--duration 15] [--connections 32] [--slow-sessions 1000]
 *      [--slow-latency 5s]  (per call of the slow institution; keep it under the 30 s connector deadline)
 *      [--max-warmup 60]    (seconds of warm-up at most per scenario; see WarmUp)
 *      [--drain-per-endpoint 5000]  (webhook_drain: pending deliveries per endpoint, 4 endpoints)
 *      [--only startup,link_tokens,links,webhook_delivery,webhook_drain,link_run,slow_sessions]</pre>
 * {@code --chart results.json out.png} draws the chart of a results file again;
 * {@code --pair …} compares two server jars on one endpoint instead ({@link PairComparison}, {@code benchmarks/pair.sh});
 * {@code --bare-app} runs the bare Spring Boot app of the start-up ceiling instead (the harness starts it).
 * {@code LINKPORT_BENCH_SERVER_OPTS} adds JVM options to the server (e.g. {@code -Xmx320m}).
 */
public final class BenchmarkMain {

    static final String BARE_APP = "--bare-app";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(BARE_APP)) {
            BareApp.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("--pair")) {
            PairComparison.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 3 && args[0].equals("--chart")) {
            Report.chartFromJson(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Options options = Options.parse(args);
        Path jar = options.jar();
        String java = ProcessHandle.current().info().command().orElse("java");
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(Instant.now().atOffset(ZoneOffset.UTC));
        Path work = Files.createTempDirectory("linkport-bench-");

        List<ScenarioResult> results = new ArrayList<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("date", Instant.now().toString());
        facts.put("java", System.getProperty("java.version"));
        facts.put("cores", Runtime.getRuntime().availableProcessors());
        facts.put("connections", options.connections());
        facts.put("durationSeconds", options.duration().toSeconds());
        facts.put("smoke", options.smoke());
        facts.put("maxWarmupSeconds", options.maxWarmup().toSeconds());

        StartupCeiling.Result startup = null;
        if (options.selected("startup") && options.databases().contains("h2")) {
            // first, while no other server of the harness is running
            startup = StartupCeiling.run(jar, java, work, options.smoke());
        }
        // --only startup: nothing else (the ceilings are only needed to compare scenarios with)
        List<String> databases = options.only().equals(List.of("startup")) ? List.of() : options.databases();
        for (String db : databases) {
            Database database = db.equals("h2") ? Database.h2(work.resolve("h2")) : Database.postgres();
            try (ServerUnderTest server = ServerUnderTest.start(jar, java, database,
                    Map.of("LINKPORT_SANDBOX_SLOW_INSTITUTION_LATENCY", options.slowLatency()), work.resolve(db))) {
                Thread.sleep(options.smoke() ? 500 : 3_000);
                facts.put(db + ".startupMs", server.startup.toMillis());
                facts.put(db + ".idleRssMib", server.rssKib() / 1024);
                Scenarios scenarios = new Scenarios(server, database, options);
                results.addAll(scenarios.runAll());
            } finally {
                database.cleanup().run();
            }
        }

        Report.print(results, facts, startup);
        Path out = options.out();
        Report.writeJson(out.resolve("results-" + stamp + ".json"), results, facts, startup);
        Report.writeJson(out.resolve("latest.json"), results, facts, startup);
        Report.writeChart(out.resolve("latest.png"), results);
        System.out.println("\nWritten: " + out.resolve("latest.json") + ", " + out.resolve("latest.png"));
    }

    record Options(List<String> databases, Duration duration, int connections, boolean smoke, Path out, Path jarPath,
                   int slowSessions, List<String> only, String slowLatencyOverride, Duration maxWarmup, int drainPerEndpoint,
                   int runPeople) {

        static Options parse(String[] args) {
            List<String> dbs = List.of("h2", "postgresql");
            Duration duration = Duration.ofSeconds(15);
            int connections = 32;
            boolean smoke = false;
            Path out = Path.of("benchmarks", "results");
            Path jar = Path.of("linkport-server", "target", "linkport-server.jar");
            Integer slowSessions = null;
            String slowLatency = null;
            List<String> only = List.of();
            Duration maxWarmup = Duration.ofSeconds(300);
            Integer drainPerEndpoint = null;
            int runPeople = 1_000;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> {
                        smoke = true;
                        duration = Duration.ofSeconds(1);
                        connections = 4;
                    }
                    case "--db" -> {
                        String value = args[++i];
                        dbs = value.equals("both") ? List.of("h2", "postgresql")
                                : List.of(value.startsWith("postgres") ? "postgresql" : "h2");
                    }
                    case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--connections" -> connections = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--jar" -> jar = Path.of(args[++i]);
                    case "--slow-sessions" -> slowSessions = Integer.parseInt(args[++i]);
                    case "--only" -> only = List.of(args[++i].split(","));
                    case "--slow-latency" -> slowLatency = args[++i];
                    case "--max-warmup" -> maxWarmup = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--drain-per-endpoint" -> drainPerEndpoint = Integer.parseInt(args[++i]);
                    case "--run-people" -> runPeople = Math.max(1, Integer.parseInt(args[++i]));
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
            return new Options(dbs, duration, connections, smoke, out, jar,
                    slowSessions != null ? slowSessions : smoke ? 20 : 1_000, only, slowLatency, maxWarmup,
                    drainPerEndpoint != null ? drainPerEndpoint : smoke ? 50 : 5_000, runPeople);
        }

        Path jar() {
            if (!Files.exists(jarPath)) {
                throw new IllegalStateException("No server jar at " + jarPath.toAbsolutePath() + "; build it first");
            }
            return jarPath.toAbsolutePath();
        }

        /** Whether to run a scenario (all unless --only names some; the ceilings always run, except with --only startup). */
        boolean selected(String scenario) {
            return only.isEmpty() || only.contains(scenario);
        }

        /** The slow institution's latency per call: the real 5 s, or 1 s so the smoke run stays short. */
        String slowLatency() {
            if (slowLatencyOverride != null) {
                return slowLatencyOverride;
            }
            return smoke ? "1s" : "5s";
        }
    }
}
