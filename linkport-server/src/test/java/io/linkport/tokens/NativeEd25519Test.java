package io.linkport.tokens;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The native signer against BouncyCastle: Ed25519 is deterministic, so both must give the same bytes. */
class NativeEd25519Test {

    private static final boolean LINUX_X86_64 = System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64");
    private final SecureRandom random = new SecureRandom();

    @Test
    void loadsOnLinuxX8664WhereItsLibraryShips() {
        assumeTrue(LINUX_X86_64, "the library ships for Linux x86-64 only; elsewhere BouncyCastle signs");
        assertThat(NativeEd25519.load()).isPresent();
    }

    @Test
    void sameSignaturesAsBouncyCastleForRandomKeysAndMessagesAndTheyVerify() {
        NativeEd25519 nativeEd25519 = loaded();
        for (int i = 0; i < 200; i++) {
            byte[] seed = bytes(32);
            byte[] message = bytes(random.nextInt(1_000));
            byte[] signature = nativeEd25519.signer(seed).sign(message);

            assertThat(signature).hasSize(64).isEqualTo(Ed25519Signing.bouncyCastle(seed).sign(message));
            byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            assertThat(Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length)).isTrue();
        }
    }

    @Test
    void oneSignerUsedByManyThreadsAtOnceSignsEachMessageCorrectly() throws Exception {
        byte[] seed = bytes(32);
        Ed25519Signing signer = loaded().signer(seed);
        Ed25519Signing reference = Ed25519Signing.bouncyCastle(seed);
        // More threads than the pool keeps, so signatures are made, pooled, dropped and reused.
        ExecutorService pool = Executors.newFixedThreadPool(96);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                byte[] message = bytes(1 + random.nextInt(400));
                results.add(pool.submit(() -> java.util.Arrays.equals(signer.sign(message), reference.sign(message))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private NativeEd25519 loaded() {
        assumeTrue(LINUX_X86_64, "the library ships for Linux x86-64 only");
        return NativeEd25519.load().orElseThrow();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
