package io.linkport.sessions;

import static io.linkport.links.LinkFixtures.seedExample;
import static io.linkport.links.LinkFixtures.singleRead;
import static io.linkport.links.LinkFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.links.LinkFixtures;
import io.linkport.links.LinkSweeper;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Claim → consent → login (+ MFA) → operations → result, over HTTP, on the sandbox T-Mobile and its test users. */
class SessionFlowTest extends ServerTest {

    @Autowired
    LinkSweeper sweeper;

    private JsonNode createLink(TestTenant tenant, Map<String, Object> body) {
        Api.Response response = api.post("/v1/links", body, tenant.auth());
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }

    private SessionClient claimed(TestTenant tenant, Map<String, Object> body) {
        return SessionClient.claim(api, "claimCode", createLink(tenant, body).get("claimCode").asString());
    }

    private List<String> events(String linkId) {
        return jdbc.sql("SELECT type FROM events WHERE link_id = ? ORDER BY seq").param(linkId).query(String.class).list();
    }

    private JsonNode link(TestTenant tenant, String linkId) {
        return api.get("/v1/links/" + linkId, tenant.auth()).json();
    }

    @Test
    void seedExampleThroughClaimLoginAndBothOperationsThenWrappedResult() {
        TestTenant tenant = newTenant("flow-seed");
        SessionClient session = claimed(tenant, seedExample());
        JsonNode started = session.started.get("session");
        assertThat(started.get("status").asString()).isEqualTo("claimed");
        assertThat(started.get("step").asString()).isEqualTo("consent");
        assertThat(started.get("integrationFixed").asBoolean()).isTrue();
        assertThat(started.get("integration").get("credentialFields")).hasSize(2);
        assertThat(started.get("operations").get(1).get("changesData").asBoolean()).isTrue();
        assertThat(started.get("returnUrl").asString()).endsWith("?linkId=" + session.linkId());
        assertThat(started.get("sandbox").get("testCredentials")).isNotEmpty();
        assertThat(started.toString()).doesNotContain(LinkFixtures.CARD_NUMBER);

        assertThat(session.consent().get("step").asString()).isEqualTo("credentials");
        JsonNode submitted = session.logIn("user_good", "pass_good");
        // Only the documented sandbox test users may mention a password; nothing echoes what was typed.
        assertThat(((tools.jackson.databind.node.ObjectNode) submitted).without("sandbox").toString())
                .doesNotContain("pass_good");
        JsonNode done = session.awaitStep("completed");
        assertThat(done.get("operations").findValuesAsString("status")).containsExactly("completed", "completed");

        JsonNode link = link(tenant, session.linkId());
        assertThat(link.get("status").asString()).isEqualTo("completed");
        JsonNode operations = link.get("result").get("operations");
        assertThat(operations).hasSize(2);
        assertThat(operations.get(0).get("resource").asString()).isEqualTo("paymentMethod");
        assertThat(operations.get(0).get("action").asString()).isEqualTo("read");
        assertThat(operations.get(0).get("data").get("paymentMethods")).isNotEmpty();
        assertThat(operations.get(1).get("action").asString()).isEqualTo("write");
        assertThat(operations.get(1).get("data").get("paymentMethods").findValuesAsString("last4")).contains("1111");
        assertThat(link.toString()).doesNotContain(LinkFixtures.CARD_NUMBER);
        assertThat(events(session.linkId())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED",
                "LOGIN_SUCCEEDED", "OPERATION_COMPLETED", "OPERATION_COMPLETED", "LINK_COMPLETED");
        String completed = jdbc.sql("SELECT data FROM events WHERE link_id = ? AND type = 'LINK_COMPLETED'")
                .param(session.linkId()).query(String.class).single();
        assertThat(completed).contains("\"resultUrl\":\"" + api.baseUrl() + "/v1/links/" + session.linkId() + "\"")
                .doesNotContain("paymentMethods");
        String sealed = jdbc.sql("SELECT result_encrypted FROM links WHERE id = ?").param(session.linkId())
                .query(String.class).single();
        assertThat(sealed).startsWith("v1:").doesNotContain("1111");
    }

