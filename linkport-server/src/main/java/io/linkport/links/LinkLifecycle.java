package io.linkport.links;

import static io.linkport.links.JdbcLinkRepository.BEGIN_LOGIN;
import static io.linkport.links.JdbcLinkRepository.CANCEL;
import static io.linkport.links.JdbcLinkRepository.CLAIM;
import static io.linkport.links.JdbcLinkRepository.CLAIM_BY_CODE;
import static io.linkport.links.JdbcLinkRepository.COMPLETE;
import static io.linkport.links.JdbcLinkRepository.CONSENT;
import static io.linkport.links.JdbcLinkRepository.EXPIRE;
import static io.linkport.links.JdbcLinkRepository.FAIL;
import static io.linkport.links.JdbcLinkRepository.FAIL_LAPSED;
import static io.linkport.links.JdbcLinkRepository.LOGIN_RETRY;
import static io.linkport.links.JdbcLinkRepository.MFA_REQUIRED;
import static io.linkport.links.JdbcLinkRepository.PROGRESS;
import static io.linkport.links.JdbcLinkRepository.RUNNING;
import static io.linkport.links.JdbcLinkRepository.SELECT_INTEGRATION;

import io.linkport.common.GroupTransaction;
import io.linkport.common.MasterKeyCipher;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import java.util.function.Supplier;

/**
 * Every state change of a claimed link, for the session engine. Each method is one conditional
 * UPDATE on the state it leaves plus its events, in one transaction: exactly one, except where a
 * run's earlier steps ({@link RunStep}) are written with it, each with its own event, in order. An
 * empty answer means another request, node or sweeper changed the link first, and the caller must
 * stop.
 */
@Service
public class LinkLifecycle {

    private final JdbcLinkRepository links;
    private final EventLog events;
    private final MasterKeyCipher cipher;
    private final LinkSettings settings;
    private final LinkTraces traces;
    private final GroupTransaction writes;
    private final Clock clock;

    LinkLifecycle(JdbcLinkRepository links, EventLog events, MasterKeyCipher cipher, LinkSettings settings,
                  LinkTraces traces, GroupTransaction writes, Clock clock) {
        this.links = links;
        this.events = events;
        this.cipher = cipher;
        this.settings = settings;
        this.traces = traces;
        this.writes = writes;
        this.clock = clock;
    }

    public Optional<Link> find(String linkId) {
        return links.find(linkId);
    }

    /**
     * The link of the session credential whose hash is {@code tokenHash}, with the credential's
     * expiry: one query for what every session request reads first (the credential, then its link).
     */
    public Optional<SessionLink> findBySession(String tokenHash) {
        return links.findBySession(tokenHash);
    }

    /** pending → claimed; empty when the link was not pending or its time was up. */
    public Optional<Link> claim(Link link) {
        return claim(CLAIM, link.id());
    }

    /**
     * pending → claimed for the link whose claim code hashes to {@code claimCodeHash}, found and
     * changed by the one UPDATE; empty when no pending, unexpired link has that code (the caller
     * reads the link to say why).
     */
    public Optional<Link> claimByCode(String claimCodeHash) {
        return claim(CLAIM_BY_CODE, claimCodeHash);
    }

    /** The claim {@code sql} (CLAIM or CLAIM_BY_CODE) of the link {@code key} names, with LINK_CLAIMED. */
    private Optional<Link> claim(String sql, String key) {
        return inGroup(() -> {
            Instant now = clock.instant();
            return links.change(sql, now, now, key, now)
                    .map(changed -> announce(changed, EventType.LINK_CLAIMED, Map.of(), "claimed", null));
        });
    }

    public Optional<Link> selectIntegration(Link link, String integrationId, List<LinkOperation> operations) {
        List<String> progress = operations.stream().map(op -> "pending").toList();
        return inGroup(() -> links.change(SELECT_INTEGRATION, integrationId, links.toJson(operations), links.toJson(progress),
                clock.instant(), link.id()).map(changed -> traced(changed, "integration_selected", integrationId)));
    }

    public Optional<Link> consent(Link link) {
        return inGroup(() -> links.change(CONSENT, clock.instant(), link.id())
                .map(changed -> traced(changed, "consent_given", null)));
    }

