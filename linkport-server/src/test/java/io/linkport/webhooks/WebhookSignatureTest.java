package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.linkport.webhooks.examples.WebhookVerifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The Standard Webhooks specification's published test vector.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signWhenSpecTestVectorThenPublishedSignature() {
        assertThat(WebhookSigner.signature(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void signWhenRandomSecretThenIndependentLibraryComputesTheSame() throws Exception {
        String secret = WebhookSecrets.generate();
        String body = "{\"id\":\"et-1\",\"data\":{\"é\":\"ü\"}}";
        assertThat(WebhookSigner.signature(secret, "et-1", 1_700_000_000L, body))
                .isEqualTo(new Webhook(secret).sign("et-1", 1_700_000_000L, body));
    }

    @Test
    void signWhenTwoSecretsThenBothSignaturesSpaceSeparatedAndEachVerifies() throws Exception {
        String oldSecret = WebhookSecrets.generate();
        String newSecret = WebhookSecrets.generate();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSigner.header(List.of(newSecret, oldSecret), "et-2", now, "{}");
        assertThat(header.split(" ")).hasSize(2);
        Map<String, List<String>> headers = Map.of("webhook-id", List.of("et-2"),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(header));
        new Webhook(oldSecret).verify("{}", headers);
        new Webhook(newSecret).verify("{}", headers);
        assertThatThrownBy(() -> new Webhook(WebhookSecrets.generate()).verify("{}", headers))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void generateWhenCalledThenWhsecPrefixAndBetween24And64Bytes() {
        String secret = WebhookSecrets.generate();
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSecrets.key(secret).length).isBetween(24, 64);
    }

    @Test
    void tenantVerifierWhenSpecVectorThenAcceptsAndRejectsTampering() {
        WebhookVerifier verifier = new WebhookVerifier(SPEC_SECRET);
        Instant at = Instant.ofEpochSecond(SPEC_TIMESTAMP);
        assertThat(verifier.isValid(SPEC_ID, Long.toString(SPEC_TIMESTAMP), "v1,bogus " + SPEC_SIGNATURE, SPEC_BODY, at)).isTrue();
        assertThat(verifier.isValid(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY + " ", at)).isFalse();
        assertThat(verifier.isValid(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY, at.plusSeconds(301))).isFalse();
    }
}
