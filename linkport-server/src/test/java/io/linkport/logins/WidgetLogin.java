package io.linkport.logins;

import io.linkport.testing.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hosted widget of a saved login, driven over HTTP exactly as its script does (the session comes in the page). */
final class WidgetLogin {

    private static final Pattern SESSION = Pattern.compile("data-session=\"(ses_[A-Za-z0-9_-]+)\"");

    private final Api api;
    final String token;

    private WidgetLogin(Api api, String token) {
        this.api = api;
        this.token = token;
    }

    /** The widget page a 200 answered with: connect mode, its session credential in the page, never cached. */
    static WidgetLogin of(Api api, Api.Response page) {
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.text()).contains("data-mode=\"connect\"");
        Matcher m = SESSION.matcher(page.text());
        assertThat(m.find()).as(page.text()).isTrue();
        return new WidgetLogin(api, m.group(1));
    }

    JsonNode session() {
        Api.Response response = api.get("/v1/session", Api.bearer(token));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    Api.Response post(String path, Object body) {
        return api.post(path, body, Api.bearer(token));
    }

    JsonNode consent() {
        return ok("/v1/session/consent", Map.of(), 200);
    }

    Api.Response choose(String integrationId) {
        return post("/v1/session/integration", Map.of("integrationId", integrationId));
    }

    JsonNode logIn(String username, String password) {
        return ok("/v1/session/credentials", Map.of("credentials", Map.of("username", username, "password", password)), 202);
    }

    JsonNode answer(Map<String, Object> answer) {
        return ok("/v1/session/mfa", answer, 202);
    }

    Api.Response exit() {
        return post("/v1/session/exit", Map.of("reason", "user_exited"));
    }

    /** POST /v1/connect/finish, as the widget does once the link stopped. */
    JsonNode finish() {
        Api.Response response = post("/v1/connect/finish", Map.of());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    /** Polls GET /v1/session until one of {@code steps}; returns that session. */
    JsonNode awaitStep(String... steps) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last.set(session());
            return List.of(steps).contains(last.get().get("step").asString());
        });
        return last.get();
    }

    private JsonNode ok(String path, Object body, int status) {
        Api.Response response = post(path, body);
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        return response.json();
    }
}
