package io.linkport.widget;

import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.linkport.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every widget screen at phone width, rendered from fixture Session documents (the session API
 * contract) served in place of the engine: the screens the sandbox rarely reaches (a write
 * operation's consent, a failed operation) and the exact requests the widget sends.
 */
class WidgetScreensBrowserTest extends BrowserTest {

    private final List<String> requests = new ArrayList<>();

    @Test
    void screensWhenFixtureSessionWalksEveryStepThenEachRendersAndSendsTheContractRequests() {
        page.setViewportSize(360, 740);
        context.route("**/v1/session*/**", this::fixture);
        context.route("**/v1/session", this::fixture);
        context.route("**/v1/sessions", this::fixture);
        openWidget(Map.of("linkToken", "header.eyJ0aWQiOiJ0ZW5feCJ9.sig"));

        screen("select_integration");
        page.waitForRequest(request -> request.url().endsWith("q=pay"), () -> widget().getByLabel("Search").fill("pay"));
        widget().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.FrameLocator.GetByRoleOptions().setName("Payroll Co payroll")).click();
        Map<String, Object> select = payloadOf("event:select_integration");
        assertThat(select.get("integrationId")).isEqualTo("payco");

        screen("consent");
        String consent = widget().locator("main").textContent();
        assertThat(consent).contains("Acme wants to connect to your Payroll Co account")
                .contains("Read your employer and job title").contains("Switch your direct deposit to Acme");
        clickButton("Continue");

        screen("credentials");
        assertThat(widget().locator("#lp-f-employee_id").getAttribute("type")).isEqualTo("text");
        assertThat(widget().locator("#lp-f-pin").getAttribute("type")).isEqualTo("password");
        widget().getByLabel("Employee ID").fill("E-1");
        widget().getByLabel("PIN").fill("9999");
        clickButton("Log in");

        screen("mfa");
        widget().getByLabel("What was the name of your first pet?").fill("fluffy");
        clickButton("Continue");

        screen("running");
        screen("completed");
        awaitCall("onSuccess");

        assertThat(requests).containsExactly("POST /v1/sessions {\"linkToken\":\"header.eyJ0aWQiOiJ0ZW5feCJ9.sig\"}",
                "GET /v1/session/integrations?q=", "GET /v1/session/integrations?q=pay",
                "POST /v1/session/integration {\"integrationId\":\"payco\"}", "POST /v1/session/consent {}",
                "POST /v1/session/credentials {\"credentials\":{\"employee_id\":\"E-1\",\"pin\":\"9999\"}}",
                "POST /v1/session/mfa {\"answers\":[\"fluffy\"]}", "GET /v1/session", "GET /v1/session");
        assertThat(callNames()).containsSubsequence("event:open", "event:select_integration", "event:submit_credentials",
                "event:mfa_required", "event:submit_mfa", "onLogin", "event:operation_started", "event:operation_completed",
                "event:operation_started", "event:operation_completed", "onSuccess");
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
    }

    private int polls;

    private void fixture(Route route) {
        String method = route.request().method();
        String url = route.request().url();
        String path = url.substring(url.indexOf("/v1/"));
        String body = route.request().postData();
        requests.add(method + " " + path + (body == null ? "" : " " + body));
        ObjectNode session = base();
        switch (path.replaceAll("\\?.*", "")) {
            case "/v1/sessions" -> {
                session.put("step", "select_integration");
                respond(route, 201, Api.JSON.createObjectNode().put("sessionToken", "ses_fixture")
                        .put("expiresAt", "2999-01-01T00:00:00Z").set("session", session));
                return;
            }
            case "/v1/session/integrations" -> {
                respond(route, 200, Api.JSON.readTree("""
                        {"integrations":[{"id":"payco","name":"Payroll Co","category":"payroll","authMethod":"CREDENTIALS"},
                                         {"id":"paysmart","name":"PaySmart","category":"payroll","authMethod":"CREDENTIALS"}]}"""));
                return;
            }
            case "/v1/session/integration" -> session.put("step", "consent");
            case "/v1/session/consent" -> session.put("step", "credentials");
            case "/v1/session/credentials" -> {
                session.put("step", "mfa").put("status", "mfa_required");
                session.set("mfa", Api.JSON.readTree("""
                        {"type":"SECURITY_QUESTION","prompt":"Answer your security question",
                         "questions":["What was the name of your first pet?"],"devices":[]}"""));
            }
            case "/v1/session/mfa" -> running(session, "running", "pending");
            case "/v1/session" -> {
                if (polls++ == 0) {
                    running(session, "completed", "running");
                } else {
                    session.put("step", "completed").put("status", "completed");
                    running(session, "completed", "completed");
                }
            }
            default -> {
                respond(route, 404, Api.JSON.createObjectNode().put("error", "not_found"));
                return;
            }
        }
        respond(route, path.endsWith("credentials") || path.endsWith("mfa") ? 202 : 200, session);
    }

    private void running(ObjectNode session, String first, String second) {
        if (!session.has("step") || !"completed".equals(session.get("step").asString())) {
            session.put("step", "running").put("status", "running");
        }
        ((ObjectNode) session.get("operations").get(0)).put("status", first);
        ((ObjectNode) session.get("operations").get(1)).put("status", second);
    }

    private static ObjectNode base() {
        return (ObjectNode) Api.JSON.readTree("""
                {"linkId":"link_fixture","linkTokenId":"tok-1","endUserId":"eu-1","orgName":"Acme","mode":"sandbox",
                 "language":"en","status":"claimed","integrationFixed":false,
                 "integration":{"id":"payco","name":"Payroll Co","category":"payroll","authMethod":"CREDENTIALS",
                   "credentialFields":[{"name":"employee_id","label":"Employee ID","secret":false},
                                       {"name":"pin","label":"PIN","secret":true}]},
                 "operations":[{"resource":"employment","action":"read","description":"Read your employer and job title","changesData":false,"status":"pending"},
                               {"resource":"directDeposit","action":"write","description":"Switch your direct deposit to Acme","changesData":true,"status":"pending"}],
                 "mfa":null,"error":null,"attemptsLeft":3,"returnUrl":null,
                 "sandbox":{"testCredentials":[{"username":"E-1","password":"9999","behaviour":"logs in","mfaAnswer":"fluffy"}]},
                 "expiresAt":"2999-01-01T00:00:00Z"}""");
    }

    private static void respond(Route route, int status, Object body) {
        route.fulfill(new Route.FulfillOptions().setStatus(status).setContentType("application/json")
                .setBody(Api.JSON.writeValueAsString(body)));
    }
}
