package io.linkport.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
            "0.0.0.0", "::", "100.64.0.1", "fd00:ec2::254", "fc00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "224.0.0.1", "255.255.255.255",
            "ff02::1", "198.18.0.1", "192.0.0.8"})
    void refusalWhenStrictAndInternalAddressThenRefused(String address) throws Exception {
        assertThat(AddressPolicy.STRICT.refusal(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "1.1.1.1"})
    void refusalWhenPublicAddressThenAllowed(String address) throws Exception {
        assertThat(AddressPolicy.STRICT.refusal(InetAddress.getByName(address))).isEmpty();
        assertThat(AddressPolicy.SANDBOX.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "::ffff:127.0.0.1"})
    void refusalWhenSandboxAndLoopbackThenAllowed(String address) throws Exception {
        assertThat(AddressPolicy.SANDBOX.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "169.254.169.254", "0.0.0.0", "192.168.0.10", "fd00::1", "::ffff:169.254.169.254"})
    void refusalWhenSandboxAndPrivateOrMetadataThenStillRefused(String address) throws Exception {
        assertThat(AddressPolicy.SANDBOX.refusal(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/hook", "https://127.0.0.1/hook", "https://[::1]/hook", "https://localhost/hook",
            "https://169.254.169.254/latest/meta-data", "https://[::ffff:a9fe:a9fe]/x", "https://metadata.google.internal/x",
            "https://intranet/hook", "ftp://example.com/x", "https://user:pw@example.com/x", "not a url", "https://0.0.0.0/x"})
    void urlRefusalWhenStrictAndBadUrlThenRefused(String url) {
        assertThat(AddressPolicy.STRICT.urlRefusal(url)).isPresent();
    }

    @Test
    void urlRefusalWhenStrictAndPublicHttpsThenAllowed() {
        assertThat(AddressPolicy.STRICT.urlRefusal("https://hooks.example.com/linkport?x=1")).isEmpty();
    }

    @Test
    void urlRefusalWhenSandboxThenHttpLoopbackAllowedButMetadataRefused() {
        assertThat(AddressPolicy.SANDBOX.urlRefusal("http://localhost:8080/hook")).isEmpty();
        assertThat(AddressPolicy.SANDBOX.urlRefusal("http://127.0.0.1:9/hook")).isEmpty();
        assertThat(AddressPolicy.SANDBOX.urlRefusal("http://169.254.169.254/latest")).isPresent();
    }

    @Test
    void postWhenStrictClientAndHostResolvesToLoopbackThenRefusedAtDeliveryWithoutContact() throws Exception {
        try (TestReceiver receiver = new TestReceiver();
             SafeHttpClient strict = SafeHttpClient.create(AddressPolicy.STRICT, Duration.ofSeconds(2), 4);
             SafeHttpClient sandbox = SafeHttpClient.create(AddressPolicy.SANDBOX, Duration.ofSeconds(2), 4)) {
            // "localhost" passes no text check here: the name is resolved and the address refused at send time
            String url = receiver.url("/hook").replace("127.0.0.1", "localhost");
            SafeHttpClient.Result refused = strict.post(url, Map.of(), "{}");
            assertThat(refused.status()).isNull();
            assertThat(refused.error()).contains("forbidden");
            assertThat(receiver.at("/hook")).isEmpty();
            assertThat(sandbox.post(url, Map.of(), "{}").status()).isEqualTo(200);
            assertThat(receiver.at("/hook")).hasSize(1);
        }
    }

    @Test
    void postWhenReceiverRedirectsThenNotFollowedAndNotSuccess() throws Exception {
        try (TestReceiver receiver = new TestReceiver();
             SafeHttpClient sandbox = SafeHttpClient.create(AddressPolicy.SANDBOX, Duration.ofSeconds(2), 4)) {
            receiver.script("/moved", new TestReceiver.Reply(302, Map.of("Location", receiver.url("/target")), ""));
            SafeHttpClient.Result result = sandbox.post(receiver.url("/moved"), Map.of(), "{}");
            assertThat(result.status()).isEqualTo(302);
            assertThat(result.success()).isFalse();
            assertThat(receiver.at("/target")).isEmpty();
        }
    }

    @Test
    void retryAfterWhenSecondsOrDateThenParsedAndCapped() {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryPolicy.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now)).contains(Duration.ofMinutes(1));
        assertThat(RetryPolicy.parseRetryAfter("999999999", now)).contains(Duration.ofDays(1));
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
        RetryPolicy policy = new RetryPolicy(WebhookProperties.SVIX_SCHEDULE);
        assertThat(policy.next(1, null, now)).hasValueSatisfying(at ->
                assertThat(Duration.between(now, at)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6)));
        assertThat(policy.next(8, null, now)).isEmpty();
    }
}
