package io.linkport.tokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.linkport.common.LinkportProperties;
import io.linkport.testing.Api;
import io.linkport.testing.ServerTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SigningKeyRotationTest extends ServerTest {

    @Autowired
    SigningKeys keys;

    @Autowired
    TokenService tokens;

    @Autowired
    JdbcSigningKeyRepository repository;

    @Autowired
    LinkportProperties properties;

    @Test
    void rotateWhenActiveKeyRetiresThenNewKeySignsAndOldTokensStillVerify() {
        String before = newLinkToken();
        String oldKid = keys.activeKid();

        jdbc.sql("UPDATE signing_keys SET retire_after = ? WHERE kid = ?")
                .params(java.time.OffsetDateTime.now().minusSeconds(1), oldKid).update();
        keys.reload();

        assertThat(keys.activeKid()).isNotEqualTo(oldKid);
        String jwks = api.get("/.well-known/jwks.json").text();
        assertThat(jwks).contains(oldKid, keys.activeKid());
        assertThat(tokens.inspect(before, TokenKind.LINK).id()).isNotBlank();
        String after = newLinkToken();
        assertThat(tokens.inspect(after, TokenKind.LINK).id()).isNotBlank();
    }

    @Test
    void es256KeyFromBeforeEdDsaWhenNewestThenEd25519KeyTakesOverAndEs256TokensStillVerify() throws Exception {
        String edToken = newLinkToken();
        String tokenId = tokens.inspect(edToken, TokenKind.LINK).id();
        // A database from before the switch: its newest key is ES256, and tokens it signed are alive.
        ECKey legacy = new ECKeyGenerator(Curve.P_256).keyID("sk_legacy_" + System.nanoTime()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).generate();
        Instant now = Instant.now();
        repository.insert(new SigningKey(legacy.getKeyID(), legacy, now.minusMillis(1), now.plusSeconds(60)));
        SignedJWT legacyToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(legacy.getKeyID())
                .type(new JOSEObjectType(TokenKind.LINK.jwtType())).build(), SignedJWT.parse(edToken).getJWTClaimsSet());
        legacyToken.sign(new ECDSASigner(legacy));

        keys.reload();

        assertThat(keys.activeKid()).isNotEqualTo(legacy.getKeyID());
        assertThat(tokens.inspect(legacyToken.serialize(), TokenKind.LINK).id()).isEqualTo(tokenId);
        String newToken = newLinkToken();
        assertThat(SignedJWT.parse(newToken).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        JwtConsumer independent = againstPublishedJwks();
        assertThat(independent.processToClaims(legacyToken.serialize()).getJwtId()).isEqualTo(tokenId);
        assertThat(independent.processToClaims(newToken).getJwtId()).isNotBlank();
    }

    @Test
    void tokenWhenSignedByKeyOfAnotherAlgorithmThanItsHeaderNamesThenRefused() throws Exception {
        String token = newLinkToken();
        SignedJWT parsed = SignedJWT.parse(token);
        // An ES256 signature under the active (Ed25519) key's id: the key decides the algorithm.
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.activeKid())
                .type(parsed.getHeader().getType()).build(), parsed.getJWTClaimsSet());
        forged.sign(new ECDSASigner(other));

        assertThat(keys.verifySignature(forged.serialize())).isEmpty();
        assertThat(keys.verifySignature(token)).isPresent();
    }

    @Test
    void privateKeysWhenStoredThenEncryptedNotPlainJwk() {
        List<String> stored = jdbc.sql("SELECT private_jwk_encrypted FROM signing_keys").query(String.class).list();
        assertThat(stored).isNotEmpty().allMatch(value -> value.startsWith("v1:") && !value.contains("\"d\""));
    }

    @Test
    void afterTheFirstTokenTokensAreSignedNativelyAndStillVerifyAgainstTheJwks() throws Exception {
        // The library ships for Linux x86-64, where these tests run; elsewhere BouncyCastle keeps signing.
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"));
        newLinkToken();
        await().atMost(Duration.ofSeconds(30)).until(keys::signsNatively);

        String token = newLinkToken();

        JwtConsumer independent = againstPublishedJwks();
        assertThat(independent.processToClaims(token).getJwtId()).isEqualTo(tokens.inspect(token, TokenKind.LINK).id());
        SignedJWT jwt = SignedJWT.parse(token);
        byte[] seed = repository.listPublishedAfter(Instant.EPOCH).stream().filter(k -> k.kid().equals(keys.activeKid()))
                .findFirst().orElseThrow().jwk().toOctetKeyPair().getDecodedD();
        assertThat(jwt.getSignature().decode())
                .isEqualTo(Ed25519Signing.bouncyCastle(seed).sign(jwt.getSigningInput()));
    }

    @Test
    void withNativeSigningOffBouncyCastleKeepsSigningAndItsTokensVerify() throws Exception {
        SigningKeys bouncyCastleOnly = new SigningKeys(repository, Clock.systemUTC(), properties, false);
        bouncyCastleOnly.afterSingletonsInstantiated();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u-1").jwtID("tok_1").build();

        SignedJWT signed = SignedJWT.parse(bouncyCastleOnly.sign(claims, TokenKind.LINK.jwtType()));

        // Enough for the library to load had it been asked for (≈ 0.5 s); it must not have been.
        Thread.sleep(2_000);
        assertThat(bouncyCastleOnly.signsNatively()).isFalse();
        assertThat(keys.verifySignature(signed.serialize())).isPresent();
    }

    /** jose4j, checking signatures against the keys the server publishes, as a tenant would. */
    private JwtConsumer againstPublishedJwks() throws Exception {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        new JsonWebKeySet(api.get("/.well-known/jwks.json").text()).getJsonWebKeys()))
                .setExpectedAudience(TokenService.AUDIENCE)
                .build();
    }

    private String newLinkToken() {
        return api.post("/v1/link_tokens",
                        Map.of("org_name", "Acme", "required_jobs", List.of("income"), "end_user_id", "u-1"),
                        Api.secret(BOOTSTRAP_SECRET))
                .json().get("data").get("token").asString();
    }
}
