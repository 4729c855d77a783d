package io.linkport.bench;

/**
 * One scenario's figures on one database, with the server's CPU and peak RSS during it, and
 * its throughput as a ratio to the ceiling it is compared with (measured in the same run).
 */
record ScenarioResult(String scenario, String database, Measurement measurement, double serverCpuPercent,
                      long peakRssMib, String ceiling, double ceilingPerSecond, String note) {

    double ratio() {
        return ceilingPerSecond <= 0 ? 0 : measurement.perSecond() / ceilingPerSecond;
    }
}
