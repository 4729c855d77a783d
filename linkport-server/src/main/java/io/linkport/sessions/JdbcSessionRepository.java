package io.linkport.sessions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Session credentials and one-time OAuth states; only hashes of the tokens are stored. A
 * credential is looked up together with its link ({@link io.linkport.links.LinkLifecycle#findBySession}).
 */
@Repository
class JdbcSessionRepository {

    private static final String INSERT = """
            INSERT INTO link_sessions (token_hash, link_id, created_at, expires_at) VALUES (?, ?, ?, ?)""";
    private static final String RENEW = """
            UPDATE link_sessions SET expires_at = ? WHERE token_hash = ? AND expires_at > ?""";
    private static final String INSERT_OAUTH = """
            INSERT INTO link_oauth_states (state_hash, link_id, verifier_encrypted, pending_encrypted, redirect_uri,
                created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String FIND_OAUTH = """
            SELECT link_id, verifier_encrypted, pending_encrypted, redirect_uri FROM link_oauth_states WHERE state_hash = ?""";
    /** One-time: of any number of callbacks carrying the same state, one uses it. */
    private static final String USE_OAUTH = """
            UPDATE link_oauth_states SET used_at = ? WHERE state_hash = ? AND used_at IS NULL AND expires_at > ?""";

    private final JdbcClient jdbc;

    JdbcSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record OAuthState(String linkId, String verifierCiphertext, String pendingCiphertext, String redirectUri) {
    }

    void insert(String tokenHash, String linkId, Instant now, Instant expiresAt) {
        jdbc.sql(INSERT).params(tokenHash, linkId, utc(now), utc(expiresAt)).update();
    }

    boolean renew(String tokenHash, Instant now, Instant expiresAt) {
        return jdbc.sql(RENEW).params(utc(expiresAt), tokenHash, utc(now)).update() == 1;
    }

    void insertOAuth(String stateHash, String linkId, String verifierCiphertext, String pendingCiphertext,
                     String redirectUri, Instant now, Instant expiresAt) {
        jdbc.sql(INSERT_OAUTH).params(stateHash, linkId, verifierCiphertext, pendingCiphertext, redirectUri, utc(now),
                utc(expiresAt)).update();
    }

    Optional<OAuthState> findOAuth(String stateHash) {
        return jdbc.sql(FIND_OAUTH).param(stateHash).query((rs, row) -> new OAuthState(rs.getString("link_id"),
                rs.getString("verifier_encrypted"), rs.getString("pending_encrypted"), rs.getString("redirect_uri")))
                .optional();
    }

    boolean useOAuth(String stateHash, Instant now) {
        return jdbc.sql(USE_OAUTH).params(utc(now), stateHash, utc(now)).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
