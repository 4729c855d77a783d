package io.linkport.bench;

/** What one load run observed: throughput, latency percentiles in milliseconds, and errors. */
record Measurement(long requests, double seconds, long errors, double p50Ms, double p90Ms, double p99Ms) {

    double perSecond() {
        return seconds <= 0 ? 0 : requests / seconds;
    }
}
