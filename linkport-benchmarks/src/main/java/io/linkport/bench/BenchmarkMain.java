package io.linkport.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the real server (H2 and/or PostgreSQL), measures the ceilings (a raw JDBC single-row
 * insert loop against the same database, and a no-op authenticated endpoint), runs every
 * scenario and reports each as a ratio to its ceiling, so a noisy machine still gives
 * comparable numbers.
 *
 * <pre>benchmarks/run.sh [--smoke] [--db h2|postgres|both] [--duration 15] [--connections 32] [--slow-sessions 1000]
 *      [--slow-latency 5s]  (per call of the slow institution; keep it under the 30 s connector deadline)
 *      [--only link_tokens,links,webhook_delivery,link_run,slow_sessions]</pre>
 * {@code --chart results.json out.png} draws the chart of a results file again.
 * {@code LINKPORT_BENCH_SERVER_OPTS} adds JVM options to the server (e.g. {@code -Xmx320m}).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
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

        for (String db : options.databases()) {
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

        Report.print(results, facts);
        Path out = options.out();
        Report.writeJson(out.resolve("results-" + stamp + ".json"), results, facts);
        Report.writeJson(out.resolve("latest.json"), results, facts);
        Report.writeChart(out.resolve("latest.png"), results);
        System.out.println("\nWritten: " + out.resolve("latest.json") + ", " + out.resolve("latest.png"));
    }

    record Options(List<String> databases, Duration duration, int connections, boolean smoke, Path out, Path jarPath,
                   int slowSessions, List<String> only, String slowLatencyOverride) {

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
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
            return new Options(dbs, duration, connections, smoke, out, jar,
                    slowSessions != null ? slowSessions : smoke ? 20 : 1_000, only, slowLatency);
        }

        Path jar() {
            if (!Files.exists(jarPath)) {
                throw new IllegalStateException("No server jar at " + jarPath.toAbsolutePath() + "; build it first");
            }
            return jarPath.toAbsolutePath();
        }

        /** Whether to run a scenario (all unless --only names some; the ceilings always run). */
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

        Duration warmup() {
            return smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        }
    }
}
