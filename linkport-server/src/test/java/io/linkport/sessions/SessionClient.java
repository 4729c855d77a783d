package io.linkport.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linkport.testing.Api;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/** Drives the public session API the way the widget does. */
final class SessionClient {

    private final Api api;
    final String token;
    final JsonNode started;

    private SessionClient(Api api, String token, JsonNode started) {
        this.api = api;
        this.token = token;
        this.started = started;
    }

    static SessionClient claim(Api api, String field, String value) {
        Api.Response response = api.post("/v1/sessions", Map.of(field, value));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = response.json();
        assertThat(body.get("sessionToken").asString()).startsWith("ses_");
        return new SessionClient(api, body.get("sessionToken").asString(), body);
    }

    String[] auth() {
        return Api.bearer(token);
    }

    JsonNode session() {
        Api.Response response = api.get("/v1/session", auth());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    Api.Response post(String path, Object body) {
        return api.post(path, body, auth());
    }

    JsonNode ok(String path, Object body, int status) {
        Api.Response response = post(path, body);
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        return response.json();
    }

    JsonNode consent() {
        return ok("/v1/session/consent", Map.of(), 200);
    }

    JsonNode logIn(String username, String password) {
        return ok("/v1/session/credentials", Map.of("credentials", Map.of("username", username, "password", password)), 202);
    }

    /** Polls GET /v1/session (as the widget does) until {@code step}; returns that session. */
    JsonNode awaitStep(String step) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(session());
            return step.equals(last.get().get("step").asString());
        });
        return last.get();
    }

    String linkId() {
        return started.get("session").get("linkId").asString();
    }
}
