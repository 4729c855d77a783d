package io.linkport.sessions;

import io.linkport.common.GroupTransaction;
import io.linkport.common.Mode;
import io.linkport.common.PublicUrls;
import io.linkport.common.Secrets;
import io.linkport.links.Link;
import io.linkport.links.LinkLifecycle;
import io.linkport.links.LinkOperation;
import io.linkport.links.LinkService;
import io.linkport.links.LinkSettings;
import io.linkport.links.LinkStatus;
import io.linkport.links.NewSessionLink;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import io.linkport.tokens.IssuedToken;
import io.linkport.tokens.LinkTokenService;
import io.linkport.tokens.TokenKind;
import io.linkport.tokens.TokenRejections;
import io.linkport.tokens.TokenService;
import io.linkport.web.ApiException;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/sessions}: claims a link with a claim code, a link token or a user token and
 * hands out a session credential bound to that one link. The claim is a conditional UPDATE
 * ({@code pending → claimed}), so of any number of concurrent claims exactly one wins.
 */
@Service
public class SessionStarter {

    /** Seed 000's jobs, as link operations on a payroll integration. */
    static final Map<String, LinkOperation> JOBS = Map.of(
            "employment", new LinkOperation("employment", "read"),
            "income", new LinkOperation("income", "read"),
            "identity", new LinkOperation("identity", "read"),
            "paystubs", new LinkOperation("paystubs", "read"),
            "direct_deposit_switch", new LinkOperation("directDeposit", "write"));
    static final String PAYROLL = "payroll";
    private static final List<String> CLAIM_FIELDS = List.of("claimCode", "linkToken", "accessToken", "authorizeToken");
    private static final Map<String, TokenKind> TOKEN_CLAIMS = Map.of("linkToken", TokenKind.LINK,
            "accessToken", TokenKind.USER, "authorizeToken", TokenKind.AUTHORIZE);

    private final LinkService links;
    private final LinkLifecycle lifecycle;
    private final TokenService tokens;
    private final LinkTokenService linkTokens;
    private final ProviderCatalog catalog;
    private final JdbcSessionRepository sessions;
    private final PublicUrls publicUrls;
    private final LinkSettings settings;
    private final Clock clock;
    private final TokenRejections rejections;
    private final GroupTransaction writes;

    SessionStarter(LinkService links, LinkLifecycle lifecycle, TokenService tokens, LinkTokenService linkTokens,
                   ProviderCatalog catalog, JdbcSessionRepository sessions, PublicUrls publicUrls, LinkSettings settings,
                   Clock clock, TokenRejections rejections, GroupTransaction writes) {
        this.links = links;
        this.lifecycle = lifecycle;
        this.tokens = tokens;
        this.linkTokens = linkTokens;
        this.catalog = catalog;
        this.sessions = sessions;
        this.publicUrls = publicUrls;
        this.settings = settings;
        this.clock = clock;
        this.rejections = rejections;
        this.writes = writes;
    }

    /** A session handed out: its bearer token (shown once), the hash it is stored under, and the link it acts on. */
    public record Started(String sessionToken, String tokenHash, Instant expiresAt, Link link) {
    }

    /** What a saved-login session is for (seed 003): whose login, at which institution if already known. */
    public record LoginSessionSpec(String tenantId, Mode mode, String tokenId, String endUserId,
                                   String integrationId, String language) {
    }

    /**
     * A unit of the {@link GroupTransaction}: the claim commits with the other claims and state
     * changes of that moment. Joins the caller's transaction when there is one.
     */
    public Started start(JsonNode body) {
        String field = claimField(body);
        return writes.run(() -> claim(body, field));
    }

    private Started claim(JsonNode body, String field) {
        String value = body.get(field).asString();
        Link claimed = switch (field) {
            case "claimCode" -> claimByCode(value);
            case "linkToken" -> claimByLinkToken(tokens.consume(value, TokenKind.LINK));
            case "authorizeToken" -> {
                IssuedToken token = tokens.consume(value, TokenKind.AUTHORIZE);
                yield claimForLogin(new LoginSessionSpec(token.tenantId(), token.mode(), token.id(), token.subject(), null, null));
            }
            default -> claimByUserToken(tokens.consume(value, TokenKind.USER));
        };
        return open(claimed);
    }

    /**
     * A session on a new, already claimed link that logs in to one institution and reads everything
     * it offers; the logins feature saves the login when it succeeds. Joins the caller's transaction,
     * so the token that authorised it and the session are used up together.
     */
    @Transactional
    public Started startForLogin(LoginSessionSpec spec) {
        return open(claimForLogin(spec));
    }

    private Started open(Link claimed) {
        String token = SessionCallerResolver.PREFIX + Secrets.randomUrlSafe(32);
        Instant now = clock.instant();
        // to the millisecond, as stored and read back: a response and a later read show the same instant
        Instant expiresAt = now.plus(settings.sessionLifetime()).truncatedTo(ChronoUnit.MILLIS);
        String tokenHash = Secrets.sha256Hex(token);
        sessions.insert(tokenHash, claimed.id(), now, expiresAt);
        return new Started(token, tokenHash, expiresAt, claimed);
    }

