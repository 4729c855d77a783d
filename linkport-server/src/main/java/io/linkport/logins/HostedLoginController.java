package io.linkport.logins;

import io.linkport.connector.AuthMethod;
import io.linkport.connector.MfaAnswer;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hosted login pages a flow runs through: {@code GET /v1/login/{flowId}} shows the current
 * step, the POSTs advance it, and a finished flow redirects to the tenant's redirect URI.
 */
@RestController
@Tag(name = "Hosted login", description = "Pages of the hosted login behind /v1/OAuth/Authorize and /v1/connect")
class HostedLoginController {

    private final AuthorizeFlowService flows;
    private final OAuthFlowStep oauth;
    private final ProviderCatalog catalog;

    HostedLoginController(AuthorizeFlowService flows, OAuthFlowStep oauth, ProviderCatalog catalog) {
        this.flows = flows;
        this.oauth = oauth;
        this.catalog = catalog;
    }

    @GetMapping(value = "/v1/login/{flowId}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The hosted login page for a flow (institution choice, credentials, MFA, result)")
    ResponseEntity<String> page(@PathVariable String flowId) {
        return render(flows.show(flows.get(flowId)));
    }

    @PostMapping(value = "/v1/login/{flowId}/institution", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Choose the institution")
    ResponseEntity<String> institution(@PathVariable String flowId, @RequestParam MultiValueMap<String, String> form) {
        FlowStep step = flows.choose(flowId, form.getFirst("institution"));
        AuthorizeFlow flow = flows.get(flowId);
        if (step instanceof FlowStep.Show && flow.status() == AuthorizeFlow.Status.OPEN && flow.integrationId() != null
                && calls(flow).descriptor().authMethod() == AuthMethod.OAUTH) {
            return send(oauth.begin(flow));
        }
        return send(step);
    }

    @PostMapping(value = "/v1/login/{flowId}/credentials", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Submit the credentials to the institution")
    ResponseEntity<String> credentials(@PathVariable String flowId, @RequestParam MultiValueMap<String, String> form) {
        AuthorizeFlow flow = flows.get(flowId);
        Map<String, String> credentials = new LinkedHashMap<>();
        if (flow.integrationId() != null) {
            calls(flow).descriptor().credentialFields().forEach(f -> {
                String value = form.getFirst(f.name());
                credentials.put(f.name(), value == null ? "" : value.length() > 1024 ? value.substring(0, 1024) : value);
            });
        }
        return send(flows.credentials(flowId, credentials));
    }

    @PostMapping(value = "/v1/login/{flowId}/mfa", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Answer the institution's MFA challenge")
    ResponseEntity<String> mfa(@PathVariable String flowId, @RequestParam MultiValueMap<String, String> form) {
        List<String> answers = form.get("answer");
        return send(flows.mfa(flowId, new MfaAnswer(form.getFirst("code"), answers, form.getFirst("deviceId"))));
    }

    @PostMapping(value = "/v1/login/{flowId}/cancel")
    @Operation(summary = "Cancel the login (the tenant receives error=access_denied)")
    ResponseEntity<String> cancel(@PathVariable String flowId) {
        return send(flows.cancel(flowId));
    }

    @GetMapping(value = OAuthFlowStep.CALLBACK_PATH, produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Where an OAuth institution sends the user back (code and Linkport's one-time state)")
    ResponseEntity<String> oauthCallback(@RequestParam(required = false) String state,
                                         @RequestParam(required = false) String code,
                                         @RequestParam(required = false) String error) {
        return send(oauth.callback(state, code, error));
    }

    @ExceptionHandler(FlowPageException.class)
    ResponseEntity<String> errorPage(FlowPageException e) {
        return LoginPages.error(e.status(), e.title(), e.getMessage());
    }

    /** After a POST: a redirect to the tenant, or back to the page (post/redirect/get). */
    private ResponseEntity<String> send(FlowStep step) {
        if (step instanceof FlowStep.Redirect redirect) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(redirect.url()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        AuthorizeFlow flow = ((FlowStep.Show) step).flow();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/v1/login/" + flow.id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private ResponseEntity<String> render(FlowStep step) {
        if (step instanceof FlowStep.Redirect redirect) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(redirect.url()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        AuthorizeFlow flow = ((FlowStep.Show) step).flow();
        if (flow.finished()) {
            return LoginPages.done(flow);
        }
        if (flow.integrationId() == null) {
            return LoginPages.chooser(flow, catalog.list(flow.mode()));
        }
        Provider provider = calls(flow);
        if (flow.status() == AuthorizeFlow.Status.OPEN && provider.descriptor().authMethod() == AuthMethod.OAUTH) {
            FlowStep next = oauth.begin(flow);
            return next instanceof FlowStep.Redirect ? send(next) : render(next);
        }
        return switch (flow.status()) {
            case MFA -> LoginPages.mfa(flow, provider, flows.challenge(flow));
            case WORKING, OAUTH -> LoginPages.page(200, "Connecting to " + provider.descriptor().name(),
                    "<p>Please wait, then reload this page.</p>");
            default -> LoginPages.credentials(flow, provider);
        };
    }

    private Provider calls(AuthorizeFlow flow) {
        return flows.institution(flow.integrationId(), flow.mode()).orElseThrow(() ->
                new FlowPageException(404, "Institution not available", "This institution is not available."));
    }
}
