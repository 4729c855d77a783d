package io.linkport.tokens;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.linkport.common.GroupCommit;
import io.linkport.common.LinkportProperties;
import io.linkport.common.Mode;
import io.linkport.web.ApiException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues and consumes the browser-facing tokens. A token is a signed JWT for the browser and a
 * row in {@code issued_tokens} for us: its signature proves we issued it, and the row decides
 * whether it may still be used — single use, expiry and revocation are enforced by a conditional
 * UPDATE, so they hold across nodes and restarts whatever the JWT says.
 */
@Service
public class TokenService {

    public static final String AUDIENCE = "linkport-widget";

    /** Concurrent standalone issues sharing one commit; more would only lengthen a batch's round trip. */
    private static final int MAX_INSERT_BATCH = 128;
    /**
     * Batches committing at once. With one, every token waited for the batch ahead of it to reach
     * the disk; with two, the next batch is written while one waits for its flush (faster in six
     * alternating pairs, median +33 %, on a disk that flushes in ≈ 2 ms; four were no better than
     * two — docs/performance.md, round 10).
     */
    private static final int INSERT_WRITERS = 2;

    private final SigningKeys keys;
    private final JdbcIssuedTokenRepository tokens;
    private final Clock clock;
    private final String issuer;
    private final GroupCommit<IssuedToken, Boolean> standaloneInserts;

    TokenService(SigningKeys keys, JdbcIssuedTokenRepository tokens, Clock clock, LinkportProperties properties,
                 TransactionTemplate tx) {
        this.keys = keys;
        this.tokens = tokens;
        this.clock = clock;
        this.issuer = properties.issuer();
        this.standaloneInserts = new GroupCommit<>(MAX_INSERT_BATCH, INSERT_WRITERS, batch -> tx.execute(status -> {
            tokens.insertAll(batch);
            return Collections.nCopies(batch.size(), Boolean.TRUE);
        }));
    }

    /**
     * Stores and signs a new token. Inside a caller's transaction the row joins it and commits with
     * the caller's rows. Without one (POST /v1/link_tokens) the row is group-committed with the
     * other tokens being issued at that moment: one transaction and one commit per batch (two
     * batches may be committing at once), and this call still returns only after its own row is
     * committed. Not annotated {@code @Transactional} for that reason.
     */
    public SignedToken issue(TokenKind kind, String tenantId, Mode mode, String subject, String linkId,
                             Map<String, Object> details, Duration lifetime) {
        Instant now = clock.instant();
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        IssuedToken record = new IssuedToken(UUID.randomUUID().toString(), kind, tenantId, mode, subject, linkId,
                details == null ? Map.of() : details, now, issuedAt.plus(lifetime), null, null);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            tokens.insert(record);
        } else {
            standaloneInserts.submit(record);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .jwtID(record.id())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(record.expiresAt()))
                .claim("typ", kind.jwtType())
                .claim("tid", tenantId)
                .claim("mode", mode.lower())
                .build();
        return new SignedToken(record, keys.sign(claims, kind.jwtType()));
    }

    /**
     * Uses a token up. Exactly one of any number of concurrent callers succeeds; every other gets
     * a 409 {@code token_already_used}. Expired → 401 {@code token_expired}; superseded by a
     * refresh → 401 {@code token_revoked}; anything else wrong → 401 {@code invalid_token}.
     */
    @Transactional
    public IssuedToken consume(String jwt, TokenKind expected) {
        IssuedToken token = inspect(jwt, expected);
        if (!tokens.consume(token.id(), clock.instant())) {
            throw rejection(tokens.find(token.id()).orElse(token));
        }
        return tokens.find(token.id()).orElseThrow();
    }

    /** The token's record if its signature and type are right, without using it up. */
    public IssuedToken inspect(String jwt, TokenKind expected) {
        SignedJWT parsed = keys.verifySignature(jwt == null ? "" : jwt.trim()).orElseThrow(TokenService::invalid);
        try {
            JWTClaimsSet claims = parsed.getJWTClaimsSet();
            if (parsed.getHeader().getType() == null || !expected.jwtType().equals(parsed.getHeader().getType().getType())
                    || !claims.getAudience().contains(AUDIENCE) || !issuer.equals(claims.getIssuer())) {
                throw invalid();
            }
            IssuedToken token = tokens.find(claims.getJWTID()).orElseThrow(TokenService::invalid);
            if (token.kind() != expected) {
                throw invalid();
            }
            return token;
        } catch (ParseException e) {
            throw invalid();
        }
    }

    /** Seed 001: refreshing a user's token makes the previous unused ones invalid. */
    @Transactional(propagation = Propagation.REQUIRED)
    public int revokeUnused(String tenantId, TokenKind kind, String subject) {
        return tokens.revokeUnused(tenantId, kind, subject, clock.instant());
    }

    /** Binds a token to the link it opened (or that was created for it). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void bindToLink(String tokenId, String linkId) {
        tokens.setLink(tokenId, linkId);
    }

    public java.util.Optional<IssuedToken> find(String tokenId) {
        return tokens.find(tokenId);
    }

    /**
     * Why the conditional update refused the token. If the re-read still shows it usable, a
     * concurrent consume won: on H2 this read can miss the winner's commit for a moment after the
     * update has seen it (once in 300 runs of 32 callers), so "already used" is the true answer.
     */
    private ApiException rejection(IssuedToken token) {
        if (token.consumedAt() != null) {
            return alreadyUsed();
        }
        if (token.revokedAt() != null) {
            return ApiException.unauthorized("token_revoked", "This token was replaced by a newer one.");
        }
        if (!token.expiresAt().isAfter(clock.instant())) {
            return ApiException.unauthorized("token_expired", "This token has expired. Create a new one.");
        }
        return alreadyUsed();
    }

    private static ApiException alreadyUsed() {
        return ApiException.conflict("token_already_used",
                "This token has already been used. Create a new one for each session.");
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("invalid_token", "The token is not valid.");
    }
}