    /** A used, expired or revoked token presented to open a session becomes a TOKEN_REJECTED event. */
    void recordRejection(JsonNode body, ApiException refusal) {
        for (Map.Entry<String, TokenKind> claim : TOKEN_CLAIMS.entrySet()) {
            JsonNode value = body == null ? null : body.get(claim.getKey());
            if (value != null && value.isString()) {
                rejections.record(value.asString(), claim.getValue(), refusal, "sessions");
            }
        }
    }

    private static String claimField(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("", "request body must be a JSON object");
        }
        List<ValidationIssue> issues = new ArrayList<>();
        List<String> present = new ArrayList<>();
        body.propertyNames().forEach(name -> {
            if (!CLAIM_FIELDS.contains(name)) {
                issues.add(new ValidationIssue(name, "is not a known field"));
            } else if (!body.get(name).isString() || body.get(name).asString().isBlank()) {
                issues.add(new ValidationIssue(name, "must be a non-empty string"));
            } else {
                present.add(name);
            }
        });
        if (issues.isEmpty() && present.size() != 1) {
            issues.add(new ValidationIssue("", "send exactly one of claimCode, linkToken, accessToken, authorizeToken"));
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        return present.get(0);
    }

    /**
     * The claim itself finds the link (one UPDATE by the code's hash); only a claim that changed
     * nothing reads the link, to say why: unknown code, expired, canceled or already opened.
     */
    private Link claimByCode(String claimCode) {
        String hash = Secrets.sha256Hex(claimCode);
        return lifecycle.claimByCode(hash).orElseThrow(() -> {
            Link link = links.findByClaimCodeHash(hash)
                    .orElseThrow(() -> ApiException.notFound("link_not_found", "No link has this claim code."));
            refuseUnclaimable(link);
            return alreadyClaimed();
        });
    }

    private void refuseUnclaimable(Link link) {
        if (link.status() == LinkStatus.EXPIRED
                || (!link.status().terminal() && !link.expiresAt().isAfter(clock.instant()))) {
            throw ApiException.gone("link_expired", "This link has expired.");
        }
        if (link.status() == LinkStatus.CANCELED) {
            throw ApiException.gone("link_canceled", "This link was canceled.");
        }
        if (link.status() != LinkStatus.PENDING) {
            throw alreadyClaimed();
        }
    }

    private static ApiException alreadyClaimed() {
        return ApiException.conflict("link_already_claimed", "This link has already been opened.");
    }

    /** Seed 000: the token's required jobs become read operations on the payroll integration the user picks. */
    private Link claimByLinkToken(IssuedToken token) {
        Map<String, Object> details = token.details();
        List<LinkOperation> operations = new ArrayList<>();
        if (details.get("required_jobs") instanceof List<?> jobs) {
            jobs.forEach(job -> {
                LinkOperation op = JOBS.get(String.valueOf(job));
                if (op != null && !operations.contains(op)) {
                    operations.add(op);
                }
            });
        }
        String integrationId = details.get("integration_id") instanceof String id
                && catalog.find(id, token.mode()).filter(p -> supportsAll(p, operations)).isPresent() ? id : null;
        JsonNode deposit = linkTokens.directDepositArguments(token);
        List<JsonNode> arguments = operations.stream()
                .map(op -> op.resource().equals("directDeposit") && op.action().equals("write") ? deposit : null)
                .toList();
        Link link = links.createForSession(new NewSessionLink(token.tenantId(), token.mode(), integrationId,
                integrationId != null, operations, arguments, (String) details.get("webhook_url"), token.id(),
                details.get("end_user_id") instanceof String endUser ? endUser : token.subject(), null,
                (String) details.get("org_name"), (String) details.get("language"), publicUrls.base(), false));
        tokens.bindToLink(token.id(), link.id());
        return lifecycle.claim(link).orElseThrow(SessionStarter::alreadyClaimed);
    }

    /** Seed 001: a Linkport user picks any integration; the link then reads everything it offers. */
    private Link claimByUserToken(IssuedToken token) {
        Link link = links.createForSession(new NewSessionLink(token.tenantId(), token.mode(), null, false, List.of(),
                null, null, null, null, token.subject(), null, null, publicUrls.base(), false));
        tokens.bindToLink(token.id(), link.id());
        return lifecycle.claim(link).orElseThrow(SessionStarter::alreadyClaimed);
    }

    /** Seed 003: a login to one institution (fixed when the caller named it), reading everything it offers. */
    private Link claimForLogin(LoginSessionSpec spec) {
        Provider provider = spec.integrationId() == null ? null : catalog.find(spec.integrationId(), spec.mode())
                .orElseThrow(() -> ValidationException.of("integrationId", "is not an available integration"));
        List<LinkOperation> operations = provider == null ? List.of() : SessionService.reads(provider.descriptor());
        Link link = links.createForSession(new NewSessionLink(spec.tenantId(), spec.mode(),
                provider == null ? null : provider.id(), provider != null, operations, null, null, spec.tokenId(),
                spec.endUserId(), null, null, spec.language(), publicUrls.base(), true));
        if (spec.tokenId() != null) {
            tokens.bindToLink(spec.tokenId(), link.id());
        }
        return lifecycle.claim(link).orElseThrow(SessionStarter::alreadyClaimed);
    }

    static boolean supportsAll(Provider provider, List<LinkOperation> operations) {
        return operations.stream().allMatch(op -> provider.supports(op.resource(), op.action()));
    }
}
