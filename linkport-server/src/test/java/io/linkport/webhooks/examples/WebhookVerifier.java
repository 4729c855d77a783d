package io.linkport.webhooks.examples;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Linkport webhook (Standard Webhooks signatures) with nothing but the JDK. Copy this
 * one file into your application: it is kept here, in the server's test sources, only so that the
 * build compiles and tests it. Pass the raw request body exactly as received (not re-serialized
 * JSON) and the three {@code webhook-*} headers:
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("LINKPORT_WEBHOOK_SECRET")); // whsec_...
 * if (!verifier.isValid(request.header("webhook-id"), request.header("webhook-timestamp"),
 *                       request.header("webhook-signature"), rawBody, Instant.now())) {
 *     return 400;
 * }
 * // deduplicate on webhook-id: the same event can arrive more than once
 * }</pre>
 */
public final class WebhookVerifier {

    /** Signatures older or newer than this are refused, so a captured request cannot be replayed later. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    public WebhookVerifier(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
    }

    /** True when any {@code v1} signature in the header matches and the timestamp is within {@link #TOLERANCE} of {@code now}. */
    public boolean isValid(String id, String timestamp, String signatureHeader, String body, Instant now) {
        if (id == null || timestamp == null || signatureHeader == null || body == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        byte[] expected = Base64.getEncoder().encode(hmac(id + "." + seconds + "." + body));
        for (String candidate : signatureHeader.trim().split(" +")) {
            if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                    candidate.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private byte[] hmac(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
