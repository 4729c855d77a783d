package io.linkport.sessions;

import io.linkport.common.Ids;
import io.linkport.common.Mode;
import io.linkport.connector.AuthorizationCallback;
import io.linkport.connector.ConnectorContext;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.LoginRequest;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswer;
import io.linkport.connector.MfaAnswerRequest;
import io.linkport.links.Link;
import io.linkport.links.LinkError;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.LinkSettings;
import io.linkport.links.LinkStatus;
import io.linkport.links.RunStep;
import io.linkport.links.StartedRun;
import io.linkport.providers.LoginKeys;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a claimed link's login in the background: credentials, MFA answers or an OAuth callback
 * in, then the operations ({@link OperationRunner}). The node that starts a run leases it and
 * renews the lease while it works; if the node dies the lease lapses and the sweeper fails the
 * link with {@code INTERRUPTED}. Credentials live only in this run's memory, for the login call.
 */
@Component
class SessionEngine {

    private static final Logger log = LoggerFactory.getLogger(SessionEngine.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** A connector call that passed its deadline, whether the connector answered late or never. */
    static final LinkError TIMED_OUT = new LinkError(FailureCode.TIMEOUT.name(), "The institution did not answer in time.", false);

    /** The run stopped on Linkport's side (its database, a full queue, a bug): not the institution's fault. */
    static final LinkError STOPPED = new LinkError(LinkError.INTERNAL_ERROR, "Linkport could not finish this link; start a new link.", false);

    private final String nodeId = Ids.prefixed("node_");
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ConnectorCalls calls;
    private final LinkLifecycle lifecycle;
    private final ProviderCatalog catalog;
    private final OperationRunner operations;
    private final ApplicationEventPublisher publisher;
    private final LinkSettings settings;
    private final JsonMapper json;

    SessionEngine(ConnectorCalls calls, LinkLifecycle lifecycle, ProviderCatalog catalog, OperationRunner operations,
                  ApplicationEventPublisher publisher, LinkSettings settings, JsonMapper json) {
        this.calls = calls;
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.operations = operations;
        this.publisher = publisher;
        this.settings = settings;
        this.json = json;
    }

    /** The id this node leases runs under. */
    String nodeId() {
        return nodeId;
    }

    /** Logs in with what the user typed; {@code run}'s link is already {@code authenticating} under this node's lease. */
    void login(StartedRun run, Map<String, String> credentials) {
        Link link = run.link();
        String loginKey = LoginKeys.of(link.tenantId(), link.integrationId(), credentials.getOrDefault("username", link.id()));
        start(link, () -> {
            Provider provider = provider(link);
            LoginResult result = call(link, deadline -> provider.connector().login(
                    new LoginRequest(credentials, context(link, loginKey, deadline))));
            return result == null ? null : handle(run, provider, result, loginKey, () -> Map.copyOf(credentials), null);
        });
    }

    /** Continues an MFA login with the user's answer; {@code run}'s link is {@code authenticating} again. */
    void answerMfa(StartedRun run, String challengeJson, MfaAnswer answer) {
        Link link = run.link();
        start(link, () -> {
            Provider provider = provider(link);
            Pending pending = readPending(lifecycle.pendingState(link));
            LoginResult result = call(link, deadline -> provider.connector().answerMfa(
                    new MfaAnswerRequest(answer, pending.state(), context(link, pending.loginKey(), deadline))));
            return result == null ? null
                    : handle(run, provider, result, pending.loginKey(), Map::of, new Retry(challengeJson, pending));
        });
    }

    /** Finishes an OAuth login from the institution's callback. */
    void completeAuthorization(StartedRun run, String code, String error, String verifier, String redirectUri,
                               ConnectorState pending) {
        Link link = run.link();
        String loginKey = link.tenantId() + ":" + link.integrationId() + ":" + link.id();
        start(link, () -> {
            Provider provider = provider(link);
            LoginResult result = call(link, deadline -> provider.connector().completeAuthorization(
                    new AuthorizationCallback(code, error, verifier, redirectUri, pending, context(link, loginKey, deadline))));
            return result == null ? null : handle(run, provider, result, loginKey, Map::of, null);
        });
    }

    /** Calls a connector outside a run (beginning an OAuth authorization), with the same deadline. */
    <T> T callNow(Link link, Callable<T> work) throws TimeoutException, ExecutionException {
        return calls.call(work, context(link, link.id()).deadline());
    }

    ConnectorContext context(Link link, String loginKey) {
        return context(link, loginKey, Instant.now().plus(settings.connectorTimeout()));
    }

    static ConnectorContext context(Link link, String loginKey, Instant deadline) {
        return new ConnectorContext(link.mode() == Mode.SANDBOX, deadline, loginKey);
    }

    private record Pending(String loginKey, ConnectorState state) {
    }

    /** What a wrong MFA answer goes back to: the same challenge and the same pending state. */
    private record Retry(String challengeJson, Pending pending) {
    }

    /**
     * Records the login's outcome; returns the operations as the run's next step when it succeeded.
     * A success is written with the run's next change ({@link RunJournal}), except on a link that
     * saves a login: the login is saved only once LOGIN_SUCCEEDED has committed.
     */
    private Step handle(StartedRun run, Provider provider, LoginResult result, String loginKey,
                        Supplier<Map<String, String>> credentials, Retry retry) {
        Link link = run.link();
        if (result instanceof LoginResult.Success success) {
            RunJournal journal = new RunJournal(lifecycle, calls, settings.progressDelay(), link);
            if (!journal.record(RunStep.loggedIn(), OperationRunner.firstRunning(link.operations().size()))
                    || (link.forLogin() && !journal.flush())) {
                return null;
            }
            publisher.publishEvent(new LoginSucceeded(link.id(), link.tenantId(), link.mode(), link.integrationId(),
                    link.userId(), link.endUserId(), link.linkTokenId(), link.forLogin(), success.accountId(), credentials,
                    success.session()));
            return () -> {
                operations.run(run, journal, provider, success.session(), loginKey);
                return null;
            };
        } else if (result instanceof LoginResult.MfaRequired mfa) {
            if (retry == null) {
                // Before the challenge is visible: an answer may arrive, and succeed, right after it commits.
                publisher.publishEvent(new LoginChallenged(link.id(), link.tenantId(), link.mode(), link.integrationId(),
                        link.endUserId(), link.linkTokenId(), link.forLogin(), credentials));
            }
            lifecycle.mfaRequired(link, json.writeValueAsString(mfa.challenge()), writePending(loginKey, mfa.pending()),
                    null, link.mfaAttemptsLeft(), mfa.challenge().type().name());
        } else if (result instanceof LoginResult.Failure failure) {
            failed(link, failure, retry);
        }
        return null;
    }

    private void failed(Link link, LoginResult.Failure failure, Retry retry) {
        LinkError error = new LinkError(failure.code().name(), failure.message(), true);
        if (failure.code() == FailureCode.INVALID_CREDENTIALS && link.attemptsLeft() > 1) {
            lifecycle.loginRetry(link, error);
        } else if (failure.code() == FailureCode.INVALID_MFA && retry != null && link.mfaAttemptsLeft() > 1) {
            lifecycle.mfaRequired(link, retry.challengeJson(), writePending(retry.pending().loginKey(),
                    retry.pending().state()), error, link.mfaAttemptsLeft() - 1, "retry");
        } else {
            String message = failure.code().userCanRetry() ? failure.message() + " No attempts left." : failure.message();
            lifecycle.fail(link, link.progress(), new LinkError(failure.code().name(), message, false));
        }
    }

    private <T> T call(Link link, Function<Instant, T> work) {
        Runnable timedOut = () -> lifecycle.fail(link, link.progress(), TIMED_OUT);
        try {
            return calls.callWithin(settings.connectorTimeout(), work, timedOut);
        } catch (TimeoutException e) {
            timedOut.run();
        } catch (ExecutionException e) {
            log.warn("Connector {} failed for link {}: {}", link.integrationId(), link.id(), e.getCause().toString());
            lifecycle.fail(link, link.progress(), new LinkError(FailureCode.INSTITUTION_ERROR.name(),
                    "The institution answered with an error.", false));
        }
        return null;
    }

    /**
     * One step of a run, on a thread of the runs pool; it returns the step to take next, or null
     * when the run is done or waits for the user.
     */
    @FunctionalInterface
    private interface Step {
        Step run();
    }

    private void start(Link link, Step first) {
        inFlight.add(link.id());
        execute(link, first);
    }

    /**
     * Runs {@code step}, then the step it returns on a fresh thread. A virtual thread that parks
     * again after a long wait keeps the stack it froze the first time (that chunk has been promoted
     * to the old generation and cannot be reused) under the one it freezes next: a run that logged
     * in and then waited on its operations held both, 6 KB of stack per run at 10,000 runs on a slow
     * institution. The operations start on a thread of their own, with only their own frames.
     */
    private void execute(Link link, Step step) {
        try {
            calls.run(() -> {
                Step next = null;
                try {
                    next = step.run();
                } catch (RuntimeException e) {
                    log.error("Session run of link {} stopped", link.id(), e);
                    failQuietly(link.id());
                } finally {
                    if (next == null) {
                        inFlight.remove(link.id());
                    }
                }
                if (next != null) {
                    execute(link, next);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(link.id());
            failQuietly(link.id());
        }
    }

    /** Fails a run that stopped with {@link #STOPPED}. */
    private void failQuietly(String linkId) {
        try {
            lifecycle.find(linkId).filter(l -> l.status() == LinkStatus.AUTHENTICATING || l.status() == LinkStatus.RUNNING)
                    .ifPresent(l -> lifecycle.fail(l, l.progress(), STOPPED));
        } catch (RuntimeException e) {
            log.error("Could not fail link {}; the lease sweeper will", linkId, e);
        }
    }

    private Provider provider(Link link) {
        return catalog.find(link.integrationId(), link.mode())
                .orElseThrow(() -> new IllegalStateException("Integration " + link.integrationId() + " is gone"));
    }

    private String writePending(String loginKey, ConnectorState state) {
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("loginKey", loginKey);
        pending.put("values", state == null ? Map.of() : state.values());
        return json.writeValueAsString(pending);
    }

    @SuppressWarnings("unchecked")
    private Pending readPending(String text) {
        Map<String, Object> pending = text == null ? Map.of() : json.readValue(text, MAP);
        Map<String, String> values = (Map<String, String>) pending.getOrDefault("values", Map.of());
        return new Pending((String) pending.get("loginKey"), new ConnectorState(values));
    }

    /** Renews the lease of every run this node is working on, so only runs of a dead node lapse. */
    @Scheduled(fixedDelayString = "${linkport.links.heartbeat-millis:10000}")
    void heartbeat() {
        List<String> running = new ArrayList<>(inFlight);
        if (!running.isEmpty()) {
            int renewed = lifecycle.renewLeases(running, nodeId);
            log.debug("Renewed {} of {} leases", renewed, running.size());
        }
    }
}
