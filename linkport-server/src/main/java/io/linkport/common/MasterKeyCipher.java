package io.linkport.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM under the configured master key. Every ciphertext names the key that made it
 * ({@code v1:<keyId>:<base64 iv|ciphertext|tag>}), so the master key can rotate: new data is
 * sealed with the current key while older keys ({@code linkport.previous-master-keys}) still open
 * what they sealed. The caller's associated data (a row id, say) binds a ciphertext to its row,
 * so one row's secret cannot be pasted into another.
 */
@Component
public class MasterKeyCipher {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyCipher.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String AES_GCM = "AES/GCM/NoPadding";
    // Resolved once: looking the provider up again on every call was a visible share of a request's CPU.
    private static final Provider PROVIDER = provider();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    public MasterKeyCipher(LinkportProperties properties, DataDirectory dataDirectory,
                           @Value("${linkport.previous-master-keys:}") String previousKeys) {
        String encoded = properties.masterKey();
        if (encoded == null) {
            if (properties.production()) {
                throw new IllegalStateException("LINKPORT_MASTER_KEY must be set in production mode (base64 of 32 random bytes)");
            }
            encoded = dataDirectory.readSecret("master-key").orElseGet(() -> {
                String generated = Base64.getEncoder().encodeToString(Ids.randomBytes(32));
                dataDirectory.writeSecret("master-key", generated);
                log.info("Generated a sandbox master key in {}", dataDirectory.path("master-key"));
                return generated;
            });
        }
        this.currentKeyId = properties.masterKeyId();
        keys.put(currentKeyId, key(encoded));
        for (String entry : previousKeys.split(",")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                keys.putIfAbsent(entry.substring(0, colon).trim(), key(entry.substring(colon + 1).trim()));
            }
        }
    }

    private static Provider provider() {
        try {
            return Cipher.getInstance(AES_GCM).getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no " + AES_GCM, e);
        }
    }

    private static SecretKeySpec key(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64.trim());
        if (raw.length != 32) {
            throw new IllegalStateException("A master key must be base64 of exactly 32 bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public String encrypt(String plaintext, String associatedData) {
        byte[] iv = Ids.randomBytes(IV_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(AES_GCM, PROVIDER);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return "v1:" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String ciphertext, String associatedData) {
        String[] parts = ciphertext.split(":", 3);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw new IllegalArgumentException("Not a Linkport ciphertext");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Master key '" + parts[1] + "' is not configured; add it to linkport.previous-master-keys");
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance(AES_GCM, PROVIDER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed (wrong key or tampered data)", e);
        }
    }

    /** The key id a ciphertext was sealed with, for re-encryption after a rotation. */
    public static String keyIdOf(String ciphertext) {
        String[] parts = ciphertext.split(":", 3);
        return parts.length == 3 ? parts[1] : null;
    }
}
