package io.linkport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.common.Mode;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.OperationResult;
import io.linkport.providers.ConnectorRegistry;
import io.linkport.providers.ProviderCatalog;
import io.linkport.testing.ServerTest;
import io.linkport.web.ValidationIssue;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

class SandboxWritesTest extends ServerTest {

    @Autowired
    ConnectorRegistry registry;
    @Autowired
    ProviderCatalog catalog;
    @Autowired
    JsonMapper json;

    private SandboxCalls calls;

    @BeforeEach
    void calls() {
        calls = new SandboxCalls(registry);
    }

    @Test
    void writePaymentMethodThenLaterReadShowsTheNewDefaultCard() {
        ConnectorState session = calls.session("tmobile", "user_good");
        OperationResult written = calls.run("tmobile", "user_good", session, "paymentMethod", "write", card("4111111111111111"));
        assertThat(written).isInstanceOf(OperationResult.Success.class);

        List<?> cards = (List<?>) calls.read("tmobile", "user_good", "paymentMethod").get("paymentMethods");

        assertThat(cards).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) cards.get(0);
        assertThat(first.get("last4")).isEqualTo("1111");
        assertThat(first.get("brand")).isEqualTo("Visa");
        assertThat(first.get("isDefault")).isEqualTo(true);
        assertThat(((Map<?, ?>) cards.get(1)).get("isDefault")).isEqualTo(false);
        assertThat(json.writeValueAsString(cards)).doesNotContain("4111111111111111").doesNotContain("\"cvv\"");
    }

    /** The second write updates the stored cards; the first inserted them. */
    @Test
    void writePaymentMethodTwiceThenReadShowsBothCardsTheNewestDefault() {
        ConnectorState session = calls.session("tmobile", "user_good_twice");
        calls.run("tmobile", "user_good_twice", session, "paymentMethod", "write", card("4111111111111111"));
        OperationResult second = calls.run("tmobile", "user_good_twice", session, "paymentMethod", "write",
                card("5555555555554444"));
        assertThat(second).isInstanceOf(OperationResult.Success.class);

        List<?> cards = (List<?>) calls.read("tmobile", "user_good_twice", "paymentMethod").get("paymentMethods");

        assertThat(cards.stream().<Object>map(card -> ((Map<?, ?>) card).get("last4")).toList()).hasSize(3).startsWith("4444", "1111");
        assertThat(cards.stream().<Object>map(card -> ((Map<?, ?>) card).get("isDefault")).toList()).containsExactly(true, false, false);
    }

    /**
     * Each write reads the person's cards and stores them with its own added: writes at the same
     * moment must each land on top of the others, not overwrite what another just stored.
     */
    @Test
    void sixteenWritesAtOnceToOnePersonThenEveryCardKept() throws Exception {
        ConnectorState session = calls.session("tmobile", "user_good_crowded");
        List<String> numbers = java.util.stream.IntStream.range(0, 16).mapToObj(i -> luhn("4111111111110" + (10 + i)))
                .toList();
        atOnce(numbers.stream().map(number -> card(number)).toList(),
                card -> calls.run("tmobile", "user_good_crowded", session, "paymentMethod", "write", card));

        List<?> cards = (List<?>) calls.read("tmobile", "user_good_crowded", "paymentMethod").get("paymentMethods");

        assertThat(cards.stream().<Object>map(card -> ((Map<?, ?>) card).get("last4")).toList())
                .hasSize(17).containsAll(numbers.stream().map(n -> n.substring(12)).toList());
    }

    @Test
    void eightDirectDepositWritesAtOnceToOnePersonThenEveryAllocationKept() throws Exception {
        ConnectorState session = calls.session("paychex", "user_good_crowded");
        List<Map<String, Object>> deposits = java.util.stream.IntStream.range(0, 8).mapToObj(i -> {
            Map<String, Object> deposit = deposit("011000015", Map.of("type", "percent", "value", 10));
            deposit.put("accountNumber", "5555000" + i);
            return deposit;
        }).toList();

        atOnce(deposits, deposit -> calls.run("paychex", "user_good_crowded", session, "directDeposit", "write", deposit));

        List<?> allocations = (List<?>) calls.read("paychex", "user_good_crowded", "directDeposit").get("allocations");
        assertThat(allocations.stream().<Object>map(a -> ((Map<?, ?>) a).get("accountNumberLast4")).toList())
                .hasSize(9).contains("0000", "0001", "0002", "0003", "0004", "0005", "0006", "0007");
    }

    /** Runs {@code write} on every argument at the same moment, each on a thread of its own; each must succeed. */
    private static void atOnce(List<Map<String, Object>> arguments,
                               java.util.function.Function<Map<String, Object>, OperationResult> write) throws Exception {
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(arguments.size());
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<OperationResult>> writes = arguments.stream().map(a -> writers.submit(() -> {
                start.await();
                return write.apply(a);
            })).toList();
            start.countDown();
            for (java.util.concurrent.Future<OperationResult> done : writes) {
                assertThat(done.get(60, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(OperationResult.Success.class);
            }
        } finally {
            writers.shutdownNow();
        }
    }

    /** {@code fifteenDigits} with its Luhn check digit appended. */
    private static String luhn(String fifteenDigits) {
        int sum = 0;
        for (int i = 0; i < fifteenDigits.length(); i++) {
            int digit = fifteenDigits.charAt(fifteenDigits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return fifteenDigits + (10 - sum % 10) % 10;
    }

    @Test
    void writePaymentMethodThenOtherLoginsAndInstitutionsUnchanged() {
        ConnectorState session = calls.session("ubereats", "user_good_writer");
        calls.run("ubereats", "user_good_writer", session, "paymentMethod", "write", card("5555555555554444"));

        assertThat((List<?>) calls.read("ubereats", "user_good_writer", "paymentMethod").get("paymentMethods")).hasSize(2);
        assertThat((List<?>) calls.read("doordash", "user_good_writer", "paymentMethod").get("paymentMethods")).hasSize(1);
        assertThat((List<?>) new SandboxCalls(registry).read("ubereats", "user_good_writer", "paymentMethod")
                .get("paymentMethods")).hasSize(1);
    }

    @Test
    void writePaymentMethodWhenLuhnFailsThenOperationRejected() {
        assertRejected("att", "paymentMethod", card("4111111111111112"), "check digit");
    }

    @Test
    void writePaymentMethodWhenExpiredThenOperationRejected() {
        Map<String, Object> expired = card("4111111111111111");
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        expired.put("expirationDate", String.format("%02d/%02d", lastMonth.getMonthValue(), lastMonth.getYear() % 100));

        assertRejected("amazon", "paymentMethod", expired, "expired");
    }

    @Test
    void writePaymentMethodWhenAmexWithThreeDigitCvvThenOperationRejected() {
        assertRejected("verizon", "paymentMethod", card("378282246310005"), "security code");
    }

    @Test
    void validatePaymentMethodArgumentsWhenMalformedThenIssuesAtExactPaths() {
        var provider = catalog.find("tmobile", Mode.SANDBOX).orElseThrow();
        Map<String, Object> args = card("4111 1111");
        args.put("expirationDate", "13/28");
        args.remove("billingZip");
        args.put("color", "blue");

        List<ValidationIssue> issues = catalog.validateOperation(provider, "paymentMethod", "write", json.valueToTree(args),
                "operations[1]");

        assertThat(issues).extracting(ValidationIssue::path).contains("operations[1].arguments.cardNumber",
                "operations[1].arguments.expirationDate", "operations[1].arguments.billingZip",
                "operations[1].arguments.color");
        assertThat(catalog.validateOperation(provider, "paymentMethod", "write", json.valueToTree(card("4111111111111111")),
                "operations[0]")).isEmpty();
    }

    @Test
    void writeDirectDepositThenRemainderReplacedAndReadShowsIt() {
        ConnectorState session = calls.session("adp", "user_good");
        Map<String, Object> deposit = deposit("021000021", null);

        assertThat(calls.run("adp", "user_good", session, "directDeposit", "write", deposit))
                .isInstanceOf(OperationResult.Success.class);
        List<?> allocations = (List<?>) calls.read("adp", "user_good", "directDeposit").get("allocations");

        assertThat(allocations).hasSize(1);
        Map<?, ?> only = (Map<?, ?>) allocations.get(0);
        assertThat(only.get("routingNumber")).isEqualTo("021000021");
        assertThat(only.get("accountNumberLast4")).isEqualTo("6789");
        assertThat(((Map<?, ?>) only.get("allocation")).get("type")).isEqualTo("remainder");
    }

    @Test
    void writeDirectDepositPercentThenAddedBeforeRemainderAndOver100Rejected() {
        ConnectorState session = calls.session("paychex", "user_good");
        assertThat(calls.run("paychex", "user_good", session, "directDeposit", "write",
                deposit("011000015", Map.of("type", "percent", "value", 60)))).isInstanceOf(OperationResult.Success.class);

        List<?> allocations = (List<?>) calls.read("paychex", "user_good", "directDeposit").get("allocations");
        assertThat(allocations).hasSize(2);
        assertThat(((Map<?, ?>) ((Map<?, ?>) allocations.get(0)).get("allocation")).get("type")).isEqualTo("percent");
        assertThat(((Map<?, ?>) ((Map<?, ?>) allocations.get(1)).get("allocation")).get("type")).isEqualTo("remainder");

        Map<String, Object> another = deposit("021000021", Map.of("type", "percent", "value", 50));
        another.put("accountNumber", "99990000");
        assertRejected("paychex", "directDeposit", another, "100%");
        assertThat((List<?>) calls.read("paychex", "user_good", "directDeposit").get("allocations")).hasSize(2);
    }

    @Test
    void writeDirectDepositWhenRoutingChecksumFailsThenOperationRejected() {
        assertRejected("gusto", "directDeposit", deposit("021000022", null), "routing number");
    }

    @Test
    void validateDirectDepositArgumentsWhenAllocationMalformedThenIssues() {
        var provider = catalog.find("gusto", Mode.SANDBOX).orElseThrow();
        Map<String, Object> args = deposit("12345", Map.of("type", "percent", "value", 150));
        args.put("accountType", "brokerage");

        List<ValidationIssue> issues = catalog.validateOperation(provider, "directDeposit", "write", json.valueToTree(args),
                "operations[0]");

        assertThat(issues).extracting(ValidationIssue::path).contains("operations[0].arguments.routingNumber",
                "operations[0].arguments.accountType");
        assertThat(issues).anyMatch(i -> i.path().startsWith("operations[0].arguments.allocation"));
    }

    @Test
    void writeWhenResourceIsReadOnlyThenUnsupported() {
        ConnectorState session = calls.session("sandbox_bank", "user_good");

        assertThat(calls.run("sandbox_bank", "user_good", session, "balances", "write", Map.of()))
                .isInstanceOfSatisfying(OperationResult.Failure.class,
                        f -> assertThat(f.code()).isEqualTo(FailureCode.UNSUPPORTED));
    }

    private void assertRejected(String integrationId, String resource, Map<String, Object> arguments, String reason) {
        ConnectorState session = calls.session(integrationId, "user_good");
        OperationResult result = calls.run(integrationId, "user_good", session, resource, "write", arguments);
        assertThat(result).isInstanceOfSatisfying(OperationResult.Failure.class, f -> {
            assertThat(f.code()).isEqualTo(FailureCode.OPERATION_REJECTED);
            assertThat(f.message()).contains(reason);
        });
    }

    private static Map<String, Object> card(String number) {
        Map<String, Object> card = new HashMap<>();
        card.put("cardNumber", number);
        card.put("expirationDate", "12/" + (YearMonth.now(ZoneOffset.UTC).getYear() % 100 + 2));
        card.put("cvv", "123");
        card.put("nameOnCard", "John Doe");
        card.put("billingZip", "10001");
        return card;
    }

    private static Map<String, Object> deposit(String routing, Map<String, Object> allocation) {
        Map<String, Object> deposit = new HashMap<>();
        deposit.put("routingNumber", routing);
        deposit.put("accountNumber", "123456789");
        deposit.put("accountType", "checking");
        if (allocation != null) {
            deposit.put("allocation", allocation);
        }
        return deposit;
    }
}
