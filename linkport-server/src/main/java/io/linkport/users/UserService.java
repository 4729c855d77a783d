package io.linkport.users;

import io.linkport.common.Ids;
import io.linkport.common.Mode;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.links.Link;
import io.linkport.links.LinkService;
import io.linkport.tenants.ApiCaller;
import io.linkport.tokens.SignedToken;
import io.linkport.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * End users (seed 001): creation with a {@code USER_CREATED} event, user tokens, the profile
 * with what other features hold about the user, and deletion that erases personal data.
 * Everything is scoped by the caller's tenant and mode: another tenant's user, or a sandbox user
 * seen with a production key, does not exist.
 */
@Service
public class UserService {

    /** A user with a fresh token; {@code created} is false when the tenant-side id already existed. */
    public record IssuedUser(EndUser user, SignedToken token, boolean created) {
    }

    /** The profile with what the links and saved-logins features hold about the user. */
    public record UserProfile(EndUser user, List<Link> links, List<Map<String, Object>> logins) {
    }

    private final JdbcUserRepository users;
    private final UserTokens tokens;
    private final EventLog events;
    private final LinkService links;
    private final ObjectProvider<UserLogins> logins;
    private final TransactionTemplate tx;
    private final Clock clock;

    UserService(JdbcUserRepository users, UserTokens tokens, EventLog events, LinkService links,
                ObjectProvider<UserLogins> logins, PlatformTransactionManager transactions, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.events = events;
        this.links = links;
        this.logins = logins;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** How long a user token lives ({@code linkport.user-token-lifetime}, one hour by default). */
    public Duration tokenLifetime() {
        return tokens.lifetime();
    }

    /**
     * Creates a user, or — when {@code externalUserId} is already taken in this tenant and mode —
     * returns that user with a new token, revoking its unused ones. Concurrent creations with
     * the same tenant-side id meet at the unique constraint: the loser's transaction (user and
     * event) rolls back and it answers with the winner's user.
     */
    public IssuedUser create(ApiCaller caller, NewUser request) {
        if (request.externalUserId() != null) {
            Optional<IssuedUser> existing = tx.execute(s -> reissue(caller, request.externalUserId()));
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        try {
            return tx.execute(s -> insert(caller, request));
        } catch (DuplicateKeyException e) {
            return tx.execute(s -> reissue(caller, request.externalUserId())).orElseThrow(() -> e);
        }
    }

    private IssuedUser insert(ApiCaller caller, NewUser request) {
        EndUser user = new EndUser(caller.tenantId() + "-" + Ids.hex128(), caller.tenantId(), caller.mode(),
                request.externalUserId(), request.name(), request.email(), request.phone(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        users.insert(user);
        events.append(user.tenantId(), user.mode(), EventType.USER_CREATED, Map.of("userId", user.id()));
        return new IssuedUser(user, tokens.issueFor(user), true);
    }

    private Optional<IssuedUser> reissue(ApiCaller caller, String externalUserId) {
        return users.lockByExternalId(caller.tenantId(), caller.mode(), externalUserId)
                .map(user -> new IssuedUser(user, tokens.issueFor(user), false));
    }

    /** Seed 001's refresh: a new token for the user; its earlier unused tokens stop working. */
    @Transactional
    public SignedToken refreshToken(ApiCaller caller, String userId) {
        return tokens.issueFor(users.lock(caller.tenantId(), caller.mode(), userId).orElseThrow(UserService::notFound));
    }

    /** A live user of this tenant and mode, for features that act on a user token's subject. */
    public Optional<EndUser> find(String tenantId, Mode mode, String userId) {
        return users.find(tenantId, mode, userId);
    }

    public UserProfile profile(ApiCaller caller, String userId) {
        EndUser user = users.find(caller.tenantId(), caller.mode(), userId).orElseThrow(UserService::notFound);
        // Links are found by Linkport id or tenant-side id; the user lives in one mode, so only that mode's count.
        List<Link> own = links.listForUser(user.tenantId(), user.id(), user.externalUserId()).stream()
                .filter(link -> link.mode() == user.mode()).toList();
        return new UserProfile(user, own,
                logins.orderedStream().flatMap(view -> view.loginsFor(user).stream()).toList());
    }

    /** One page of live users in creation order; {@code afterSeq} comes from the previous page's cursor. */
    public UserPage list(ApiCaller caller, long afterSeq, int limit, String externalUserId) {
        List<JdbcUserRepository.Stored> rows = users.page(caller.tenantId(), caller.mode(), afterSeq, externalUserId,
                limit + 1);
        boolean more = rows.size() > limit;
        List<JdbcUserRepository.Stored> page = more ? rows.subList(0, limit) : rows;
        return new UserPage(page.stream().map(JdbcUserRepository.Stored::user).toList(),
                more ? UserPage.cursorAfter(page.get(page.size() - 1).seq()) : null);
    }

    /**
     * Erases the user: links' results and saved logins (through their features), unused tokens,
     * and the user's own personal fields, then records {@code USER_DELETED} — all or nothing.
     */
    @Transactional
    public Instant delete(ApiCaller caller, String userId) {
        EndUser user = users.lock(caller.tenantId(), caller.mode(), userId).orElseThrow(UserService::notFound);
        links.deleteResultsForUser(user.tenantId(), user.id(), externalIdOnlyThisModeUses(user));
        logins.orderedStream().forEach(view -> view.forget(user));
        tokens.revokeAll(user);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        users.erase(user.tenantId(), user.mode(), user.id(), now);
        events.append(user.tenantId(), user.mode(), EventType.USER_DELETED, Map.of("userId", user.id()));
        return now;
    }

    /**
     * LinkService matches a tenant-side id in both modes. When the other mode has a live user with
     * the same tenant-side id, that person's links must survive, so only links that carry this
     * user's Linkport id are erased.
     */
    private String externalIdOnlyThisModeUses(EndUser user) {
        if (user.externalUserId() == null) {
            return null;
        }
        Mode other = user.mode() == Mode.SANDBOX ? Mode.PRODUCTION : Mode.SANDBOX;
        return users.findByExternalId(user.tenantId(), other, user.externalUserId()).isPresent()
                ? null : user.externalUserId();
    }

    private static ApiException notFound() {
        return ApiException.notFound("user_not_found", "No user with this id exists for this API key.");
    }
}
