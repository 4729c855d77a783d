package io.linkport.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs exactly as the Standard Webhooks specification says: HMAC-SHA256 over
 * {@code "<webhook-id>.<webhook-timestamp>.<body>"} keyed by the secret's decoded base64 part,
 * written {@code v1,<base64>}; one signature per active secret, separated by spaces.
 */
final class WebhookSigner {

    private WebhookSigner() {
    }

    static String signature(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecrets.key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    static String header(List<String> secrets, String messageId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> signature(secret, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }
}
