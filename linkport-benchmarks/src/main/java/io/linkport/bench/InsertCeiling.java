package io.linkport.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The JDBC insert ceiling, measured again just before each scenario compared with it (before its
 * warm-up) and just after its measurement. On a shared VM the database's durable-commit rate
 * drifts by a quarter within minutes (7,301 and 9,659 inserts/s twenty minutes apart in round 18), and one
 * measurement at the start of a run, minutes before the scenario, made a ratio say as much about
 * that drift as about Linkport. The ratio is to the mean of the two measurements around it.
 */
final class InsertCeiling {

    static final int CLIENTS = 32;

    private final Database database;
    private final Duration duration;

    InsertCeiling(Database database, Duration duration) {
        this.database = database;
        this.duration = duration;
    }

    Measurement measure() throws Exception {
        return JdbcInsertCeiling.run(database, CLIENTS, duration);
    }

    /**
     * Measures the ceiling, runs {@code warmUp} and then {@code measured}, and measures the ceiling
     * again. The first measurement comes before the warm-up, not between it and the measurement:
     * measured right after 15 s of the ceiling's inserts, link runs went 21–25 % slower in paired
     * runs (the server's and PostgreSQL's CPU per run up alike), and the warm-up brings the
     * scenario back to its steady state.
     */
    <W, T> Bracketed<T> around(Measured<W> warmUp, AfterWarmUp<W, T> measured) throws Exception {
        double before = measure().perSecond();
        W warm = warmUp.run();
        T result = measured.run(warm);
        double after = measure().perSecond();
        return new Bracketed<>(result, new Bracket(before, after));
    }

    @FunctionalInterface
    interface Measured<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    interface AfterWarmUp<W, T> {
        T run(W warmUp) throws Exception;
    }

    record Bracketed<T>(T result, Bracket ceiling) {
    }

    /** The insert ceiling just before and just after a scenario's measurement, in inserts/s. */
    record Bracket(double before, double after) {

        double mean() {
            return (before + after) / 2;
        }

        String describe() {
            return String.format(Locale.ROOT, "ratio to the insert ceiling measured just before and after: %,.0f and %,.0f/s", before, after);
        }
    }
}
