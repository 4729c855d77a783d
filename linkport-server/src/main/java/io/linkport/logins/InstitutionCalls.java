package io.linkport.logins;

import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.Connector;
import io.linkport.connector.ConnectorContext;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginResult;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.connector.ResourceDescriptor;
import io.linkport.providers.LoginKeys;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import io.linkport.sessions.ConnectorCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The calls a saved login makes to its institution: log in again with the stored credentials or
 * renew its OAuth session, then read every resource the integration can read without arguments.
 * Every call goes through the sessions' deadline-bounded {@link ConnectorCalls}: a connector that
 * throws is an institution error and one that runs late a timeout, never a 500 or a stuck request.
 */
@Component
class InstitutionCalls {

    private static final Logger log = LoggerFactory.getLogger(InstitutionCalls.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private static final String TIMED_OUT = "The institution did not answer in time.";
    private static final String INSTITUTION_ERROR = "The institution returned an error.";

    private final ProviderCatalog catalog;
    private final ConnectorCalls calls;
    private final Clock clock;

    InstitutionCalls(ProviderCatalog catalog, ConnectorCalls calls, Clock clock) {
        this.catalog = catalog;
        this.calls = calls;
        this.clock = clock;
    }

    /** What reading a login's data ended in: the data by resource key, or a failure. */
    record Reading(Map<String, Object> data, ConnectorState session, FailureCode failure, String message) {
        boolean ok() {
            return failure == null;
        }
    }

    ConnectorContext context(Login login, LoginSecret secret) {
        String username = secret.credentials().getOrDefault("username", "");
        return context(login.tenantId(), login.integrationId(), username, provider(login.integrationId()).descriptor().sandbox());
    }

    ConnectorContext context(String tenantId, String integrationId, String username, boolean sandbox) {
        return new ConnectorContext(sandbox, clock.instant().plus(CALL_TIMEOUT), LoginKeys.of(tenantId, integrationId, username));
    }

    Provider provider(String integrationId) {
        return catalog.list(io.linkport.common.Mode.SANDBOX).stream().filter(p -> p.id().equals(integrationId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Integration " + integrationId + " is no longer installed"));
    }

    /** Logs in with the stored credentials, or renews the OAuth session. */
    LoginResult reconnect(Login login, LoginSecret secret) {
        Connector connector = provider(login.integrationId()).connector();
        ConnectorContext context = context(login, secret);
        return login(context, () -> switch (login.authMethod()) {
            case CREDENTIALS -> connector.login(new io.linkport.connector.LoginRequest(secret.credentials(), context));
            case OAUTH -> connector.refresh(new io.linkport.connector.RefreshRequest(new ConnectorState(secret.session()), context));
        });
    }

    LoginResult answerMfa(Login login, LoginSecret secret, io.linkport.connector.MfaAnswer answer, ConnectorState pending) {
        Connector connector = provider(login.integrationId()).connector();
        ConnectorContext context = context(login, secret);
        return login(context, () -> connector.answerMfa(new io.linkport.connector.MfaAnswerRequest(answer, pending, context)));
    }

    /** Reads every resource that has a {@code read} action accepting empty arguments. */
    Reading readAll(Login login, LoginSecret secret, ConnectorState session) {
        Provider provider = provider(login.integrationId());
        ConnectorContext context = context(login, secret);
        Map<String, Object> data = new LinkedHashMap<>();
        ConnectorState current = session;
        for (ResourceDescriptor resource : provider.descriptor().resources()) {
            ActionDescriptor read = resource.action("read");
            if (read == null || !catalog.validateOperation(provider, resource.name(), "read",
                    JsonNodeFactory.instance.objectNode(), "").isEmpty()) {
                continue;
            }
            ConnectorState state = current;
            OperationResult result;
            try {
                result = calls.call(() -> provider.connector().execute(
                        new OperationRequest(resource.name(), "read", Map.of(), state, context)), context.deadline());
            } catch (TimeoutException e) {
                return new Reading(null, current, FailureCode.TIMEOUT, TIMED_OUT);
            } catch (ExecutionException e) {
                log.warn("Connector {} failed reading {}: {}", login.integrationId(), resource.name(), e.getCause().getClass().getName());
                return new Reading(null, current, FailureCode.INSTITUTION_ERROR, INSTITUTION_ERROR);
            }
            if (result instanceof OperationResult.Failure failure) {
                return new Reading(null, current, failure.code(), failure.message());
            }
            OperationResult.Success success = (OperationResult.Success) result;
            data.putAll(success.data());
            if (success.session() != null) {
                current = success.session();
            }
        }
        return new Reading(data, current, null, null);
    }

    /**
     * A login step (login, MFA answer, refresh, OAuth code exchange) with the context's deadline; a
     * connector that throws or runs late is an institution error or a timeout, never a 500.
     */
    LoginResult login(ConnectorContext context, Callable<LoginResult> work) {
        try {
            return calls.call(work, context.deadline());
        } catch (TimeoutException e) {
            return new LoginResult.Failure(FailureCode.TIMEOUT, TIMED_OUT);
        } catch (ExecutionException e) {
            log.warn("Connector call failed: {}", e.getCause().getClass().getName());
            return new LoginResult.Failure(FailureCode.INSTITUTION_ERROR, INSTITUTION_ERROR);
        }
    }
}
