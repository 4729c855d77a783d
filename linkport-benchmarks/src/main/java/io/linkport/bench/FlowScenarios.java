package io.linkport.bench;

import java.util.List;

/**
 * Multi-step scenarios that a single-request load tool cannot express (a whole sandbox link
 * run, webhook delivery, sessions parked on a slow institution). They land with the features
 * they exercise.
 */
final class FlowScenarios {

    private final ServerUnderTest server;
    private final Database database;
    private final BenchmarkMain.Options options;
    private final double noopRate;

    FlowScenarios(ServerUnderTest server, Database database, BenchmarkMain.Options options, double noopRate) {
        this.server = server;
        this.database = database;
        this.options = options;
        this.noopRate = noopRate;
    }

    List<ScenarioResult> runAll() {
        return List.of();
    }
}