    /**
     * claimed|mfa_required → authenticating, leased to {@code owner}, with its LOGIN_STARTED event
     * ({@code step}: what the user just sent — credentials, an MFA answer, an OAuth callback), provided
     * the link is still at the integration {@code link} names, against which that was checked. The
     * operations' sealed arguments come back with the change: the run needs them once its login
     * succeeds, and reads them here rather than in a query of its own.
     */
    public Optional<StartedRun> beginLogin(Link link, String owner, String step) {
        return inGroup(() -> {
            Instant now = clock.instant();
            Instant leaseUntil = now.plus(settings.lease());
            return links.changeStartingRun(BEGIN_LOGIN, owner, leaseUntil, leaseUntil, now, link.id(),
                            link.status().lower(), link.integrationId(), now)
                    .map(started -> {
                        announce(started.link(), EventType.LOGIN_STARTED, Map.of("step", step), step, null);
                        return started;
                    });
        });
    }

    /** authenticating → mfa_required; {@code error} set when this follows a wrong answer (LOGIN_FAILED). */
    public Optional<Link> mfaRequired(Link link, String challengeJson, String pendingStateJson, LinkError error,
                                      int mfaAttemptsLeft, String challengeType) {
        String sealed = pendingStateJson == null ? null : cipher.encrypt(pendingStateJson, link.id() + ":state");
        return inGroup(() -> links.change(MFA_REQUIRED, challengeJson, sealed, error == null ? null : error.code(),
                error == null ? null : error.message(), error != null, mfaAttemptsLeft, clock.instant(), link.id())
                .map(changed -> error == null
                        ? announce(changed, EventType.MFA_REQUIRED, Map.of("mfaType", challengeType), "mfa_required", challengeType)
                        : announce(changed, EventType.LOGIN_FAILED, Map.of("reason", error.code()), "login_failed", error.code())));
    }

    /** The connector state kept while the user answers MFA, decrypted; null when none. */
    public String pendingState(Link link) {
        String sealed = links.connectorState(link.id());
        return sealed == null ? null : cipher.decrypt(sealed, link.id() + ":state");
    }

    /** authenticating → claimed after a wrong password, with one attempt fewer. */
    public Optional<Link> loginRetry(Link link, LinkError error) {
        return inGroup(() -> links.change(LOGIN_RETRY, link.attemptsLeft() - 1, error.code(), error.message(),
                clock.instant(), link.id())
                .map(changed -> announce(changed, EventType.LOGIN_FAILED, Map.of("reason", error.code()), "login_failed",
                        error.code())));
    }

    /**
     * Writes a run's {@code steps} — its login, operations completed — with the progress they led
     * to, as one change: authenticating → running when the link was last written authenticating,
     * running → running otherwise. {@code written} is the link as last written; each step gets its
     * event, in order.
     */
    public Optional<Link> advance(Link written, List<String> progress, List<RunStep> steps) {
        String sql = written.status() == LinkStatus.AUTHENTICATING ? RUNNING : PROGRESS;
        return inGroup(() -> links.change(sql, links.toJson(progress), clock.instant(), written.id())
                .map(changed -> record(changed, steps)));
    }

    /**
     * The last operation completed: → completed from the state the link was last written in,
     * storing the result once, encrypted, with the events of the {@code steps} not yet written, that
     * operation's OPERATION_COMPLETED and then LINK_COMPLETED (which carries a pointer, not the
     * result). {@code alsoWrite} runs in the same transaction when the link completed, so what it
     * writes is visible exactly when the link is.
     */
    public Optional<Link> complete(Link written, List<String> progress, List<RunStep> steps, String resultJson,
                                   Runnable alsoWrite) {
        String sealed = cipher.encrypt(resultJson, written.id() + ":result");
        return inGroup(() -> {
            Instant now = clock.instant();
            Optional<Link> completed = links.change(COMPLETE, links.toJson(progress), sealed, now, now, written.id(),
                            written.status().lower())
                    .map(changed -> announce(operationCompletedEvent(record(changed, steps), changed.operations().size() - 1),
                            EventType.LINK_COMPLETED, Map.of("resultUrl", written.resultUrl()), "link_completed", null));
            completed.ifPresent(changed -> alsoWrite.run());
            return completed;
        });
    }

    /** {@code link.status()} → failed; nothing partial is kept. */
    public Optional<Link> fail(Link link, List<String> progress, LinkError error) {
        return fail(link, progress, List.of(), error);
    }

    /** {@link #fail(Link, List, LinkError)} of a run, after the events of the {@code steps} not yet written. */
    public Optional<Link> fail(Link written, List<String> progress, List<RunStep> steps, LinkError error) {
        return inGroup(() -> {
            Instant now = clock.instant();
            return links.change(FAIL, links.toJson(progress), error.code(), error.message(), now, now, written.id(),
                    written.status().lower())
                    .map(changed -> announce(record(changed, steps), EventType.LINK_FAILED, errorData(error), "link_failed",
                            error.code()));
        });
    }

