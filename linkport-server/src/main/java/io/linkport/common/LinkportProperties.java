package io.linkport.common;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Linkport's own settings ({@code linkport.*}, or {@code LINKPORT_*} environment variables).
 *
 * @param mode          sandbox (safe defaults for a laptop) or production (fail-fast checks)
 * @param publicUrl     the URL end users reach this server at, used in the URLs Linkport issues;
 *                      when empty, taken from each request (fine behind no proxy)
 * @param dataDir       where the embedded database and generated secrets live
 * @param bootstrapSecret the sandbox API key created on first start; generated when empty
 * @param adminKey      the operator key for /admin endpoints; generated when empty
 * @param masterKey     base64 of 32 bytes; encrypts signing keys and end-user credentials
 * @param masterKeyId   the id stored beside every ciphertext made with {@code masterKey}
 * @param issuer        the {@code iss} of every token
 * @param signingKeyRotation how long a token signing key signs before a new one takes over
 */
@ConfigurationProperties("linkport")
public record LinkportProperties(
        Mode mode,
        String publicUrl,
        Path dataDir,
        String bootstrapSecret,
        String adminKey,
        String masterKey,
        String masterKeyId,
        String issuer,
        Duration signingKeyRotation) {

    public LinkportProperties {
        mode = mode == null ? Mode.SANDBOX : mode;
        publicUrl = blankToNull(publicUrl) == null ? null : stripSlash(publicUrl);
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        bootstrapSecret = blankToNull(bootstrapSecret);
        adminKey = blankToNull(adminKey);
        masterKey = blankToNull(masterKey);
        masterKeyId = blankToNull(masterKeyId) == null ? "mk1" : masterKeyId;
        issuer = blankToNull(issuer) == null ? (publicUrl == null ? "linkport" : publicUrl) : issuer;
        signingKeyRotation = signingKeyRotation == null ? Duration.ofDays(30) : signingKeyRotation;
    }

    public boolean production() {
        return mode == Mode.PRODUCTION;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
