package io.linkport.tokens;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ed25519 signatures through Amazon Corretto Crypto Provider, which calls AWS-LC's native code:
 * ≈ 20 µs a token against BouncyCastle's ≈ 45–50 µs (SigningBenchmark), and signing was the
 * largest single cost of {@code POST /v1/link_tokens}. Its library ships for Linux x86-64 only and
 * takes ≈ 0.5 s to load, so {@link SigningKeys} signs with BouncyCastle while {@link #load()} runs
 * in the background (from the first token on) and switches once it has succeeded; where the
 * library cannot load (another OS or CPU, a temporary directory mounted noexec) it stays on
 * BouncyCastle. Ed25519 is deterministic, so both give the same signature for the same key and
 * message, and tokens never tell which one signed them.
 */
final class NativeEd25519 {

    private static final Logger log = LoggerFactory.getLogger(NativeEd25519.class);
    /** Idle signature objects kept per key; more callers than this at once make (and drop) their own. */
    private static final int POOL = 64;
    // RFC 8032, section 7.1, TEST 1: the library must reproduce it before it signs a token.
    private static final byte[] TEST_SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] TEST_SIGNATURE = HexFormat.of().parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
            + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    private final Provider provider;

    private NativeEd25519(Provider provider) {
        this.provider = provider;
    }

    /** The native signer if its library loads here and passes RFC 8032's first test; otherwise empty, and says why. */
    static Optional<NativeEd25519> load() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                log.info("Signing tokens with BouncyCastle: the native Ed25519 library did not load here ({})",
                        provider.getLoadingError().toString());
                return Optional.empty();
            }
            NativeEd25519 signer = new NativeEd25519(provider);
            if (!Arrays.equals(signer.signer(TEST_SEED).sign(new byte[0]), TEST_SIGNATURE)) {
                log.warn("Signing tokens with BouncyCastle: the native Ed25519 library failed RFC 8032's test vector");
                return Optional.empty();
            }
            return Optional.of(signer);
        } catch (LinkageError | RuntimeException e) {
            log.info("Signing tokens with BouncyCastle: the native Ed25519 library is not usable here ({})", e.toString());
            return Optional.empty();
        }
    }

    /** A thread-safe signer for one key. */
    Ed25519Signing signer(byte[] seed) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            return new Pooled(provider, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use the signing key natively", e);
        }
    }

    /**
     * A {@link Signature} is for one thread at a time, and making one costs as much as the
     * signature itself (the key goes into native memory), so idle ones are kept for the next call.
     */
    private static final class Pooled implements Ed25519Signing {

        private final Provider provider;
        private final PrivateKey key;
        private final BlockingQueue<Signature> idle = new ArrayBlockingQueue<>(POOL);

        Pooled(Provider provider, PrivateKey key) {
            this.provider = provider;
            this.key = key;
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature signature = idle.poll();
                if (signature == null) {
                    signature = Signature.getInstance("Ed25519", provider);
                    signature.initSign(key);
                }
                signature.update(message);
                byte[] result = signature.sign();
                // Only a signature that signed is back in its initial state; one that threw is dropped.
                idle.offer(signature);
                return result;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Native Ed25519 signing failed", e);
            }
        }
    }
}
