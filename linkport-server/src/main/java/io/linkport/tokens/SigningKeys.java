package io.linkport.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.linkport.common.Ids;
import io.linkport.common.LinkportProperties;
import io.linkport.common.StartupTask;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signing keys kept in the database, so every node and every restart signs and verifies with the
 * same keys. The newest key signs; older keys stay in the JWKS until every token they signed has
 * expired. A node that sees a token with an unknown {@code kid} (signed by a key another node just
 * rotated in) reloads before refusing it. Signers and verifiers are built once per key, not per
 * token.
 *
 * <p>Tokens are signed with EdDSA (Ed25519): ES256 signing was 50–77 % of the CPU of
 * {@code POST /v1/link_tokens} (docs/performance.md). A database whose newest key is an older
 * ES256 key gets an Ed25519 key at once; the ES256 keys keep verifying, and stay published, until
 * their tokens have expired.
 */
@Component
class SigningKeys implements SmartInitializingSingleton {

    /** Longest-lived token Linkport signs, so a retired key stays published at least this long. */
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JdbcSigningKeyRepository repository;
    private final Clock clock;
    private final Duration rotation;
    private final Map<String, KeyVerifier> verifiers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile Active active;
    private volatile JWKSet published = new JWKSet();
    private volatile Instant lastReload = Instant.EPOCH;
    private final StartupTask firstLoad;
    /** Set once the native library has been asked for, or from the start when it is switched off. */
    private final AtomicBoolean nativeSigningRequested;
    private volatile NativeEd25519 nativeEd25519;

    private record Active(SigningKey key, Ed25519JwsSigner signer) {
    }

    /** A key's verifier and the one algorithm a token must name to be checked with it. */
    private record KeyVerifier(JWSAlgorithm algorithm, JWSVerifier verifier) {
    }

    SigningKeys(JdbcSigningKeyRepository repository, Clock clock, LinkportProperties properties,
                @Value("${linkport.native-signing:true}") boolean nativeSigning) {
        this.repository = repository;
        this.clock = clock;
        this.rotation = properties.signingKeyRotation();
        this.nativeSigningRequested = new AtomicBoolean(!nativeSigning);
        // Loading the keys (generating one, on a fresh database) needs the migrated schema and the
        // crypto classes: ≈ 0.3-0.7 s of a start, spent on a thread of its own beside the rest.
        this.firstLoad = StartupTask.start("linkport-signing-keys", this::reload);
    }

    /** Before the server takes its first request: the keys are loaded, or the start fails. */
    @Override
    public void afterSingletonsInstantiated() {
        firstLoad.await("Could not load the token signing keys");
    }

    /**
     * Moves signing to the native library, where it loads, in the background: loading it takes
     * ≈ 0.5 s of CPU and ≈ 10 MiB, which neither the start nor a node that signs nothing should
     * pay. Until it has loaded, BouncyCastle signs.
     */
    private void loadNativeSigning() {
        StartupTask.start("linkport-native-signing", () -> NativeEd25519.load().ifPresent(loaded -> {
            try {
                synchronized (this) {
                    // The signer first: if the active key cannot be used natively, BouncyCastle
                    // keeps signing this key and every key reload() brings in after it.
                    active = new Active(active.key(), signer(active.key(), loaded));
                    nativeEd25519 = loaded;
                }
                log.info("Signing tokens with the native Ed25519 library (Amazon Corretto Crypto Provider)");
            } catch (RuntimeException e) {
                log.warn("Signing tokens with BouncyCastle: the native Ed25519 library cannot use the signing key ({})", e.toString());
            }
        }));
    }

    /** Whether tokens are signed natively now; BouncyCastle otherwise. */
    boolean signsNatively() {
        return nativeEd25519 != null;
    }

    @Scheduled(fixedDelayString = "${linkport.signing-key-refresh:PT1M}", initialDelayString = "${linkport.signing-key-refresh:PT1M}")
    synchronized void reload() {
        Instant now = clock.instant();
        lastReload = now;
        List<SigningKey> keys = repository.listPublishedAfter(now.minus(MAX_TOKEN_LIFETIME));
        SigningKey newest = keys.isEmpty() ? null : keys.get(0);
        if (newest == null || !newest.retireAfter().isAfter(now) || !JWSAlgorithm.EdDSA.equals(newest.algorithm())) {
            newest = generate(now);
            repository.insert(newest);
            keys = repository.listPublishedAfter(now.minus(MAX_TOKEN_LIFETIME));
        }
        active = new Active(newest, signer(newest, nativeEd25519));
        for (SigningKey key : keys) {
            verifiers.computeIfAbsent(key.kid(), kid -> verifier(key));
        }
        published = new JWKSet(keys.stream().map(k -> (JWK) k.jwk().toPublicJWK()).toList());
    }

    /** {@code key}'s signer: native when the library has loaded ({@code loaded} not null), BouncyCastle otherwise. */
    private static Ed25519JwsSigner signer(SigningKey key, NativeEd25519 loaded) {
        byte[] seed = key.jwk().toOctetKeyPair().getDecodedD();
        return new Ed25519JwsSigner(loaded != null ? loaded.signer(seed) : Ed25519Signing.bouncyCastle(seed));
    }

    private SigningKey generate(Instant now) {
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(random);
        OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(privateKey.generatePublicKey().getEncoded()))
                .d(Base64URL.encode(privateKey.getEncoded()))
                .keyID(Ids.prefixed("sk_")).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build();
        return new SigningKey(jwk.getKeyID(), jwk, now, now.plus(rotation));
    }

    private static KeyVerifier verifier(SigningKey key) {
        try {
            JWSVerifier verifier = key.jwk() instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey())
                    : new Ed25519JwsVerifier(key.jwk().toOctetKeyPair().getDecodedX());
            return new KeyVerifier(key.algorithm(), verifier);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot build a verifier for key " + key.kid(), e);
        }
    }

    String sign(JWTClaimsSet claims, String type) {
        if (!nativeSigningRequested.get() && nativeSigningRequested.compareAndSet(false, true)) {
            loadNativeSigning();
        }
        Active current = active;
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(current.key().kid())
                .type(new JOSEObjectType(type)).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(current.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jwt.serialize();
    }

    /** The token's claims if its signature verifies with one of our keys; nothing else is checked here. */
    Optional<SignedJWT> verifySignature(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            String kid = jwt.getHeader().getKeyID();
            if (kid == null) {
                return Optional.empty();
            }
            KeyVerifier verifier = verifiers.get(kid);
            if (verifier == null && lastReload.isBefore(clock.instant().minusSeconds(5))) {
                // Another node may have rotated in a key; reload, but at most every few seconds
                // so tokens with made-up key ids cannot turn into a database flood.
                reload();
                verifier = verifiers.get(kid);
            }
            // The key decides the algorithm, never the token's header.
            return verifier != null && verifier.algorithm().equals(jwt.getHeader().getAlgorithm())
                    && jwt.verify(verifier.verifier()) ? Optional.of(jwt) : Optional.empty();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    Map<String, Object> jwks() {
        return published.toJSONObject(true);
    }

    String activeKid() {
        return active.key().kid();
    }
}
