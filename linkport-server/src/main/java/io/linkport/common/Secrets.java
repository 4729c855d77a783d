package io.linkport.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Hashing and comparison of high-entropy secrets (API keys, admin keys). Secrets carry at least
 * 256 random bits, so a plain SHA-256 is a sufficient one-way function: a slow password hash
 * would only add latency to every API call without adding safety.
 */
public final class Secrets {

    private Secrets() {
    }

    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** Constant-time equality of two strings (by their UTF-8 bytes). */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A URL-safe random secret with {@code bytes} bytes of entropy. */
    public static String randomUrlSafe(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.randomBytes(bytes));
    }
}
