package io.linkport.tokens;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.linkport.common.MasterKeyCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSigningKeyRepository {

    private static final String INSERT = """
            INSERT INTO signing_keys (kid, algorithm, public_jwk, private_jwk_encrypted, created_at, retire_after)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String LIST_PUBLISHED = """
            SELECT kid, private_jwk_encrypted, created_at, retire_after FROM signing_keys
            WHERE retire_after > ? ORDER BY created_at DESC""";

    private final JdbcClient jdbc;
    private final MasterKeyCipher cipher;

    JdbcSigningKeyRepository(JdbcClient jdbc, MasterKeyCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    void insert(SigningKey key) {
        jdbc.sql(INSERT).params(key.kid(), key.algorithm().getName(), key.jwk().toPublicJWK().toJSONString(),
                cipher.encrypt(key.jwk().toJSONString(), key.kid()),
                key.createdAt().atOffset(ZoneOffset.UTC), key.retireAfter().atOffset(ZoneOffset.UTC)).update();
    }

    /** Keys still worth publishing: those that sign now or signed tokens that may still be alive. */
    List<SigningKey> listPublishedAfter(Instant cutoff) {
        return jdbc.sql(LIST_PUBLISHED).param(cutoff.atOffset(ZoneOffset.UTC)).query(this::map).list();
    }

    private SigningKey map(ResultSet rs, int row) throws SQLException {
        String kid = rs.getString("kid");
        try {
            JWK jwk = JWK.parse(cipher.decrypt(rs.getString("private_jwk_encrypted"), kid));
            if (!(jwk instanceof OctetKeyPair) && !(jwk instanceof ECKey)) {
                throw new IllegalStateException("Stored signing key " + kid + " is neither Ed25519 nor P-256");
            }
            return new SigningKey(kid, jwk, rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("retire_after", OffsetDateTime.class).toInstant());
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + kid + " is not a valid JWK", e);
        }
    }
}
