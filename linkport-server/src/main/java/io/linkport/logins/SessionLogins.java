package io.linkport.logins;

import io.linkport.connector.AuthMethod;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import io.linkport.sessions.LoginChallenged;
import io.linkport.sessions.LoginSucceeded;
import io.linkport.sessions.RunCompleted;
import io.linkport.tokens.IssuedToken;
import io.linkport.tokens.TokenKind;
import io.linkport.tokens.TokenService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saves the logins made in the hosted widget: when a session opened for a saved login (a flow's
 * link, or a link opened with an authorize token given to the SDK) logs in, the credentials the
 * user typed — or the OAuth tokens — go sealed into the vault and the flow completes with the
 * new login id; when the link's reads complete, they become the login's first cached data.
 */
@Component
class SessionLogins {

    private static final Logger log = LoggerFactory.getLogger(SessionLogins.class);
    private static final String PENDING_CREDENTIALS = "credentials";

    private final AuthorizeFlowService flows;
    private final TokenService tokens;
    private final ProviderCatalog catalog;
    private final LoginService logins;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;

    SessionLogins(AuthorizeFlowService flows, TokenService tokens, ProviderCatalog catalog, LoginService logins,
                  TransactionTemplate tx) {
        this.flows = flows;
        this.tokens = tokens;
        this.catalog = catalog;
        this.logins = logins;
        this.tx = tx;
        this.savepoint = new TransactionTemplate(tx.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs on the session's thread as its login succeeds, before the reads start; for a link that
     * saves a login, LOGIN_SUCCEEDED has committed by then (the run writes it at once).
     */
    @EventListener
    void loginSucceeded(LoginSucceeded login) {
        if (!login.forLogin()) {
            return;  // a link not made for a saved login has no flow to look up
        }
        try {
            flowOf(login.linkId(), login.linkTokenId(), login.tenantId(), login.mode(), login.integrationId(),
                    login.endUserId()).ifPresent(flow -> {
                Provider provider = catalog.find(login.integrationId(), login.mode()).orElseThrow();
                AuthMethod method = provider.descriptor().authMethod();
                LoginSecret secret = method == AuthMethod.OAUTH
                        ? new LoginSecret(null, login.session() == null ? Map.of() : login.session().values())
                        : new LoginSecret(typed(flow, login.credentials().get()), null);
                flows.saveLogin(flow, login.integrationId(), method, secret, null);
            });
        } catch (RuntimeException e) {
            // The link goes on; the flow stays open and /v1/connect/finish reports server_error.
            log.error("Could not save the login made on link {}: {}", login.linkId(), e.getClass().getName());
        }
    }

    /**
     * The institution asked for MFA: what the user typed is kept sealed on the flow until the login
     * succeeds (then it moves into the login) or the flow ends or expires (then it is dropped).
     */
    @EventListener
    void loginChallenged(LoginChallenged challenged) {
        if (!challenged.forLogin()) {
            return;
        }
        try {
            Map<String, String> credentials = challenged.credentials().get();
            if (credentials.isEmpty()) {
                return;
            }
            flowOf(challenged.linkId(), challenged.linkTokenId(), challenged.tenantId(), challenged.mode(),
                    challenged.integrationId(), challenged.endUserId())
                    .ifPresent(flow -> flows.keepPending(flow, Map.of(PENDING_CREDENTIALS, credentials)));
        } catch (RuntimeException e) {
            log.error("Could not keep the credentials of link {} through MFA: {}", challenged.linkId(), e.getClass().getName());
        }
    }

    /**
     * The run's reads become the saved login's first cached data, in the transaction that completes
     * the link (so /v1/Authorize with MostRecentCached finds them as soon as the flow finishes).
     * Behind a savepoint: if they cannot be kept, the link still completes and the failure is logged.
     */
    @EventListener
    void runCompleted(RunCompleted run) {
        if (!run.forLogin()) {
            return;
        }
        try {
            flows.findByLink(run.linkId()).filter(f -> f.loginId() != null).ifPresent(flow -> {
                Map<String, Object> data = new LinkedHashMap<>();
                run.reads().forEach(data::putAll);
                savepoint.executeWithoutResult(s -> {
                    Login saved = logins.get(flow.tenantId(), flow.loginId());
                    logins.storeSnapshot(saved.id(), data);
                    logins.markRefreshed(saved);
                });
            });
        } catch (RuntimeException e) {
            log.warn("Could not keep the data of link {} for its saved login: {}", run.linkId(), e.getClass().getName());
        }
    }

    /** A user who walked away during MFA leaves sealed credentials on an expired flow: drop them. */
    @Scheduled(initialDelayString = "${linkport.logins.refresh-poll:PT1M}", fixedDelayString = "${linkport.logins.refresh-poll:PT1M}")
    void forgetAbandoned() {
        try {
            flows.forgetExpiredPending();
        } catch (RuntimeException e) {
            log.warn("Could not drop the secrets of expired login flows: {}", e.getClass().getName());
        }
    }

    /** Credentials typed before MFA come back from the flow: after MFA the session has none to hand out. */
    private Map<String, String> typed(AuthorizeFlow flow, Map<String, String> credentials) {
        if (!credentials.isEmpty()) {
            return credentials;
        }
        return flows.pending(flow).map(p -> p.get(PENDING_CREDENTIALS)).orElse(Map.of());
    }

    /** The flow a session link makes a login for; a link opened with an authorize token by the SDK gets one now. */
    private Optional<AuthorizeFlow> flowOf(String linkId, String linkTokenId, String tenantId, io.linkport.common.Mode mode,
                                           String integrationId, String endUserId) {
        Optional<AuthorizeFlow> flow = flows.findByLink(linkId);
        if (flow.isPresent() || linkTokenId == null) {
            return flow;
        }
        boolean authorizeToken = tokens.find(linkTokenId).map(IssuedToken::kind)
                .filter(kind -> kind == TokenKind.AUTHORIZE).isPresent();
        if (!authorizeToken) {
            return Optional.empty();
        }
        return Optional.of(tx.execute(s -> {
            AuthorizeFlow opened = flows.start(tenantId, mode, AuthorizeFlow.Origin.SDK, integrationId, null, null, endUserId,
                    null, null);
            flows.attachLink(opened, linkId);
            return flows.reload(opened);
        }));
    }
}
