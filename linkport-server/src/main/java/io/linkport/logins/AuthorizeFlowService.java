package io.linkport.logins;

import io.linkport.common.Ids;
import io.linkport.common.Mode;
import io.linkport.connector.AuthMethod;
import io.linkport.connector.LoginResult;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The flows that end in a saved login: opened by {@code /v1/OAuth/Authorize}, {@code /v1/connect}
 * or an authorize token, they end {@code COMPLETED} with a login id or {@code FAILED} with one of
 * seed 003's error codes — once: completing and failing are conditional UPDATEs from an open status.
 */
@Service
class AuthorizeFlowService {

    static final int ATTEMPTS = 3;

    private final JdbcAuthorizeFlowRepository flows;
    private final CredentialVault vault;
    private final ProviderCatalog catalog;
    private final InstitutionCalls calls;
    private final LoginService logins;
    private final EventLog events;
    private final TransactionTemplate tx;
    private final LoginsProperties properties;
    private final Clock clock;

    AuthorizeFlowService(JdbcAuthorizeFlowRepository flows, CredentialVault vault, ProviderCatalog catalog,
                         InstitutionCalls calls, LoginService logins, EventLog events, TransactionTemplate tx,
                         LoginsProperties properties, Clock clock) {
        this.flows = flows;
        this.vault = vault;
        this.catalog = catalog;
        this.calls = calls;
        this.logins = logins;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    AuthorizeFlow start(String tenantId, Mode mode, AuthorizeFlow.Origin origin, String integrationId, String redirectUri,
                        String clientState, String endUserId, String updateLoginId, String language) {
        Instant now = clock.instant();
        AuthorizeFlow flow = new AuthorizeFlow(Ids.prefixed("flow_"), tenantId, mode, origin, integrationId, redirectUri,
                clientState, endUserId, updateLoginId, language, AuthorizeFlow.Status.OPEN, ATTEMPTS, null, null, now,
                now.plus(properties.flowLifetime()), null);
        flows.insert(flow);
        return flow;
    }

    void attachLink(AuthorizeFlow flow, String linkId) {
        flows.attachLink(flow.id(), linkId);
    }

    Optional<AuthorizeFlow> findByLink(String linkId) {
        return flows.findByLink(linkId);
    }

    /** Keeps secrets a flow needs until it ends, sealed under the flow's id; cleared when it completes or fails. */
    void keepPending(AuthorizeFlow flow, Map<String, Map<String, String>> sections) {
        flows.keepPending(flow.id(), vault.seal(sections, flow.id()));
    }

    Optional<Map<String, Map<String, String>>> pending(AuthorizeFlow flow) {
        return flows.pending(flow.id()).map(sealed -> vault.open(sealed, flow.id()));
    }

    /** Drops the sealed secrets of flows that expired without ending (the user walked away during MFA). */
    int forgetExpiredPending() {
        return flows.forgetExpiredPending(clock.instant());
    }

    AuthorizeFlow reload(AuthorizeFlow flow) {
        return flows.find(flow.id()).orElseThrow();
    }

    Optional<Provider> institution(String integrationId, Mode mode) {
        return integrationId == null ? Optional.empty() : catalog.find(integrationId, mode);
    }

    /**
     * Saves (or, in update mode, re-keys) the login a flow was for, and completes the flow with it.
     * {@code data} is the first snapshot when the login's data was read on the way, else null.
     */
    Login saveLogin(AuthorizeFlow flow, String integrationId, AuthMethod method, LoginSecret secret, Map<String, Object> data) {
        return tx.execute(s -> {
            Login saved = flow.updateLoginId() != null
                    ? logins.reconnect(logins.get(flow.tenantId(), flow.updateLoginId()), secret, data)
                    : logins.create(flow.tenantId(), flow.mode(), flow.endUserId(), integrationId, method, secret, data,
                    flow.origin().name().toLowerCase(Locale.ROOT));
            flows.complete(flow.id(), saved.id());
            return saved;
        });
    }

    /** After the OAuth institution answered the code exchange of a /OAuth/Authorize flow. */
    FlowStep afterOAuth(AuthorizeFlow flow, LoginResult result) {
        if (result instanceof LoginResult.Failure failure) {
            return fail(flow, RedirectResults.errorOf(failure.code()));
        }
        if (!(result instanceof LoginResult.Success success)) {
            return fail(flow, RedirectResults.SERVER_ERROR);
        }
        LoginSecret kept = new LoginSecret(null, success.session() == null ? Map.of() : success.session().values());
        Login draft = new Login("pending", flow.tenantId(), flow.mode(), flow.endUserId(), flow.integrationId(),
                AuthMethod.OAUTH, LoginStatus.ACTIVE, false, null, null, null, null, null);
        InstitutionCalls.Reading reading = calls.readAll(draft, kept, success.session());
        LoginSecret stored = reading.session() != null ? new LoginSecret(null, reading.session().values()) : kept;
        saveLogin(flow, flow.integrationId(), AuthMethod.OAUTH, stored, reading.ok() ? reading.data() : null);
        return outcome(reload(flow));
    }

    FlowStep fail(AuthorizeFlow flow, String error) {
        tx.executeWithoutResult(s -> {
            if (flows.fail(flow.id(), error)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("flowId", flow.id());
                data.put("linkId", flow.linkId());
                data.put("integrationId", flow.integrationId());
                data.put("endUserId", flow.endUserId());
                data.put("error", error);
                events.append(flow.tenantId(), flow.mode(), EventType.LOGIN_FAILED, data);
            }
        });
        return outcome(reload(flow));
    }

    /** A finished flow with a redirect URI goes back to the tenant; anything else is shown. */
    FlowStep outcome(AuthorizeFlow flow) {
        if (flow.redirectUri() != null && flow.status() == AuthorizeFlow.Status.COMPLETED) {
            return new FlowStep.Redirect(RedirectResults.success(flow.redirectUri(), flow.loginId(), flow.clientState()));
        }
        if (flow.redirectUri() != null && flow.status() == AuthorizeFlow.Status.FAILED) {
            return new FlowStep.Redirect(RedirectResults.failure(flow.redirectUri(), flow.clientState(), flow.error()));
        }
        return new FlowStep.Show(flow);
    }
}
