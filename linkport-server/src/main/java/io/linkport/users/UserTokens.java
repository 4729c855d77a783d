package io.linkport.users;

import io.linkport.tokens.SignedToken;
import io.linkport.tokens.TokenKind;
import io.linkport.tokens.TokenService;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seed 001's user tokens: one valid unused token per user at a time. Issuing revokes the user's
 * earlier unused tokens in the same transaction, so "refresh" and "create again" both leave
 * exactly the newest token working.
 */
@Component
class UserTokens {

    /** Signing keys stay published this long after they retire (see tokens.SigningKeys). */
    private static final Duration LONGEST = Duration.ofHours(24);

    private final TokenService tokens;
    private final Duration lifetime;

    UserTokens(TokenService tokens, @Value("${linkport.user-token-lifetime:PT1H}") Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0
                || lifetime.toSeconds() * 1_000_000_000L != lifetime.toNanos()) {
            throw new IllegalStateException("linkport.user-token-lifetime must be whole seconds between PT1S and PT24H, not "
                    + lifetime);
        }
        this.tokens = tokens;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** Joins the caller's transaction, which must hold the user's row lock. */
    SignedToken issueFor(EndUser user) {
        tokens.revokeUnused(user.tenantId(), TokenKind.USER, user.id());
        return tokens.issue(TokenKind.USER, user.tenantId(), user.mode(), user.id(), null, Map.of(), lifetime);
    }

    void revokeAll(EndUser user) {
        tokens.revokeUnused(user.tenantId(), TokenKind.USER, user.id());
    }
}
