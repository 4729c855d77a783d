package io.linkport.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database's own ceiling for what every write endpoint does at least once: one durable
 * single-row insert per request, from 32 concurrent clients, each commit on its own.
 */
final class JdbcInsertCeiling {

    private JdbcInsertCeiling() {
    }

    static Measurement run(Database database, int clients, Duration duration) throws Exception {
        // Measured again around scenarios (InsertCeiling), so each measurement starts from an empty
        // table, and PostgreSQL's autovacuum is kept off it: the rows a measurement leaves would
        // otherwise be vacuumed while the next scenario is measured.
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_ceiling (id VARCHAR(64) PRIMARY KEY, payload VARCHAR(255), "
                    + "created_at TIMESTAMP WITH TIME ZONE NOT NULL)"
                    + (database.name().equals("postgresql") ? " WITH (autovacuum_enabled = false)" : ""));
            statement.execute("TRUNCATE TABLE bench_ceiling");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> insertLoop(database, running, latencies, counts, client));
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int offset = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, offset, counts[c]);
            offset += counts[c];
        }
        Arrays.sort(all);
        return new Measurement(total, seconds, 0, pct(all, 50), pct(all, 90), pct(all, 99));
    }

    /**
     * One client's loop. Its latencies start small and grow: the ceiling is measured around
     * scenarios whose driver shares this JVM, and 32 fixed arrays of a million entries were 256 MB
     * of garbage each time.
     */
    private static void insertLoop(Database database, AtomicBoolean running, long[][] latencies, int[] counts, int client) {
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO bench_ceiling (id, payload, created_at) VALUES (?, ?, ?)")) {
            connection.setAutoCommit(true);
            long[] mine = new long[4096];
            int n = 0;
            while (running.get()) {
                long t0 = System.nanoTime();
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "ceiling");
                insert.setObject(3, OffsetDateTime.now());
                insert.executeUpdate();
                if (n == mine.length) {
                    mine = Arrays.copyOf(mine, n * 2);
                }
                mine[n++] = System.nanoTime() - t0;
            }
            latencies[client] = mine;
            counts[client] = n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
