package io.linkport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkport.connector.ResourceDescriptor;
import io.linkport.providers.ConnectorRegistry;
import io.linkport.testing.ServerTest;
import io.linkport.web.JsonSchemaChecker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SandboxDataTest extends ServerTest {

    @Autowired
    ConnectorRegistry registry;
    @Autowired
    JsonSchemaChecker checker;
    @Autowired
    JsonMapper json;

    private SandboxCalls calls;

    @BeforeEach
    void calls() {
        calls = new SandboxCalls(registry);
    }

    @Test
    void readEveryResourceOfEveryCredentialInstitutionThenDataMatchesItsPublishedSchema() {
        SandboxInstitutions.ALL.stream().filter(i -> !i.oauth() && !i.slow()).forEach(institution -> {
            for (ResourceDescriptor resource : calls.connector(institution.id()).descriptor().resources()) {
                Map<String, Object> data = calls.read(institution.id(), "user_good", resource.name());
                JsonNode node = json.valueToTree(data);
                assertThat(node.has(resource.dataKey())).as(institution.id() + " " + resource.name()).isTrue();
                assertThat(checker.check(checker.compile(json.readTree(resource.dataSchema())), node, ""))
                        .as(institution.id() + " " + resource.name() + " " + node).isEmpty();
            }
        });
    }

    @Test
    void readTwiceForSameUserThenSameData() {
        for (String resource : List.of("identity", "paystubs", "income", "employment", "directDeposit")) {
            assertThat(json.writeValueAsString(calls.read("gusto", "user_good_same", resource)))
                    .isEqualTo(json.writeValueAsString(calls.read("gusto", "user_good_same", resource)));
        }
        assertThat(json.writeValueAsString(calls.read("first_platypus", "user_good", "transactions")))
                .isEqualTo(json.writeValueAsString(calls.read("first_platypus", "user_good", "transactions")));
        assertThat(json.writeValueAsString(calls.read("doordash", "user_good", "orderHistory")))
                .isEqualTo(json.writeValueAsString(calls.read("doordash", "user_good", "orderHistory")));
    }

    @Test
    void readForOtherUserOrOtherInstitutionThenOtherPerson() {
        Object alice = identity("adp", "user_good_alice").get("fullName");
        Object bob = identity("adp", "user_good_bob").get("fullName");
        Object aliceElsewhere = identity("gusto", "user_good_alice").get("fullName");

        assertThat(alice).isNotEqualTo(bob);
        assertThat(alice).isNotEqualTo(aliceElsewhere);
    }

    @Test
    void readPayrollThenIncomePaystubsAndEmploymentAgree() {
        Map<?, ?> income = (Map<?, ?>) calls.read("workday", "user_good", "income").get("income");
        Map<?, ?> employment = (Map<?, ?>) calls.read("workday", "user_good", "employment").get("employment");
        List<?> stubs = (List<?>) calls.read("workday", "user_good", "paystubs").get("paystubs");

        assertThat(stubs).hasSize(6);
        Map<?, ?> latest = (Map<?, ?>) stubs.get(0);
        assertThat(latest.get("grossPay")).isEqualTo(income.get("grossPayPerPeriod"));
        assertThat(latest.get("employerName")).isEqualTo(employment.get("employerName"));
        assertThat(new java.math.BigDecimal(latest.get("netPay").toString()))
                .isLessThan(new java.math.BigDecimal(latest.get("grossPay").toString()));
    }

    @Test
    void readBankThenBalancesAndTransactionsReferToTheAccounts() {
        List<?> accounts = (List<?>) calls.read("northwind_bank", "user_good", "accounts").get("accounts");
        List<?> balances = (List<?>) calls.read("northwind_bank", "user_good", "balances").get("balances");
        List<?> transactions = (List<?>) calls.read("northwind_bank", "user_good", "transactions").get("transactions");
        List<Object> ids = accounts.stream().<Object>map(a -> ((Map<?, ?>) a).get("accountId")).toList();
        List<Object> balanceIds = balances.stream().<Object>map(b -> ((Map<?, ?>) b).get("accountId")).toList();

        assertThat(balanceIds).containsExactlyElementsOf(ids);
        assertThat(transactions).isNotEmpty().allSatisfy(t -> assertThat(ids).contains(((Map<?, ?>) t).get("accountId")));
    }

    @Test
    void readMobileBillingThenSeedShapeWithBillingList() {
        Map<String, Object> data = calls.read("verizon", "user_good", "mobileBillingStatement");

        assertThat(data.keySet()).containsExactly("billing");
        assertThat((List<?>) data.get("billing")).hasSize(6);
    }

    private Map<?, ?> identity(String integrationId, String username) {
        return (Map<?, ?>) calls.read(integrationId, username, "identity").get("identity");
    }
}