    /** A run whose node stopped heart-beating: authenticating|running → failed with {@code INTERRUPTED}. */
    public Optional<Link> failLapsed(String linkId) {
        LinkError error = new LinkError("INTERRUPTED", "The server running this link stopped; start a new link.", false);
        return inGroup(() -> {
            Instant now = clock.instant();
            return links.change(FAIL_LAPSED, error.code(), error.message(), now, now, linkId, now)
                    .map(changed -> announce(changed, EventType.LINK_FAILED, errorData(error), "link_failed", error.code()));
        });
    }

    public Optional<Link> cancel(Link link) {
        return inGroup(() -> {
            Instant now = clock.instant();
            return links.change(CANCEL, now, now, link.id())
                    .map(changed -> announce(changed, EventType.LINK_CANCELED, Map.of(), "link_canceled", null));
        });
    }

    /** Any non-terminal state → expired, once its time is up. */
    public Optional<Link> expire(Link link) {
        return inGroup(() -> {
            Instant now = clock.instant();
            return links.change(EXPIRE, now, now, link.id(), now)
                    .map(changed -> announce(changed, EventType.LINK_EXPIRED, Map.of(), "link_expired", null));
        });
    }

    /**
     * One state change as a unit of the {@link GroupTransaction}: committed with the changes other
     * runs and requests are making at that moment, instead of in a transaction of its own. On two
     * cores a run's transactions — each a commit, an event insert and a subscription lookup of
     * its own — cost PostgreSQL more than the statements that change the link. Inside a caller's
     * transaction it simply joins it. The unit may run on another caller's thread, so it only
     * touches the database.
     */
    private <T> Optional<T> inGroup(Supplier<Optional<T>> change) {
        return writes.run(change);
    }

    /**
     * Extends the leases {@code owner} still holds among {@code linkIds} (the runs a node is working
     * on), many per statement; returns how many it extended. Only the runs named are renewed, never
     * "every link leased to this node", so a run that died without clearing its lease still lapses.
     * A run whose row another transaction holds at that moment (its own state change, committing
     * with others') is skipped rather than waited for; the next heartbeat renews it.
     */
    public int renewLeases(java.util.List<String> linkIds, String owner) {
        return links.renewLeases(linkIds, owner, clock.instant().plus(settings.lease()));
    }

    List<String> lapsed(int limit) {
        return links.lapsed(clock.instant(), limit);
    }

    /** Appends {@code type} for the changed link and records the step in its trace; returns the link. */
    private Link announce(Link changed, EventType type, Map<String, Object> extra, String step, String detail) {
        Map<String, Object> data = eventData(changed);
        data.putAll(extra);
        events.appendBatched(changed.tenantId(), changed.mode(), type, data, changed.webhookUrl());
        return traced(changed, step, detail);
    }

    /** The events and trace steps of {@code steps}, written with the change that left {@code changed}. */
    private Link record(Link changed, List<RunStep> steps) {
        for (RunStep step : steps) {
            switch (step.kind()) {
                case LOGGED_IN -> traced(announce(changed, EventType.LOGIN_SUCCEEDED, Map.of(), "login_succeeded", null),
                        "operation_started", describe(changed, 0));
                case OPERATION_COMPLETED -> traced(operationCompletedEvent(changed, step.operation()), "operation_started",
                        describe(changed, step.operation() + 1));
            }
        }
        return changed;
    }

    private Link traced(Link changed, String step, String detail) {
        traces.record(changed, step, detail);
        return changed;
    }

    private Link operationCompletedEvent(Link changed, int index) {
        LinkOperation op = changed.operations().get(index);
        return announce(changed, EventType.OPERATION_COMPLETED,
                Map.of("index", index, "resource", op.resource(), "action", op.action()),
                "operation_completed", describe(changed, index));
    }

    static Map<String, Object> eventData(Link link) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("linkId", link.id());
        data.put("linkTokenId", link.linkTokenId());
        data.put("endUserId", link.endUserId());
        data.put("userId", link.userId());
        data.put("externalUserId", link.externalUserId());
        data.put("integrationId", link.integrationId());
        return data;
    }

    private static Map<String, Object> errorData(LinkError error) {
        return Map.of("error", Map.of("code", error.code(), "message", error.message()));
    }

    private static String describe(Link link, int index) {
        if (index < 0 || index >= link.operations().size()) {
            return null;
        }
        LinkOperation op = link.operations().get(index);
        return "operations[" + index + "] " + op.resource() + "." + op.action();
    }
}
