package io.linkport.sandbox;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * One person's account at one sandbox institution. Everything generated about it comes from
 * seeds derived from (institution, username), so the same login always sees the same person;
 * dates count back from {@code asOf} (the first day of the current month), so statements and
 * pay dates roll forward month by month like a real account's.
 *
 * @param stateKey where written state is kept: the SHA-256 of the login key (or of the username
 *                 when the caller gave no login key)
 */
record SandboxAccount(SandboxInstitution institution, String username, String stateKey, LocalDate asOf,
                      SandboxProfile profile) {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** A Datafaker seeded for one purpose, so each resource's data is independent of call order. */
    static Faker faker(SandboxInstitution institution, String username, String purpose) {
        byte[] digest = sha256(institution.id() + "\n" + username + "\n" + purpose);
        return new Faker(Locale.US, new Random(ByteBuffer.wrap(digest).getLong()));
    }

    Faker faker(String purpose) {
        return faker(institution, username, purpose);
    }

    /** The institution's stable id for this person, the same for every login. */
    String accountId() {
        return accountId(institution, username);
    }

    static String accountId(SandboxInstitution institution, String username) {
        return "sbx_" + HexFormat.of().formatHex(sha256(institution.id() + "\n" + username)).substring(0, 24);
    }

    String integrationId() {
        return institution.id();
    }

    static String stateKey(String integrationId, String loginKey, String username) {
        String source = loginKey != null && !loginKey.isBlank() ? loginKey : integrationId + "\n" + username;
        return HexFormat.of().formatHex(sha256(source));
    }

    /** A deterministic id: {@code prefix} and {@code length} lowercase letters and digits drawn from {@code faker}. */
    static String id(Faker faker, String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(faker.random().nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
