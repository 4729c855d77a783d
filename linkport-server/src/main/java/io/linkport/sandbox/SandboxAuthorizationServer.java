package io.linkport.sandbox;

import io.linkport.common.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A small OAuth 2.0 authorization server for the sandbox OAuth institutions: authorization
 * codes bound to the redirect URI and a PKCE S256 challenge, single use and short-lived; access
 * tokens for an hour; refresh tokens that rotate on every use. Everything is in the database,
 * so any node can finish what another started.
 */
@Service
class SandboxAuthorizationServer {

    static final String SCOPE = "accounts transactions identity balances";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final Duration ACCESS_LIFETIME = Duration.ofHours(1);
    private static final Duration REFRESH_LIFETIME = Duration.ofDays(90);

    private final JdbcSandboxGrantRepository grants;
    private final Clock clock;

    SandboxAuthorizationServer(JdbcSandboxGrantRepository grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    /** The user approved: a code for the client to exchange. */
    String approve(String clientId, String username, String redirectUri, String codeChallenge) {
        return issue(new SandboxGrant("code", clientId, username, redirectUri, codeChallenge,
                clock.instant().plus(CODE_LIFETIME), false));
    }

    SandboxTokens exchangeCode(String clientId, String code, String redirectUri, String codeVerifier) {
        SandboxGrant grant = grants.consume(hash(code), "code", clock.instant())
                .orElseThrow(() -> invalidGrant("The authorization code is unknown, expired or already used"));
        if (!grant.clientId().equals(clientId) || !grant.redirectUri().equals(redirectUri)) {
            throw invalidGrant("The code was issued to another client or redirect URI");
        }
        if (codeVerifier == null || !Secrets.constantTimeEquals(s256(codeVerifier), grant.codeChallenge())) {
            throw invalidGrant("The PKCE code verifier does not match the code challenge");
        }
        return tokens(clientId, grant.username());
    }

    /** Uses a refresh token once and answers a new pair; the old refresh token stops working. */
    SandboxTokens refresh(String clientId, String refreshToken) {
        SandboxGrant grant = grants.consume(hash(refreshToken == null ? "" : refreshToken), "refresh", clock.instant())
                .orElseThrow(() -> invalidGrant("The refresh token is unknown, expired or already used"));
        if (!grant.clientId().equals(clientId)) {
            throw invalidGrant("The refresh token was issued to another client");
        }
        return tokens(clientId, grant.username());
    }

    /** Whose access token this is, while it is valid. */
    Optional<String> usernameFor(String clientId, String accessToken) {
        return grants.find(hash(accessToken == null ? "" : accessToken), "access")
                .filter(g -> g.clientId().equals(clientId) && g.expiresAt().isAfter(clock.instant()))
                .map(SandboxGrant::username);
    }

    private SandboxTokens tokens(String clientId, String username) {
        Instant now = clock.instant();
        String access = issue(new SandboxGrant("access", clientId, username, null, null, now.plus(ACCESS_LIFETIME), false));
        String refresh = issue(new SandboxGrant("refresh", clientId, username, null, null, now.plus(REFRESH_LIFETIME),
                false));
        return new SandboxTokens(access, refresh, ACCESS_LIFETIME.toSeconds(), SCOPE, username);
    }

    private String issue(SandboxGrant grant) {
        String value = Secrets.randomUrlSafe(32);
        grants.insert(hash(value), grant, clock.instant());
        return value;
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String value) {
        return Secrets.sha256Hex(value);
    }

    private static SandboxOAuthError invalidGrant(String description) {
        return new SandboxOAuthError("invalid_grant", description);
    }
}
