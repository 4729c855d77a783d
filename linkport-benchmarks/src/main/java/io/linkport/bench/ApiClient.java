package io.linkport.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The flow driver's HTTP client (java.net.http, HTTP/1.1 keep-alive): JSON in, JSON out, non-2xx is an error. */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ServerUnderTest server;

    ApiClient(ServerUnderTest server) {
        this.server = server;
    }

    /** POST with the tenant's API key. */
    JsonNode post(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("x-api-secret", ServerUnderTest.SECRET).POST(json(body)));
    }

    /** POST with a session credential (the widget's calls). */
    JsonNode postSession(String path, String sessionToken, String body) throws IOException, InterruptedException {
        return send(request(path).header("Authorization", "Bearer " + sessionToken).POST(json(body)));
    }

    JsonNode getSession(String path, String sessionToken) throws IOException, InterruptedException {
        return send(request(path).header("Authorization", "Bearer " + sessionToken).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(built.method() + " " + built.uri().getPath() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
