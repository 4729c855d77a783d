package io.linkport.bench;

/**
 * One scenario's figures on one database, with the server's CPU and peak RSS during it, its
 * throughput as a ratio to the ceiling it is compared with (measured in the same run), and the
 * warm-up that preceded it ({@code null} when none did), and where the machine's CPU went per
 * operation ({@code null} when not measured).
 */
record ScenarioResult(String scenario, String database, Measurement measurement, double serverCpuPercent,
                      long peakRssMib, String ceiling, double ceilingPerSecond, String note, WarmUp warmUp, CpuSplit cpu) {

    /** A result without a CPU split (ceilings measured without the server, idle latencies). */
    ScenarioResult(String scenario, String database, Measurement measurement, double serverCpuPercent, long peakRssMib,
                   String ceiling, double ceilingPerSecond, String note, WarmUp warmUp) {
        this(scenario, database, measurement, serverCpuPercent, peakRssMib, ceiling, ceilingPerSecond, note, warmUp, null);
    }

    /** A row that says why a scenario was not measured on this database (it is left out of the chart). */
    static ScenarioResult notMeasured(String scenario, String database, String why) {
        return new ScenarioResult(scenario, database, new Measurement(0, 0, 0, 0, 0, 0), 0, 0, null, 0, why, null);
    }

    boolean measured() {
        return measurement.seconds() > 0 || measurement.requests() > 0;
    }

    double ratio() {
        return ceilingPerSecond <= 0 ? 0 : measurement.perSecond() / ceilingPerSecond;
    }
}
