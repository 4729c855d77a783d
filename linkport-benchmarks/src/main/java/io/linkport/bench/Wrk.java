package io.linkport.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs wrk (Debian's package) against one endpoint. The Lua script's {@code done} hook prints
 * exact percentiles as JSON so nothing is parsed out of wrk's human-readable table.
 */
final class Wrk {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Wrk() {
    }

    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    static Measurement run(String baseUrl, Request request, int connections, Duration duration) throws IOException, InterruptedException {
        Path script = Files.createTempFile("linkport-wrk-", ".lua");
        Files.writeString(script, lua(request), StandardCharsets.UTF_8);
        List<String> command = List.of("wrk", "-t2", "-c" + connections, "-d" + Math.max(1, duration.toSeconds()) + "s",
                "--timeout", "10s", "-s", script.toString(), baseUrl + request.path());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Files.deleteIfExists(script);
        String json = output.lines().filter(line -> line.startsWith("JSON ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result from wrk:\n" + output)).substring(5);
        JsonNode r = JSON.readTree(json);
        double seconds = r.get("duration_us").asLong() / 1e6;
        long errors = r.get("errors_status").asLong() + r.get("errors_connect").asLong() + r.get("errors_read").asLong()
                + r.get("errors_write").asLong() + r.get("errors_timeout").asLong();
        return new Measurement(r.get("requests").asLong(), seconds, errors,
                r.get("p50_us").asLong() / 1000.0, r.get("p90_us").asLong() / 1000.0, r.get("p99_us").asLong() / 1000.0);
    }

    private static String lua(Request request) {
        StringBuilder lua = new StringBuilder();
        lua.append("wrk.method = ").append(quote(request.method())).append('\n');
        request.headers().forEach((name, value) ->
                lua.append("wrk.headers[").append(quote(name)).append("] = ").append(quote(value)).append('\n'));
        if (request.body() != null) {
            lua.append("wrk.body = ").append(quote(request.body())).append('\n');
        }
        lua.append("""
                done = function(summary, latency, requests)
                  io.write(string.format('JSON {"requests":%d,"duration_us":%d,"errors_status":%d,"errors_connect":%d,' ..
                    '"errors_read":%d,"errors_write":%d,"errors_timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d}\\n',
                    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
                    summary.errors.read, summary.errors.write, summary.errors.timeout,
                    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
                end
                """);
        return lua.toString();
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
