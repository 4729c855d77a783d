package io.linkport.logins;

import io.linkport.common.Ids;
import io.linkport.common.Mode;
import io.linkport.connector.AuthMethod;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswer;
import io.linkport.connector.MfaChallenge;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hosted login behind {@code /v1/OAuth/Authorize} and {@code /v1/connect}: pick an
 * institution, type credentials, answer MFA, and end with a saved login (or an error) sent back
 * to the tenant. Each step moves the flow from the status it expects with a conditional UPDATE,
 * so a double submit runs the institution call once. Connector calls run outside transactions.
 */
@Service
class AuthorizeFlowService {

    static final int ATTEMPTS = 3;

    private final JdbcAuthorizeFlowRepository flows;
    private final ProviderCatalog catalog;
    private final InstitutionCalls calls;
    private final LoginService logins;
    private final CredentialVault vault;
    private final EventLog events;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final LoginsProperties properties;
    private final Clock clock;

    AuthorizeFlowService(JdbcAuthorizeFlowRepository flows, ProviderCatalog catalog, InstitutionCalls calls,
                         LoginService logins, CredentialVault vault, EventLog events, TransactionTemplate tx, JsonMapper json,
                         LoginsProperties properties, Clock clock) {
        this.flows = flows;
        this.catalog = catalog;
        this.calls = calls;
        this.logins = logins;
        this.vault = vault;
        this.events = events;
        this.tx = tx;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    AuthorizeFlow start(String tenantId, Mode mode, AuthorizeFlow.Origin origin, String integrationId, String redirectUri,
                        String clientState, String endUserId, String updateLoginId, String language) {
        Instant now = clock.instant();
        AuthorizeFlow flow = new AuthorizeFlow(Ids.prefixed("flow_"), tenantId, mode, origin, integrationId, redirectUri,
                clientState, endUserId, updateLoginId, language, AuthorizeFlow.Status.OPEN, ATTEMPTS, null, null, now,
                now.plus(properties.flowLifetime()));
        flows.insert(flow);
        return flow;
    }

    /** The flow, or an error page for an id that does not exist. */
    AuthorizeFlow get(String flowId) {
        return flows.find(flowId == null ? "" : flowId).orElseThrow(() ->
                new FlowPageException(404, "Link not found", "This connection link does not exist. Start again from the app."));
    }

    Optional<Provider> institution(String integrationId, Mode mode) {
        return catalog.find(integrationId, mode);
    }

    /** The page to show for a flow, or — once it has ended or expired — the redirect back to the tenant. */
    FlowStep show(AuthorizeFlow flow) {
        if (!flow.finished() && flow.expired(clock.instant())) {
            return fail(flow, RedirectResults.LOGIN_EXPIRED);
        }
        return outcome(flows.find(flow.id()).orElseThrow());
    }

    FlowStep choose(String flowId, String integrationId) {
        AuthorizeFlow flow = get(flowId);
        Provider provider = catalog.find(integrationId, flow.mode()).orElse(null);
        if (provider != null && flow.integrationId() == null && !flow.expired(clock.instant())) {
            flows.choose(flow.id(), provider.id(), flow.mode());
        }
        return show(get(flowId));
    }

    FlowStep cancel(String flowId) {
        return fail(get(flowId), RedirectResults.ACCESS_DENIED);
    }

    FlowStep credentials(String flowId, Map<String, String> credentials) {
        AuthorizeFlow flow = get(flowId);
        if (flow.expired(clock.instant()) || flow.integrationId() == null
                || !flows.move(flow.id(), AuthorizeFlow.Status.OPEN, AuthorizeFlow.Status.WORKING)) {
            return show(flow);
        }
        Provider provider = calls.provider(flow.integrationId());
        LoginSecret secret = new LoginSecret(credentials, null);
        LoginResult result = guard(() -> provider.connector().login(new io.linkport.connector.LoginRequest(credentials,
                calls.context(flow.tenantId(), flow.integrationId(), credentials.get("username"), provider.descriptor().sandbox()))));
        return afterLogin(flow, secret, result, AuthorizeFlow.Status.OPEN);
    }

    FlowStep mfa(String flowId, MfaAnswer answer) {
        AuthorizeFlow flow = get(flowId);
        String sealed = flows.pending(flow.id()).orElse(null);
        if (flow.expired(clock.instant()) || sealed == null
                || !flows.move(flow.id(), AuthorizeFlow.Status.MFA, AuthorizeFlow.Status.WORKING)) {
            return show(flow);
        }
        Map<String, Map<String, String>> pending = vault.open(sealed, flow.id());
        LoginSecret secret = new LoginSecret(pending.get("credentials"), null);
        Provider provider = calls.provider(flow.integrationId());
        LoginResult result = guard(() -> provider.connector().answerMfa(new io.linkport.connector.MfaAnswerRequest(answer,
                new ConnectorState(pending.get("state")), calls.context(flow.tenantId(), flow.integrationId(),
                secret.credentials().get("username"), provider.descriptor().sandbox()))));
        if (result instanceof LoginResult.Failure failure && failure.code() == FailureCode.INVALID_MFA && flow.attemptsLeft() > 1) {
            flows.toMfa(flow.id(), vault.seal(pending, flow.id()), failure.code().name());
            flows.retry(flow.id(), AuthorizeFlow.Status.MFA, flow.attemptsLeft() - 1, failure.code().name());
            return show(get(flowId));
        }
        return afterLogin(flow, secret, result, AuthorizeFlow.Status.MFA);
    }

    /** The challenge a flow in MFA is waiting for. */
    MfaChallenge challenge(AuthorizeFlow flow) {
        return flows.pending(flow.id()).map(s -> vault.open(s, flow.id()).get("challenge"))
                .map(c -> json.readValue(c.get("json"), MfaChallenge.class)).orElse(null);
    }

    /** After the institution answered a login step (credentials, MFA or OAuth code). */
    FlowStep afterLogin(AuthorizeFlow flow, LoginSecret secret, LoginResult result, AuthorizeFlow.Status retryStatus) {
        if (result instanceof LoginResult.MfaRequired mfa) {
            Map<String, Map<String, String>> pending = new LinkedHashMap<>();
            pending.put("credentials", secret.credentials());
            pending.put("state", mfa.pending() == null ? Map.of() : mfa.pending().values());
            pending.put("challenge", Map.of("json", json.writeValueAsString(mfa.challenge())));
            flows.toMfa(flow.id(), vault.seal(pending, flow.id()), null);
            return show(get(flow.id()));
        }
        if (result instanceof LoginResult.Failure failure) {
            if (failure.code().userCanRetry() && flow.attemptsLeft() > 1 && retryStatus == AuthorizeFlow.Status.OPEN) {
                flows.retry(flow.id(), retryStatus, flow.attemptsLeft() - 1, failure.code().name());
                return show(get(flow.id()));
            }
            return fail(flow, RedirectResults.errorOf(failure.code()));
        }
        LoginResult.Success success = (LoginResult.Success) result;
        Provider provider = calls.provider(flow.integrationId());
        AuthMethod method = provider.descriptor().authMethod();
        LoginSecret kept = method == AuthMethod.OAUTH
                ? new LoginSecret(null, success.session() == null ? Map.of() : success.session().values()) : secret;
        Login draft = new Login("pending", flow.tenantId(), flow.mode(), flow.endUserId(), flow.integrationId(), method,
                LoginStatus.ACTIVE, false, null, null, null, null, null);
        InstitutionCalls.Reading reading = calls.readAll(draft, kept, success.session());
        Map<String, Object> data = reading.ok() ? reading.data() : null;
        LoginSecret stored = method == AuthMethod.OAUTH && reading.session() != null
                ? new LoginSecret(null, reading.session().values()) : kept;
        tx.executeWithoutResult(s -> {
            Login saved = flow.updateLoginId() != null
                    ? logins.reconnect(logins.get(flow.tenantId(), flow.updateLoginId()), stored, data)
                    : logins.create(flow.tenantId(), flow.mode(), flow.endUserId(), flow.integrationId(), method, stored, data,
                    flow.origin().name().toLowerCase(java.util.Locale.ROOT));
            flows.complete(flow.id(), saved.id());
        });
        return outcome(flows.find(flow.id()).orElseThrow());
    }

    FlowStep fail(AuthorizeFlow flow, String error) {
        tx.executeWithoutResult(s -> {
            if (flows.fail(flow.id(), error)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("flowId", flow.id());
                data.put("integrationId", flow.integrationId());
                data.put("endUserId", flow.endUserId());
                data.put("error", error);
                events.append(flow.tenantId(), flow.mode(), EventType.LOGIN_FAILED, data);
            }
        });
        return outcome(flows.find(flow.id()).orElseThrow());
    }

    /** A finished flow with a redirect URI goes back to the tenant; anything else is shown. */
    private FlowStep outcome(AuthorizeFlow flow) {
        if (flow.redirectUri() != null && flow.status() == AuthorizeFlow.Status.COMPLETED) {
            return new FlowStep.Redirect(RedirectResults.success(flow.redirectUri(), flow.loginId(), flow.clientState()));
        }
        if (flow.redirectUri() != null && flow.status() == AuthorizeFlow.Status.FAILED) {
            return new FlowStep.Redirect(RedirectResults.failure(flow.redirectUri(), flow.clientState(), flow.error()));
        }
        return new FlowStep.Show(flow);
    }

    static LoginResult guard(java.util.function.Supplier<LoginResult> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return new LoginResult.Failure(FailureCode.INSTITUTION_ERROR, "The institution returned an error.");
        }
    }
}
