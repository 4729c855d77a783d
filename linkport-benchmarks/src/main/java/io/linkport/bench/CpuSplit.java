package io.linkport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went while a scenario was measured, per operation: the server process,
 * the local PostgreSQL's processes, and the rest (the load generator, the kernel's work not charged
 * to a process, anything else on the VM). On a two-core machine all three share the same cores, so
 * this, not the server's CPU alone, says what bounds a scenario: PostgreSQL alone could not serve
 * more than {@code cores × 10⁶ ÷ databaseUs} operations a second, whatever the server did.
 *
 * @param databaseUs 0 on H2, whose work is the server's own
 */
record CpuSplit(double machineBusyPercent, double serverUs, double databaseUs, double restUs) {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * The most operations a second the database's share alone would allow on this machine's cores;
     * 0 when the database is not a tenth of the operation's CPU (a bound of millions a second for an
     * endpoint that barely touches it says nothing).
     */
    double databaseBoundPerSecond() {
        return databaseUs <= 0 || databaseUs < 0.1 * (serverUs + databaseUs + restUs) ? 0 : CORES * 1e6 / databaseUs;
    }

    @Override
    public String toString() {
        String bound = databaseBoundPerSecond() <= 0 ? "" : String.format(Locale.ROOT, " (PostgreSQL's share alone caps this at %,.0f/s on %d cores)",
                databaseBoundPerSecond(), CORES);
        return String.format(Locale.ROOT, "CPU per operation: server %.0f µs, %s, rest (load generator, kernel) %.0f µs; machine %.0f %% busy%s",
                serverUs, databaseUs <= 0 ? "database in the server" : String.format(Locale.ROOT, "PostgreSQL %.0f µs", databaseUs),
                restUs, machineBusyPercent, bound);
    }

    /** Starts counting now; {@link Meter#stop} gives the split over the operations done since. */
    static Meter start(ServerUnderTest server, Database database) throws IOException {
        return new Meter(server, database.name().equals("postgresql"));
    }

    static final class Meter {
        private final ServerUnderTest server;
        private final boolean postgres;
        private final long machineBefore;
        private final long totalBefore;
        private final double serverBefore;
        private final Map<Long, Long> databaseBefore;

        private Meter(ServerUnderTest server, boolean postgres) throws IOException {
            this.server = server;
            this.postgres = postgres;
            this.databaseBefore = postgres ? postgresTicks() : Map.of();
            this.serverBefore = server.cpuSeconds();
            MachineTicks machine = MachineTicks.now();
            this.machineBefore = machine.busy();
            this.totalBefore = machine.all();
        }

        /** The split per operation, {@code operations} being what the scenario counts (requests, runs, deliveries). */
        CpuSplit stop(long operations) throws IOException {
            MachineTicks machine = MachineTicks.now();
            double serverSeconds = server.cpuSeconds() - serverBefore;
            double databaseSeconds = postgres ? ticksSince(databaseBefore, postgresTicks()) / (double) ServerUnderTest.TICKS_PER_SECOND : 0;
            double machineSeconds = (machine.busy() - machineBefore) / (double) ServerUnderTest.TICKS_PER_SECOND;
            double perOp = 1e6 / Math.max(1, operations);
            long total = machine.all() - totalBefore;
            return new CpuSplit(total <= 0 ? 0 : 100.0 * (machine.busy() - machineBefore) / total, serverSeconds * perOp,
                    databaseSeconds * perOp, Math.max(0, machineSeconds - serverSeconds - databaseSeconds) * perOp);
        }
    }

    /** The whole machine's ticks so far: busy (user, nice, system, irq, softirq) and all, idle included. */
    record MachineTicks(long busy, long all) {

        static MachineTicks now() throws IOException {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                    + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
            long all = 0;
            for (int i = 1; i < cpu.length; i++) {
                all += Long.parseLong(cpu[i]);
            }
            return new MachineTicks(busy, all);
        }
    }

    /**
     * User plus system ticks of every process named postgres (the postmaster, its backends, the WAL
     * writer and checkpointer), by process id: the harness only runs against a PostgreSQL on this
     * machine. A backend that exits in the window takes its ticks with it; Hikari keeps the server's
     * connections open.
     */
    private static Map<Long, Long> postgresTicks() throws IOException {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String pid = process.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        ticks.put(Long.parseLong(pid), ServerUnderTest.cpuTicks(process.resolve("stat")));
                    }
                } catch (IOException exited) {
                    // gone between listing and reading
                }
            }
        }
        return ticks;
    }

    /**
     * The ticks the processes alive at the end used since the start (all of them for one started
     * since). Summing before and after instead would subtract the whole lifetime of every process
     * that exited in between: the insert ceiling's 32 backends, measured just before a scenario,
     * exit during it.
     */
    static long ticksSince(Map<Long, Long> before, Map<Long, Long> after) {
        long ticks = 0;
        for (Map.Entry<Long, Long> process : after.entrySet()) {
            ticks += Math.max(0, process.getValue() - before.getOrDefault(process.getKey(), 0L));
        }
        return ticks;
    }
}
