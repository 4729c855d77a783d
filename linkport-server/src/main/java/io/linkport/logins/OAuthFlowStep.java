package io.linkport.logins;

import io.linkport.common.PublicUrls;
import io.linkport.common.Secrets;
import io.linkport.connector.AuthorizationCallback;
import io.linkport.connector.AuthorizationRedirect;
import io.linkport.connector.AuthorizationStart;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.LoginResult;
import io.linkport.providers.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The OAuth leg of {@code /v1/OAuth/Authorize} for an OAuth institution: send the user to the institution's authorization server with
 * PKCE (S256) and Linkport's own one-time {@code state} — never the tenant's — then exchange the
 * code when the user comes back. Only the SHA-256 of that state is stored; the verifier is sealed.
 */
@Component
class OAuthFlowStep {

    static final String CALLBACK_PATH = "/v1/logins/oauth/callback";

    private final JdbcAuthorizeFlowRepository flows;
    private final AuthorizeFlowService service;
    private final InstitutionCalls calls;
    private final CredentialVault vault;
    private final PublicUrls urls;
    private final java.time.Clock clock;

    OAuthFlowStep(JdbcAuthorizeFlowRepository flows, AuthorizeFlowService service, InstitutionCalls calls,
                  CredentialVault vault, PublicUrls urls, java.time.Clock clock) {
        this.clock = clock;
        this.flows = flows;
        this.service = service;
        this.calls = calls;
        this.vault = vault;
        this.urls = urls;
    }

    FlowStep begin(AuthorizeFlow flow) {
        Provider provider = calls.provider(flow.integrationId());
        String verifier = Secrets.randomUrlSafe(32);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Secrets.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = Secrets.randomUrlSafe(32);
        AuthorizationRedirect redirect;
        try {
            redirect = provider.connector().beginAuthorization(new AuthorizationStart(urls.resolve(CALLBACK_PATH), state,
                    challenge, calls.context(flow.tenantId(), flow.integrationId(), null, provider.descriptor().sandbox())));
        } catch (RuntimeException e) {
            return service.fail(flow, RedirectResults.INSTITUTION_UNAVAILABLE);
        }
        Map<String, Map<String, String>> pending = new LinkedHashMap<>();
        pending.put("pkce", Map.of("verifier", verifier));
        pending.put("state", redirect.pending() == null ? Map.of() : redirect.pending().values());
        if (!flows.toOAuth(flow.id(), Secrets.sha256Hex(state), vault.seal(pending, flow.id()))) {
            return service.outcome(service.reload(flow));
        }
        return new FlowStep.Redirect(redirect.url());
    }

    /** The institution sent the user back; {@code state} must be one this server issued and not yet used. */
    FlowStep callback(String state, String code, String error) {
        if (state == null || state.isBlank() || state.length() > 512) {
            throw unknownState();
        }
        AuthorizeFlow flow = flows.findByStateHash(Secrets.sha256Hex(state)).orElseThrow(OAuthFlowStep::unknownState);
        String sealed = flows.pending(flow.id()).orElse(null);
        if (sealed == null || !flows.move(flow.id(), AuthorizeFlow.Status.OAUTH, AuthorizeFlow.Status.WORKING)) {
            throw unknownState();
        }
        if (flow.expired(clock.instant())) {
            return service.fail(flow, RedirectResults.LOGIN_EXPIRED);
        }
        if (error != null || code == null || code.isBlank()) {
            return service.fail(flow, "access_denied".equals(error) || error == null ? RedirectResults.ACCESS_DENIED
                    : RedirectResults.INSTITUTION_UNAVAILABLE);
        }
        Map<String, Map<String, String>> pending = vault.open(sealed, flow.id());
        Provider provider = calls.provider(flow.integrationId());
        io.linkport.connector.ConnectorContext context = calls.context(flow.tenantId(), flow.integrationId(), null,
                provider.descriptor().sandbox());
        // Built here, on the request thread: the callback URL comes from the request when no public URL is configured.
        AuthorizationCallback exchange = new AuthorizationCallback(code, null, pending.get("pkce").get("verifier"),
                urls.resolve(CALLBACK_PATH), new ConnectorState(pending.get("state")), context);
        LoginResult result = calls.login(context, () -> provider.connector().completeAuthorization(exchange));
        return service.afterOAuth(flow, result);
    }

    private static FlowPageException unknownState() {
        return new FlowPageException(400, "Link expired",
                "This sign-in response is unknown or was already used. Start again from the app.");
    }

}