    /**
     * A run's state changes are units of the group transaction (common/GroupTransaction): the
     * claims, logins and operations of concurrent runs commit together. Each run must still end with
     * exactly its own events, in order, and its own delivery; a debug link's steps (written at once,
     * beside grouped link rows) must all be there; a wrong password and an unknown claim code in the
     * same moments fail alone.
     */
    @Test
    void thirtyRunsAtOnceThenEachCompletesWithItsOwnEventsInOrder() throws Exception {
        TestTenant tenant = newTenant("flow-concurrent");
        assertThat(api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/unused",
                "eventTypes", List.of("LINK_COMPLETED")), tenant.auth()).status()).isEqualTo(201);
        java.util.concurrent.ExecutorService users = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            List<java.util.concurrent.Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                boolean debug = i % 5 == 0;
                String username = "user_good_" + i;
                runs.add(users.submit(() -> {
                    SessionClient session = claimed(tenant, debug ? with(seedExample(), "debug", true) : seedExample());
                    session.consent();
                    session.logIn(username, "pass_good");
                    session.awaitStep("completed");
                    return session.linkId() + (debug ? " debug" : "");
                }));
            }
            java.util.concurrent.Future<SessionClient> wrongPassword = users.submit(() -> {
                SessionClient session = claimed(tenant, seedExample());
                session.consent();
                session.logIn("user_good", "pass_wrong");
                return session;
            });
            java.util.concurrent.Future<Integer> unknownCode = users.submit(() ->
                    api.post("/v1/sessions", Map.of("claimCode", "clm_unknown")).status());

            for (java.util.concurrent.Future<String> run : runs) {
                String[] done = run.get(60, TimeUnit.SECONDS).split(" ");
                assertThat(events(done[0])).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED",
                        "LOGIN_SUCCEEDED", "OPERATION_COMPLETED", "OPERATION_COMPLETED", "LINK_COMPLETED");
                assertThat(jdbc.sql("SELECT for_login FROM links WHERE id = ?").param(done[0]).query(Boolean.class).single())
                        .as("an API link has no saved-login flow to look up").isFalse();
                // one to the tenant's endpoint, one to the link's own webhookUrl (seed 002's example has one)
                assertThat(jdbc.sql("SELECT endpoint_id IS NULL FROM webhook_deliveries WHERE event_type = 'LINK_COMPLETED' "
                        + "AND event_id IN (SELECT id FROM events WHERE link_id = ?)").param(done[0]).query(Boolean.class).list())
                        .containsExactlyInAnyOrder(false, true);
                if (done.length > 1) {
                    assertThat(api.get("/v1/links/" + done[0] + "/trace", tenant.auth()).json().get("steps")
                            .findValuesAsString("step")).containsExactly("link_created", "claimed", "consent_given",
                            "credentials_submitted", "login_succeeded", "operation_started", "operation_completed",
                            "operation_started", "operation_completed", "link_completed");
                }
            }
            SessionClient retrying = wrongPassword.get(60, TimeUnit.SECONDS);
            assertThat(retrying.awaitStep("credentials").get("error").get("code").asString()).isEqualTo("INVALID_CREDENTIALS");
            assertThat(events(retrying.linkId())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED",
                    "LOGIN_FAILED");
            assertThat(unknownCode.get(60, TimeUnit.SECONDS)).isEqualTo(404);
        } finally {
            users.shutdownNow();
        }
    }

    @Test
    void singleOperationThenFlatResult() {
        TestTenant tenant = newTenant("flow-flat");
        SessionClient session = claimed(tenant, singleRead("tmobile", "mobileBillingStatement"));
        session.consent();
        session.logIn("user_good", "pass_good");
        session.awaitStep("completed");
        JsonNode result = link(tenant, session.linkId()).get("result");
        assertThat(result.propertyNames()).containsExactly("billing");
        assertThat(result.get("billing")).isNotEmpty();
        Api.Response stream = api.get("/v1/session/stream", session.auth());
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.text()).startsWith("data:").contains("\"step\":\"completed\"");
    }

    /** The stream is open before the login: its events come while the run goes on, not as one sized answer. */
    @Test
    void streamOpenedBeforeLoginThenStepsArriveAsTheyHappen() throws Exception {
        TestTenant tenant = newTenant("flow-stream");
        SessionClient session = claimed(tenant, seedExample());
        session.consent();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest open = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/session/stream"))
                .headers(session.auth()).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> stream = client.send(open, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(stream.headers().firstValue("Content-Length")).isEmpty();
        session.logIn("user_good", "pass_good");
        // read on another thread so that a stream which stops short fails the test instead of hanging it
        CompletableFuture<List<String>> steps = CompletableFuture.supplyAsync(() -> stepsUntilCompleted(stream.body()));
        assertThat(steps.get(30, TimeUnit.SECONDS)).contains("completed").hasSizeGreaterThan(1);
    }

    private static List<String> stepsUntilCompleted(Stream<String> stream) {
        List<String> steps = new ArrayList<>();
        try (stream) {
            Iterator<String> lines = stream.iterator();
            while (!steps.contains("completed") && lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    steps.add(Api.JSON.readTree(line.substring(5)).get("step").asString());
                }
            }
        }
        return steps;
    }

    @Test
    void secondOperationFailsThenLinkFailsAndNothingStored() {
        TestTenant tenant = newTenant("flow-all-or-nothing");
        SessionClient session = claimed(tenant, seedExample());
        session.consent();
        session.logIn("user_fail_second", "pass_good");
        JsonNode failed = session.awaitStep("failed");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("INSTITUTION_ERROR");
        assertThat(failed.get("operations").findValuesAsString("status")).containsExactly("completed", "failed");
        JsonNode link = link(tenant, session.linkId());
        assertThat(link.get("status").asString()).isEqualTo("failed");
        assertThat(link.get("error").get("code").asString()).isEqualTo("INSTITUTION_ERROR");
        assertThat(link.has("result")).isFalse();
        assertThat(jdbc.sql("SELECT result_encrypted FROM links WHERE id = ?").param(session.linkId())
                .query(String.class).optional()).isEmpty();
        assertThat(events(session.linkId())).endsWith("LINK_FAILED").doesNotContain("LINK_COMPLETED");
    }

    @Test
    void wrongPasswordThreeTimesThenLinkFails() {
        TestTenant tenant = newTenant("flow-password");
        SessionClient session = claimed(tenant, seedExample());
        session.consent();
        assertThat(session.session().get("attemptsLeft").asInt()).isEqualTo(3);
        session.logIn("user_good", "wrong");
        JsonNode retry = session.awaitStep("credentials");
        assertThat(retry.get("error").get("code").asString()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(retry.get("error").get("retryable").asBoolean()).isTrue();
        assertThat(retry.get("attemptsLeft").asInt()).isEqualTo(2);
        session.logIn("user_good", "wrong");
        session.awaitStep("credentials");
        assertThat(session.session().get("attemptsLeft").asInt()).isEqualTo(1);
        session.logIn("user_good", "wrong");
        JsonNode failed = session.awaitStep("failed");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(failed.get("error").get("retryable").asBoolean()).isFalse();
        assertThat(events(session.linkId())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED",
                "LOGIN_FAILED", "LOGIN_STARTED", "LOGIN_FAILED", "LOGIN_STARTED", "LINK_FAILED");
        assertThat(session.post("/v1/session/credentials", Map.of("credentials",
                Map.of("username", "user_good", "password", "pass_good"))).status()).isEqualTo(409);
    }

    @Test
    void mfaWrongCodeThenRetryThenRightCodeCompletes() {
        TestTenant tenant = newTenant("flow-mfa");
        SessionClient session = claimed(tenant, singleRead("tmobile", "paymentMethod"));
        session.consent();
        session.logIn("user_mfa_code", "pass_good");
        JsonNode mfa = session.awaitStep("mfa");
        assertThat(mfa.get("status").asString()).isEqualTo("mfa_required");
        assertThat(mfa.get("mfa").get("type").asString()).isEqualTo("ONE_TIME_CODE");
        assertThat(mfa.get("mfa").get("prompt").asString()).isNotBlank();
        assertThat(session.post("/v1/session/mfa", Map.of("deviceId", "x")).status()).isEqualTo(400);
        session.ok("/v1/session/mfa", Map.of("code", "0000"), 202);
        JsonNode retry = session.awaitStep("mfa");
        await(session, s -> s.get("error") != null && !s.get("error").isNull());
        retry = session.session();
        assertThat(retry.get("error").get("code").asString()).isEqualTo("INVALID_MFA");
        assertThat(retry.get("error").get("retryable").asBoolean()).isTrue();
        session.ok("/v1/session/mfa", Map.of("code", "1234"), 202);
        session.awaitStep("completed");
        assertThat(events(session.linkId())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED",
                "MFA_REQUIRED", "LOGIN_STARTED", "LOGIN_FAILED", "LOGIN_STARTED", "LOGIN_SUCCEEDED",
                "OPERATION_COMPLETED", "LINK_COMPLETED");
        String state = jdbc.sql("SELECT connector_state_encrypted FROM links WHERE id = ?").param(session.linkId())
                .query(String.class).optional().orElse(null);
        assertThat(state).isNull();
    }

    private static void await(SessionClient session, java.util.function.Predicate<JsonNode> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> condition.test(session.session()));
    }

    @Test
    void exitBeforeCompletionThenLinkFailsWithUserExited() {
        TestTenant tenant = newTenant("flow-exit");
        SessionClient session = claimed(tenant, seedExample());
        JsonNode exited = session.ok("/v1/session/exit", Map.of("reason", "changed my mind"), 200);
        assertThat(exited.get("status").asString()).isEqualTo("failed");
        assertThat(exited.get("error").get("code").asString()).isEqualTo("USER_EXITED");
        assertThat(events(session.linkId())).endsWith("LINK_FAILED");
    }

    @Test
    void stepsOutOfOrderOrBadInputThenClientErrors() {
        TestTenant tenant = newTenant("flow-errors");
        SessionClient session = claimed(tenant, seedExample());
        Api.Response early = session.post("/v1/session/credentials",
                Map.of("credentials", Map.of("username", "user_good", "password", "pass_good")));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("error").asString()).isEqualTo("consent_required");
        session.consent();
        Api.Response missing = session.post("/v1/session/credentials", Map.of("credentials", Map.of("username", "user_good")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("issues").get(0).get("path").asString()).isEqualTo("credentials.password");
        assertThat(session.post("/v1/session/mfa", Map.of("code", "1")).status()).isEqualTo(409);
        assertThat(session.post("/v1/session/integration", Map.of("integrationId", "x")).json().get("error").asString())
                .isEqualTo("integration_fixed");
        assertThat(api.get("/v1/session").status()).isEqualTo(401);
        assertThat(api.get("/v1/session", Api.bearer("ses_nope")).json().get("error").asString()).isEqualTo("invalid_session");
        assertThat(session.session().get("status").asString()).isEqualTo("claimed");
    }

    @Test
    void sessionExpiredThenUnauthorizedAndRenewExtendsIt() {
        TestTenant tenant = newTenant("flow-session-expiry");
        SessionClient session = claimed(tenant, seedExample());
        JsonNode renewed = session.ok("/v1/session/renew", Map.of(), 200);
        assertThat(renewed.get("sessionToken").asString()).isEqualTo(session.token);
        assertThat(java.time.Instant.parse(renewed.get("expiresAt").asString()))
                .isAfterOrEqualTo(java.time.Instant.parse(session.started.get("expiresAt").asString()));
        jdbc.sql("UPDATE link_sessions SET expires_at = ? WHERE link_id = ?")
                .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1), session.linkId()).update();
        Api.Response expired = api.get("/v1/session", session.auth());
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error").asString()).isEqualTo("session_expired");
        assertThat(session.post("/v1/session/renew", Map.of()).json().get("error").asString()).isEqualTo("session_expired");
    }

    @Test
    void runThatStopsOnLinkportsSideFailsWithInternalErrorNotTheInstitutions() {
        TestTenant tenant = newTenant("flow-internal");
        SessionClient session = claimed(tenant, seedExample());
        SessionClient other = claimed(tenant, seedExample());
        // Another link's sealed arguments: well-formed, but bound to that link's id, so opening
        // them for this link fails inside the run, after the institution said yes.
        String foreign = jdbc.sql("SELECT arguments_encrypted FROM links WHERE id = ?").param(other.linkId())
                .query(String.class).single();
        jdbc.sql("UPDATE links SET arguments_encrypted = ? WHERE id = ?").params(foreign, session.linkId()).update();
        session.consent();
        session.logIn("user_good", "pass_good");
        JsonNode failed = session.awaitStep("failed");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(failed.get("error").get("retryable").asBoolean()).isFalse();
        JsonNode link = link(tenant, session.linkId());
        assertThat(link.get("status").asString()).isEqualTo("failed");
        assertThat(link.get("error").get("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(link.has("result")).isFalse();
        assertThat(events(session.linkId())).containsExactly("LINK_CREATED", "LINK_CLAIMED", "LOGIN_STARTED",
                "LOGIN_SUCCEEDED", "LINK_FAILED");
    }

    @Test
    void runWhoseLeaseLapsedThenSweeperFailsItInterrupted() {
        TestTenant tenant = newTenant("flow-restart");
        SessionClient session = claimed(tenant, seedExample());
        session.consent();
        session.logIn("user_slow", "pass_good");
        assertThat(session.session().get("status").asString()).isEqualTo("authenticating");
        // What a node that died leaves: a lease (and with it the link's sweep time) in the past.
        java.time.OffsetDateTime lapsed = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(5);
        jdbc.sql("UPDATE links SET lease_owner = 'node_gone', lease_until = ?, sweep_at = ? WHERE id = ?")
                .params(lapsed, lapsed, session.linkId()).update();
        // The scheduled sweep may get there first; the assertions below hold whichever sweep did it.
        sweeper.sweepLapsedLeases();
        JsonNode link = link(tenant, session.linkId());
        assertThat(link.get("status").asString()).isEqualTo("failed");
        assertThat(link.get("error").get("code").asString()).isEqualTo("INTERRUPTED");
        assertThat(events(session.linkId())).endsWith("LINK_FAILED");
        // The slow login finishing later on this node must not revive the link.
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofSeconds(5)).atMost(java.time.Duration.ofSeconds(10))
                .until(() -> true);
        assertThat(link(tenant, session.linkId()).get("status").asString()).isEqualTo("failed");
        assertThat(events(session.linkId())).filteredOn("LINK_FAILED"::equals).hasSize(1);
    }

    @Test
    void debugLinkThenTraceStepsAndNoSecretAnywhere() {
        TestTenant tenant = newTenant("flow-debug");
        SessionClient session = claimed(tenant, with(seedExample(), "debug", true));
        session.consent();
        session.logIn("user_good", "pass_good");
        session.awaitStep("completed");
        Api.Response trace = api.get("/v1/links/" + session.linkId() + "/trace", tenant.auth());
        assertThat(trace.status()).isEqualTo(200);
        List<String> steps = trace.json().get("steps").findValuesAsString("step");
        assertThat(steps).containsSubsequence("link_created", "claimed", "consent_given", "credentials_submitted",
                "login_succeeded", "operation_started", "operation_completed", "operation_started",
                "operation_completed", "link_completed");
        assertThat(trace.text()).doesNotContain(LinkFixtures.CARD_NUMBER).doesNotContain("pass_good")
                .doesNotContain("\"123\"");
        assertThat(DatabaseText.occurrences(jdbc, LinkFixtures.CARD_NUMBER)).isEmpty();
        assertThat(DatabaseText.occurrences(jdbc, "pass_good")).isEmpty();
    }

    @Test
    void securityQuestionAndDeviceSelectionMfaThenCompleted() {
        TestTenant tenant = newTenant("flow-mfa-kinds");
        SessionClient question = claimed(tenant, singleRead("tmobile", "paymentMethod"));
        question.consent();
        question.logIn("user_mfa_question", "pass_good");
        JsonNode asked = question.awaitStep("mfa");
        assertThat(asked.get("mfa").get("type").asString()).isEqualTo("SECURITY_QUESTION");
        assertThat(asked.get("mfa").get("questions")).hasSize(1);
        question.ok("/v1/session/mfa", Map.of("answers", List.of("Fluffy")), 202);
        question.awaitStep("completed");

        SessionClient device = claimed(tenant, singleRead("tmobile", "paymentMethod"));
        device.consent();
        device.logIn("user_mfa_device", "pass_good");
        JsonNode devices = device.awaitStep("mfa");
        assertThat(devices.get("mfa").get("type").asString()).isEqualTo("DEVICE_SELECTION");
        device.ok("/v1/session/mfa", Map.of("deviceId", devices.get("mfa").get("devices").get(0).get("id").asString()), 202);
        await(device, s -> "mfa".equals(s.get("step").asString()) && "ONE_TIME_CODE".equals(s.get("mfa").get("type").asString()));
        device.ok("/v1/session/mfa", Map.of("code", "1234"), 202);
        device.awaitStep("completed");
    }

    @Test
    void lockedAccountThenLinkFailsAtOnce() {
        TestTenant tenant = newTenant("flow-locked");
        SessionClient session = claimed(tenant, singleRead("tmobile", "paymentMethod"));
        session.consent();
        session.logIn("user_locked", "pass_good");
        JsonNode failed = session.awaitStep("failed");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("ACCOUNT_LOCKED");
        assertThat(failed.get("error").get("retryable").asBoolean()).isFalse();
    }
}
