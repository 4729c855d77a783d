package io.linkport.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The scenarios, each measured under the same conditions and compared with a ceiling. */
final class Scenarios {

    static final String LINK_TOKEN_BODY = """
            {"org_name":"Bench","required_jobs":["employment","income"],"end_user_id":"bench-user"}""";
    /**
     * Seed 002's example without its webhookUrl: that host does not exist, and tens of thousands
     * of undeliverable LINK_CREATED deliveries would keep the dispatcher busy for the scenarios after.
     */
    static final String SEED_002_LINK_BODY = """
            {"integrationId":"tmobile","operations":[{"resource":"paymentMethod","action":"read"},\
            {"resource":"paymentMethod","action":"write","arguments":{"cardNumber":"4111111111111111",\
            "expirationDate":"12/30","cvv":"123","nameOnCard":"John Doe","billingZip":"10001"}}],\
            "returnUrl":"https://your-app.com/done"}""";

    private final ServerUnderTest server;
    private final Database database;
    private final BenchmarkMain.Options options;

    Scenarios(ServerUnderTest server, Database database, BenchmarkMain.Options options) {
        this.server = server;
        this.database = database;
        this.options = options;
    }

    List<ScenarioResult> runAll() throws Exception {
        List<ScenarioResult> results = new ArrayList<>();
        InsertCeiling insertCeiling = new InsertCeiling(database, options.duration());
        Measurement firstCeiling = insertCeiling.measure();
        results.add(new ScenarioResult("ceiling:jdbc_insert", database.name(), firstCeiling, 0, 0, null, 0,
                "raw JDBC single-row durable insert, " + InsertCeiling.CLIENTS + " clients; measured again around each scenario compared with it", null));

        Wrk.Request whoami = new Wrk.Request("GET", "/v1/whoami", Map.of("x-api-secret", ServerUnderTest.SECRET), null);
        ScenarioResult noop = wrk("ceiling:noop_authenticated", whoami);
        results.add(noop);
        double noopRate = noop.measurement().perSecond();

        if (options.selected("link_tokens")) {
            results.add(againstInsertCeiling("link_tokens", post("/v1/link_tokens", LINK_TOKEN_BODY), insertCeiling));
        }
        if (options.selected("links")) {
            results.add(againstInsertCeiling("links", post("/v1/links", SEED_002_LINK_BODY), insertCeiling));
        }
        results.addAll(new FlowScenarios(server, database, options, insertCeiling, noopRate).runAll());
        return results;
    }

    private static Wrk.Request post(String path, String body) {
        return new Wrk.Request("POST", path, Map.of("x-api-secret", ServerUnderTest.SECRET, "Content-Type", "application/json"), body);
    }

    private ScenarioResult wrk(String name, Wrk.Request request) throws Exception {
        return measure(name, request, warmUp(name, request));
    }

    private ScenarioResult againstInsertCeiling(String name, Wrk.Request request, InsertCeiling ceiling) throws Exception {
        return ceiling.around(() -> warmUp(name, request), warmUp -> measure(name, request, warmUp));
    }

    private WarmUp warmUp(String name, Wrk.Request request) throws Exception {
        return WarmUp.run(name, options, server, duration -> Wrk.run(server.url(""), request, options.connections(), duration));
    }

    private ScenarioResult measure(String name, Wrk.Request request, WarmUp warmUp) throws Exception {
        double cpuBefore = server.cpuSeconds();
        CpuSplit.Meter split = CpuSplit.start(server, database);
        long started = System.nanoTime();
        Measurement measurement = Wrk.run(server.url(""), request, options.connections(), options.duration());
        double wall = (System.nanoTime() - started) / 1e9;
        CpuSplit cpuSplit = split.stop(measurement.requests());
        double cpu = (server.cpuSeconds() - cpuBefore) / wall * 100;
        String note = measurement.errors() > 0 ? measurement.errors() + " errors (non-2xx or socket)" : null;
        return new ScenarioResult(name, database.name(), measurement, cpu, server.peakRssKib() / 1024, null, 0, note, warmUp, cpuSplit);
    }
}
