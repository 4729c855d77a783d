package io.linkport.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * How many link-token JWTs one thread signs per second with each candidate signature, the whole
 * Nimbus path included (header, claims, base64url, signature, serialisation), so the figures are
 * what {@code POST /v1/link_tokens} pays. Not JMH: a warm-up then a timed loop per variant, which
 * is enough to tell a 2× from a 10× difference.
 *
 * <pre>java -cp linkport-benchmarks/target/linkport-benchmarks.jar -Dloader.main=io.linkport.bench.SigningBenchmark \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [seconds]</pre>
 */
public final class SigningBenchmark {

    private SigningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.out.printf("java %s, %d cores, %.0f s per variant (after an equal warm-up)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), seconds);

        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        OctetKeyPair okp = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
        KeyPair jdkEd = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        run("ES256, Nimbus ECDSASigner (JDK provider)", JWSAlgorithm.ES256, new ECDSASigner(ec), seconds);
        run("EdDSA, Nimbus Ed25519Signer (Tink)", JWSAlgorithm.EdDSA, new Ed25519Signer(okp), seconds);
        run("EdDSA, BouncyCastle Ed25519 (lightweight API)", JWSAlgorithm.EdDSA,
                new BouncyCastleEd25519(okp.getDecodedD()), seconds);
        run("EdDSA, JDK Ed25519 (SunEC)", JWSAlgorithm.EdDSA, JcaEd25519.jdk(jdkEd), seconds);
        if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
            run("EdDSA, Amazon Corretto Crypto Provider (AWS-LC)", JWSAlgorithm.EdDSA, JcaEd25519.corretto(jdkEd), seconds);
        } else {
            System.out.println("EdDSA, Amazon Corretto Crypto Provider: not loadable here: "
                    + AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError());
        }
    }

    private static void run(String name, JWSAlgorithm algorithm, JWSSigner signer, double seconds) throws JOSEException {
        long warmUpEnd = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmUpEnd) {
            signOne(algorithm, signer);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long count = 0;
        int length = 0;
        while (System.nanoTime() < end) {
            length += signOne(algorithm, signer).length();
            count++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-48s %,10.0f signatures/s  %6.1f µs each  (%d chars)%n", name, count / elapsed,
                elapsed * 1e6 / count, length / count);
    }

    private static String signOne(JWSAlgorithm algorithm, JWSSigner signer) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:8080").audience("linkport-widget")
                .subject("user-123").jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).claim("typ", "link").claim("tid", "tn_1")
                .claim("mode", "sandbox").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID("k1").type(new JOSEObjectType("link")).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** A Nimbus signer backed by BouncyCastle's lightweight Ed25519 (no JCA provider registered). */
    static final class BouncyCastleEd25519 implements JWSSigner {
        private final Ed25519PrivateKeyParameters key;
        private final JCAContext context = new JCAContext();

        BouncyCastleEd25519(byte[] seed) {
            this.key = new Ed25519PrivateKeyParameters(seed, 0);
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) {
            byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
            key.sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, signingInput, 0,
                    signingInput.length, signature, 0);
            return Base64URL.encode(signature);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }

    /**
     * A Nimbus signer backed by a JCA {@code Signature("Ed25519")}: the JDK's own, made for each
     * token, or Amazon Corretto Crypto Provider's, one reused as the server's pool reuses them
     * (making one costs as much again).
     */
    static final class JcaEd25519 implements JWSSigner {
        private final KeyPair pair;
        private final Signature reused;
        private final JCAContext context = new JCAContext();

        private JcaEd25519(KeyPair pair, Signature reused) {
            this.pair = pair;
            this.reused = reused;
        }

        static JcaEd25519 jdk(KeyPair pair) {
            return new JcaEd25519(pair, null);
        }

        static JcaEd25519 corretto(KeyPair pair) throws java.security.GeneralSecurityException {
            Signature signature = Signature.getInstance("Ed25519", AmazonCorrettoCryptoProvider.INSTANCE);
            signature.initSign(pair.getPrivate());
            return new JcaEd25519(pair, signature);
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = reused;
                if (signature == null) {
                    signature = Signature.getInstance("Ed25519");
                    signature.initSign(pair.getPrivate());
                }
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (java.security.GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
