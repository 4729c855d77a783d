package io.linkport.logins;

import io.linkport.common.Mode;
import io.linkport.connector.AuthMethod;
import io.linkport.providers.Provider;
import io.linkport.tenants.Tenant;
import io.linkport.tenants.TenantService;
import io.linkport.widget.LoginWidgetPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 003's {@code GET /v1/OAuth/Authorize}: a custom integration sends the user here and gets
 * them back on its redirect URI with a {@code loginId} or an error. Credential institutions log in
 * in the hosted widget (full page); OAuth institutions at their own authorization server. Every check that decides
 * whether the redirect URI can be trusted happens before anything else, and any failure there
 * is an HTML error page — this endpoint never redirects to a URI it has not matched exactly.
 */
@RestController
@Tag(name = "Saved logins")
class OAuthAuthorizeController {

    private final TenantService tenants;
    private final RedirectUriService redirectUris;
    private final AuthorizeFlowService flows;
    private final OAuthFlowStep oauth;
    private final LoginSessions sessions;
    private final LoginWidgetPage widget;

    OAuthAuthorizeController(TenantService tenants, RedirectUriService redirectUris, AuthorizeFlowService flows,
                             OAuthFlowStep oauth, LoginSessions sessions, LoginWidgetPage widget) {
        this.tenants = tenants;
        this.redirectUris = redirectUris;
        this.flows = flows;
        this.oauth = oauth;
        this.sessions = sessions;
        this.widget = widget;
    }

    @GetMapping(value = "/v1/OAuth/Authorize", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Send the user to an institution's login; they come back on redirect_uri with loginId and state")
    ResponseEntity<String> authorize(@RequestParam(name = "client_id", required = false) String clientId,
                                     @RequestParam(required = false) String institution,
                                     @RequestParam(name = "redirect_uri", required = false) String redirectUri,
                                     @RequestParam(required = false) String state,
                                     @RequestParam(name = "end_user_id", required = false) String endUserId,
                                     @RequestParam(required = false) String language) {
        Tenant tenant = tenants.findByClientId(clientId == null ? "" : clientId).orElseThrow(() ->
                new FlowPageException(400, "Unknown application", "The client_id does not belong to any application."));
        if (redirectUri == null || !redirectUris.allowed(tenant.id(), redirectUri)) {
            throw new FlowPageException(400, "Redirect not allowed",
                    "The redirect_uri is not registered for this application, so you were not sent anywhere.");
        }
        if (state == null || state.isEmpty() || state.length() > 1024) {
            throw new FlowPageException(400, "Missing state", "The request has no state parameter (at most 1024 characters).");
        }
        Provider provider = flows.institution(institution, Mode.SANDBOX).orElseThrow(() ->
                new FlowPageException(400, "Unknown institution", "The institution parameter names no institution."));
        if (endUserId != null && endUserId.length() > 255) {
            throw new FlowPageException(400, "Invalid end user", "end_user_id must be at most 255 characters.");
        }
        Mode mode = provider.descriptor().sandbox() ? Mode.SANDBOX : Mode.PRODUCTION;
        String lang = language == null || language.length() > 16 ? null : language;
        if (provider.descriptor().authMethod() != AuthMethod.OAUTH) {
            // Credentials and MFA are typed in the hosted widget, full page; it comes back through /v1/connect/finish.
            LoginSessions.Opened opened = sessions.authorize(tenant.id(), mode, provider.id(), redirectUri, state, endUserId, lang);
            return widget.render(opened.tenantId(), opened.sessionToken(), false);
        }
        AuthorizeFlow flow = flows.start(tenant.id(), mode, AuthorizeFlow.Origin.OAUTH_AUTHORIZE, provider.id(), redirectUri,
                state, endUserId, null, lang);
        FlowStep step = oauth.begin(flow);
        if (step instanceof FlowStep.Redirect redirect) {
            return redirect(redirect.url());
        }
        return LoginPages.done(((FlowStep.Show) step).flow());
    }

    @ExceptionHandler(FlowPageException.class)
    ResponseEntity<String> errorPage(FlowPageException e) {
        return LoginPages.error(e.status(), e.title(), e.getMessage());
    }

    static ResponseEntity<String> redirect(String url) {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(url))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
