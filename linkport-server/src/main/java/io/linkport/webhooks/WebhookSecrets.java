package io.linkport.webhooks;

import io.linkport.common.Ids;
import java.util.Base64;

/** Standard Webhooks secrets: {@code whsec_} + base64 of random bytes; the HMAC key is the decoded part. */
final class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int BYTES = 32;

    private WebhookSecrets() {
    }

    static String generate() {
        return PREFIX + Base64.getEncoder().encodeToString(Ids.randomBytes(BYTES));
    }

    static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
