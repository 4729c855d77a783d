package io.linkport.links;

import io.linkport.common.GroupTransaction;
import io.linkport.common.Ids;
import io.linkport.common.MasterKeyCipher;
import io.linkport.common.PublicUrls;
import io.linkport.common.Secrets;
import io.linkport.common.Urls;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.tenants.ApiCaller;
import io.linkport.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Link intents (seed 002): create, read, list, cancel, and the results. A tenant only ever sees
 * its own links in the mode of its key; anything else is a 404, never a 403, so ids of other
 * tenants' links cannot be probed.
 */
@Service
public class LinkService {

    private final JdbcLinkRepository links;
    private final LinkRequestValidator validator;
    private final LinkLifecycle lifecycle;
    private final LinkTraces traces;
    private final EventLog events;
    private final MasterKeyCipher cipher;
    private final PublicUrls publicUrls;
    private final LinkSettings settings;
    private final JsonMapper json;
    private final GroupTransaction writes;
    private final Clock clock;

    LinkService(JdbcLinkRepository links, LinkRequestValidator validator, LinkLifecycle lifecycle, LinkTraces traces,
                EventLog events, MasterKeyCipher cipher, PublicUrls publicUrls, LinkSettings settings, JsonMapper json,
                GroupTransaction writes, Clock clock) {
        this.links = links;
        this.validator = validator;
        this.lifecycle = lifecycle;
        this.traces = traces;
        this.events = events;
        this.cipher = cipher;
        this.publicUrls = publicUrls;
        this.settings = settings;
        this.json = json;
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * Validates the whole body (every issue in one 400), then stores the link and its LINK_CREATED
     * event. Everything but the writes happens first, on the caller's thread; the writes are one
     * unit of the {@link GroupTransaction}, committed with the links other requests are creating at
     * that moment (the links and events rows of the whole group written as one batch each). Not
     * {@code @Transactional} for that reason.
     */
    public CreatedLink create(ApiCaller caller, JsonNode body) {
        LinkRequestValidator.ValidRequest request = validator.validate(body, caller.mode());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = Ids.prefixed("link_");
        String claimCode = Ids.prefixed("clm_");
        String returnUrl = request.returnUrl() == null ? null : Urls.appendQuery(request.returnUrl(), "linkId", id);
        Link link = new Link(id, caller.tenantId(), caller.mode(), request.integrationId(), true, request.operations(),
                request.webhookUrl(), returnUrl, request.externalUserId(), null, null, request.externalUserId(), null,
                null, request.debug(), false, LinkStatus.PENDING, null, pending(request.operations().size()),
                settings.loginAttempts(), settings.loginAttempts(), false, null, publicUrls.base(), null, null, now, now,
                now.plus(request.expiresIn()), null, null);
        String arguments = request.arguments().stream().allMatch(Objects::isNull) ? null
                : cipher.encrypt(json.writeValueAsString(request.arguments()), id + ":arguments");
        Map<String, Object> eventData = LinkLifecycle.eventData(link);
        String claimCodeHash = Secrets.sha256Hex(claimCode);
        String traceDetail = request.operations().size() + " operation(s) on " + link.integrationId();
        writes.run(() -> {
            links.insert(link, arguments, claimCodeHash);
            events.appendBatched(link.tenantId(), link.mode(), EventType.LINK_CREATED, eventData, link.webhookUrl());
            traces.recordCreated(link, "link_created", traceDetail);
            return link;
        });
        return new CreatedLink(link, claimCode, link.publicBase() + "/c/" + id + "?code=" + claimCode);
    }

    /** A pending link created by the session API (link or user token), with its LINK_CREATED event. */
    @Transactional
    public Link createForSession(NewSessionLink spec) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Link link = new Link(Ids.prefixed("link_"), spec.tenantId(), spec.mode(), spec.integrationId(),
                spec.integrationFixed(), spec.operations(), spec.webhookUrl(), null, null, spec.userId(),
                spec.linkTokenId(), spec.endUserId(), spec.orgName(), spec.language(), false, spec.forLogin(),
                LinkStatus.PENDING, null, pending(spec.operations().size()), settings.loginAttempts(),
                settings.loginAttempts(), false, null,
                spec.publicBase(), null, null, now, now, now.plus(settings.defaultExpiry()), null, null);
        String arguments = spec.arguments() == null || spec.arguments().stream().allMatch(Objects::isNull) ? null
                : cipher.encrypt(json.writeValueAsString(spec.arguments()), link.id() + ":arguments");
        links.insertNow(link, arguments);
        events.append(link.tenantId(), link.mode(), EventType.LINK_CREATED, LinkLifecycle.eventData(link), link.webhookUrl());
        return link;
    }

