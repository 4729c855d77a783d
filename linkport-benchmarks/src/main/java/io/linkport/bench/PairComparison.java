package io.linkport.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A paired A/B of two server jars on one endpoint ({@code benchmarks/pair.sh}). On a shared VM one
 * jar's throughput moves by ±15 % between runs minutes apart, more than most changes are worth;
 * here both servers run at once and wrk loads each in turn in short bursts, so drift hits both
 * alike. The figure is the whole machine's CPU (user, system and interrupts from /proc/stat) per
 * request served: server, database, load generator and kernel together. The first round warms
 * both up and is not counted.
 *
 * <pre>--pair [--db h2|postgres] [--connections 32] [--rounds 8] [--burst 5] [--env-a K=V] [--env-b K=V] A.jar B.jar METHOD PATH [JSON-BODY]</pre>
 * {@code --env-a}/{@code --env-b} (repeatable) give one side's server an environment variable, so
 * one jar can be paired with itself under two settings (e.g. {@code LINKPORT_DB_POOL_SIZE}).
 */
final class PairComparison {

    private PairComparison() {
    }

    static void main(String[] args) throws Exception {
        String db = "h2";
        int connections = 32;
        int rounds = 8;
        Duration burst = Duration.ofSeconds(5);
        List<String> positional = new ArrayList<>();
        List<Map<String, String>> env = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--db" -> db = args[++i].startsWith("postgres") ? "postgres" : "h2";
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--burst" -> burst = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--env-a", "--env-b" -> {
                    String[] pair = args[i + 1].split("=", 2);
                    if (pair.length != 2 || pair[0].isBlank()) {
                        throw new IllegalArgumentException(args[i] + " takes NAME=VALUE, not " + args[i + 1]);
                    }
                    env.get(args[i].endsWith("a") ? 0 : 1).put(pair[0], pair[1]);
                    i++;
                }
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() < 4) {
            throw new IllegalArgumentException(
                    "usage: --pair [--db h2|postgres] [--connections N] [--rounds N] [--burst S] [--env-a K=V] [--env-b K=V] "
                            + "A.jar B.jar METHOD PATH [JSON-BODY]");
        }
        List<Path> jars = List.of(Path.of(positional.get(0)).toAbsolutePath(), Path.of(positional.get(1)).toAbsolutePath());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + ServerUnderTest.SECRET);
        headers.put("Content-Type", "application/json");
        String body = positional.size() > 4 ? positional.get(4) : null;
        Wrk.Request request = new Wrk.Request(positional.get(2), positional.get(3), headers, body);

        String java = ProcessHandle.current().info().command().orElse("java");
        Path work = Files.createTempDirectory("linkport-pair-");
        List<Database> databases = new ArrayList<>();
        List<ServerUnderTest> servers = new ArrayList<>();
        try {
            for (int side = 0; side < 2; side++) {
                Path dir = work.resolve(side == 0 ? "a" : "b");
                Database database = db.equals("h2") ? Database.h2(dir) : Database.postgres();
                databases.add(database);
                servers.add(ServerUnderTest.start(jars.get(side), java, database, env.get(side), dir));
            }
            long[] ticks = new long[2];
            long[] served = new long[2];
            for (int round = 0; round <= rounds; round++) {
                for (int side = 0; side < 2; side++) {
                    long before = CpuSplit.MachineTicks.now().busy();
                    Measurement m = Wrk.run(servers.get(side).url(""), request, connections, burst);
                    long after = CpuSplit.MachineTicks.now().busy();
                    if (m.errors() > 0) {
                        throw new IllegalStateException(jars.get(side) + " answered " + m.errors()
                                + " requests with an error or non-2xx status: check the request");
                    }
                    if (round > 0) {
                        ticks[side] += after - before;
                        served[side] += m.requests();
                    }
                }
            }
            for (int side = 0; side < 2; side++) {
                System.out.printf(Locale.ROOT, "%s %9.1f us of machine CPU per request %9.0f requests/s  %s%s%n",
                        side == 0 ? "A" : "B", ticks[side] * 1e6 / ServerUnderTest.TICKS_PER_SECOND / Math.max(1, served[side]),
                        served[side] / (double) (rounds * burst.toSeconds()), jars.get(side),
                        env.get(side).isEmpty() ? "" : " " + env.get(side));
            }
        } finally {
            for (ServerUnderTest server : servers) {
                server.close();
            }
            databases.forEach(database -> database.cleanup().run());
        }
    }
}
