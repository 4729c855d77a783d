package io.linkport.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The JDBC insert ceiling, measured again just before each scenario compared with it (before its
 * warm-up) and just after its measurement. On a shared VM the database's durable-commit rate
 * drifts by a quarter within minutes (9,659 and 7,301 inserts/s twenty minutes apart in round
 * 18), and one measurement at the start of a run, minutes before the scenario, made a ratio say as
 * much about that drift as about Linkport. The ratio is to the mean of the two measurements.
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
     * Measures the ceiling, runs {@code warmUp} and then {@code measured}, measures the ceiling
     * again, and returns the result compared with the two. The first measurement comes before the
     * warm-up, which brings the scenario back to its steady state after 15 s of the ceiling's
     * inserts: measured right after them, link runs came out at 0.82 and 0.98 of their warm-up's
     * last slice in paired runs, against 0.90–1.10 otherwise.
     */
    ScenarioResult around(Callable<WarmUp> warmUp, AfterWarmUp measured) throws Exception {
        double before = measure().perSecond();
        ScenarioResult result = measured.run(warmUp.call());
        double after = measure().perSecond();
        return result.against(new Bracket(before, after));
    }

    @FunctionalInterface
    interface AfterWarmUp {
        ScenarioResult run(WarmUp warmUp) throws Exception;
    }

    /** The insert ceiling before a scenario's warm-up and after its measurement, in inserts/s. */
    record Bracket(double before, double after) {

        double mean() {
            return (before + after) / 2;
        }

        String describe() {
            return String.format(Locale.ROOT, "ratio to the insert ceiling measured before the warm-up and after the measurement: "
                    + "%,.0f and %,.0f/s", before, after);
        }
    }
}
