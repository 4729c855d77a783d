package io.linkport.common;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random identifiers: 128 bits from a CSPRNG, hex-encoded, behind a prefix that names the
 * kind ({@code link_…}, {@code clm_…}, {@code et-…}) so an id read in a log says what it is.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {
    }

    /** 32 lowercase hex characters (128 bits). */
    public static String hex128() {
        return HEX.formatHex(randomBytes(16));
    }

    public static String prefixed(String prefix) {
        return prefix + hex128();
    }

    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static SecureRandom random() {
        return RANDOM;
    }
}
