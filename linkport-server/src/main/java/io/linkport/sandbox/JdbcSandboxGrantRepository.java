package io.linkport.sandbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox authorization server's codes and tokens, by SHA-256 hash (see {@code V3__sandbox.sql}). */
@Repository
class JdbcSandboxGrantRepository {

    private static final String INSERT = """
            INSERT INTO sandbox_oauth_grants (token_hash, kind, client_id, username, redirect_uri, code_challenge,
                                              created_at, expires_at)
            VALUES (:hash, :kind, :client, :username, :redirectUri, :challenge, :now, :expires)""";
    private static final String CONSUME = """
            UPDATE sandbox_oauth_grants SET used_at = :now
            WHERE token_hash = :hash AND kind = :kind AND used_at IS NULL AND expires_at > :now""";
    private static final String SELECT = """
            SELECT kind, client_id, username, redirect_uri, code_challenge, expires_at, used_at
            FROM sandbox_oauth_grants WHERE token_hash = :hash AND kind = :kind""";

    private static final RowMapper<SandboxGrant> GRANT = (rs, row) -> new SandboxGrant(rs.getString("kind"),
            rs.getString("client_id"), rs.getString("username"), rs.getString("redirect_uri"),
            rs.getString("code_challenge"), rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
            rs.getObject("used_at", OffsetDateTime.class) != null);

    private final JdbcClient jdbc;

    JdbcSandboxGrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String hash, SandboxGrant grant, Instant now) {
        jdbc.sql(INSERT).param("hash", hash).param("kind", grant.kind()).param("client", grant.clientId())
                .param("username", grant.username()).param("redirectUri", grant.redirectUri())
                .param("challenge", grant.codeChallenge()).param("now", now.atOffset(ZoneOffset.UTC))
                .param("expires", grant.expiresAt().atOffset(ZoneOffset.UTC)).update();
    }

    /** Marks an unexpired, unused grant used and returns it; empty when it was not there to use. */
    Optional<SandboxGrant> consume(String hash, String kind, Instant now) {
        int updated = jdbc.sql(CONSUME).param("hash", hash).param("kind", kind)
                .param("now", now.atOffset(ZoneOffset.UTC)).update();
        return updated == 1 ? find(hash, kind) : Optional.empty();
    }

    Optional<SandboxGrant> find(String hash, String kind) {
        return jdbc.sql(SELECT).param("hash", hash).param("kind", kind).query(GRANT).optional();
    }
}