    /** The link the claim code hashing to {@code hash} opens; the stored hash is compared in constant time. */
    public Optional<Link> findByClaimCodeHash(String hash) {
        return links.findByClaimHash(hash).filter(match -> Secrets.constantTimeEquals(match.storedHash(), hash))
                .map(JdbcLinkRepository.ClaimMatch::link);
    }

    /** The caller's link, expired first if its time is up; 404 for anyone else's. */
    public Link get(ApiCaller caller, String linkId) {
        Link link = links.find(linkId)
                .filter(l -> l.tenantId().equals(caller.tenantId()) && l.mode() == caller.mode())
                .orElseThrow(() -> ApiException.notFound("link_not_found", "No link with this id."));
        return expireIfDue(link);
    }

    /** Applies a due expiry now rather than waiting for the sweep, so nobody reads a stale status. */
    public Link expireIfDue(Link link) {
        if (!link.status().terminal() && !link.expiresAt().isAfter(clock.instant())) {
            return lifecycle.expire(link).orElseGet(() -> links.find(link.id()).orElseThrow());
        }
        return link;
    }

    public LinkPage list(ApiCaller caller, LinkStatus status, String externalUserId, String cursor, int limit) {
        Cursor after = null;
        if (cursor != null) {
            after = Cursor.decode(cursor);
            if (after == null) {
                throw io.linkport.web.ValidationException.of("cursor", "is not a cursor this API returned");
            }
        }
        List<Link> page = links.list(caller.tenantId(), caller.mode(), status, externalUserId, after, limit + 1);
        if (page.size() <= limit) {
            return new LinkPage(page, null);
        }
        Link last = page.get(limit - 1);
        return new LinkPage(page.subList(0, limit), new Cursor(last.createdAt().toEpochMilli(), last.id()).encode());
    }

    /** Cancels a non-terminal link; a terminal one is a 409. */
    @Transactional
    public Link cancel(ApiCaller caller, String linkId) {
        Link link = get(caller, linkId);
        return lifecycle.cancel(link).orElseThrow(() -> ApiException.conflict("link_not_cancelable",
                "The link is " + links.find(linkId).orElseThrow().status().lower() + " and can no longer be canceled."));
    }

    /** The stored result of a completed link, decrypted. */
    public Optional<JsonNode> result(Link link) {
        String sealed = link.status() == LinkStatus.COMPLETED ? links.result(link.id()) : null;
        return Optional.ofNullable(sealed).map(s -> json.readTree(cipher.decrypt(s, link.id() + ":result")));
    }

    /** The arguments of each operation of a run that just started (null where none), decrypted, for the engine only. */
    public List<JsonNode> arguments(StartedRun run) {
        Link link = run.link();
        String sealed = run.argumentsSealed();
        if (sealed == null) {
            return Collections.nCopies(link.operations().size(), null);
        }
        JsonNode array = json.readTree(cipher.decrypt(sealed, link.id() + ":arguments"));
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(node -> out.add(node.isNull() ? null : node));
        return out;
    }

    public List<TraceStep> trace(ApiCaller caller, String linkId) {
        return traces.list(get(caller, linkId).id());
    }

    /** Every link of one end user, by Linkport user id or the tenant's own id, newest first (both modes). */
    public List<Link> listForUser(String tenantId, String userId, String externalUserId) {
        return links.listForUser(tenantId, userId, externalUserId);
    }

    /** Erases stored results and arguments of one end user's links (user deletion); returns how many links. */
    @Transactional
    public int deleteResultsForUser(String tenantId, String userId, String externalUserId) {
        return links.deleteResults(tenantId, userId, externalUserId);
    }

    static List<String> pending(int count) {
        return Collections.nCopies(count, "pending");
    }
}
