package io.linkport.bench;

/**
 * One scenario's figures on one database, with the server's CPU and peak RSS during it, its
 * throughput as a ratio to the ceiling it is compared with (measured in the same run), and the
 * warm-up that preceded it ({@code null} when none did), where the machine's CPU went per
 * operation ({@code null} when not measured), and, for a ratio to the insert ceiling, that
 * ceiling before the warm-up and after the measurement ({@code null} for other ratios).
 */
record ScenarioResult(String scenario, String database, Measurement measurement, double serverCpuPercent,
                      long peakRssMib, String ceiling, double ceilingPerSecond, String note, WarmUp warmUp, CpuSplit cpu,
                      InsertCeiling.Bracket bracket) {

    ScenarioResult(String scenario, String database, Measurement measurement, double serverCpuPercent, long peakRssMib,
                   String ceiling, double ceilingPerSecond, String note, WarmUp warmUp, CpuSplit cpu) {
        this(scenario, database, measurement, serverCpuPercent, peakRssMib, ceiling, ceilingPerSecond, note, warmUp, cpu, null);
    }

    /** A result without a CPU split (ceilings measured without the server, idle latencies). */
    ScenarioResult(String scenario, String database, Measurement measurement, double serverCpuPercent, long peakRssMib,
                   String ceiling, double ceilingPerSecond, String note, WarmUp warmUp) {
        this(scenario, database, measurement, serverCpuPercent, peakRssMib, ceiling, ceilingPerSecond, note, warmUp, null);
    }

    /** A row that says why a scenario was not measured on this database (it is left out of the chart). */
    static ScenarioResult notMeasured(String scenario, String database, String why) {
        return new ScenarioResult(scenario, database, new Measurement(0, 0, 0, 0, 0, 0), 0, 0, null, 0, why, null);
    }

    /** This result compared with the insert ceiling around it: the ratio is to the bracket's mean. */
    ScenarioResult against(InsertCeiling.Bracket around) {
        String described = note == null ? around.describe() : note + "; " + around.describe();
        return new ScenarioResult(scenario, database, measurement, serverCpuPercent, peakRssMib, "ceiling:jdbc_insert",
                around.mean(), described, warmUp, cpu, around);
    }

    boolean measured() {
        return measurement.seconds() > 0 || measurement.requests() > 0;
    }

    double ratio() {
        return ceilingPerSecond <= 0 ? 0 : measurement.perSecond() / ceilingPerSecond;
    }
}
