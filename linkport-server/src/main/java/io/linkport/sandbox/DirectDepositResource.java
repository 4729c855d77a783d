package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.common.Ids;
import io.linkport.connector.FailureCode;
import io.linkport.connector.OperationResult;
import io.linkport.connector.ResourceDescriptor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.datafaker.Faker;
import org.springframework.stereotype.Component;

/**
 * Where paychecks go. A write adds an account for a fixed amount or a percentage, or makes it
 * the remainder account (replacing the old one); fixed allocations come first, the remainder
 * last, as payroll systems apply them. Only the account number's last four digits are kept.
 */
@Component
class DirectDepositResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readWrite("directDeposit",
            "Where your paychecks are deposited", "allocations",
            "Send all or part of your paycheck to a bank account");
    private static final String STATE = "allocations";

    private final SandboxState state;

    DirectDepositResource(SandboxState state) {
        this.state = state;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        return object("allocations", current(account));
    }

    @Override
    @SuppressWarnings("unchecked")
    public OperationResult write(SandboxAccount account, Map<String, Object> arguments) {
        String routing = (String) arguments.get("routingNumber");
        if (!RoutingNumbers.valid(routing)) {
            return new OperationResult.Failure(FailureCode.OPERATION_REJECTED,
                    "The routing number " + routing + " is not a valid ABA routing number");
        }
        String accountNumber = (String) arguments.get("accountNumber");
        String last4 = accountNumber.substring(accountNumber.length() - 4);
        Map<String, Object> allocation = (Map<String, Object>) arguments.getOrDefault("allocation",
                Map.of("type", "remainder"));
        boolean remainder = "remainder".equals(allocation.get("type"));
        Map<String, Object> added = object("id", Ids.prefixed("dda_"), "routingNumber", routing, "accountNumberLast4", last4,
                "accountType", arguments.get("accountType"), "allocation", object("type", allocation.get("type"),
                        "value", allocation.get("value")));
        // stored lists are never empty: a write always leaves its own allocation
        List<Map<String, Object>> written = state.updateList(account, STATE, stored -> {
            List<Map<String, Object>> allocations = new ArrayList<>(stored.isEmpty() ? List.of(generated(account)) : stored);
            allocations.removeIf(a -> (routing.equals(a.get("routingNumber")) && last4.equals(a.get("accountNumberLast4")))
                    || (remainder && "remainder".equals(type(a))));
            allocations.add(added);
            if (percentTotal(allocations).compareTo(BigDecimal.valueOf(100)) > 0) {
                return null;
            }
            allocations.sort(Comparator.comparing(a -> "remainder".equals(type(a))));
            return allocations;
        });
        if (written == null) {
            return new OperationResult.Failure(FailureCode.OPERATION_REJECTED,
                    "Percentage allocations would add up to more than 100%");
        }
        return new OperationResult.Success(object("allocations", written));
    }

    private List<Map<String, Object>> current(SandboxAccount account) {
        return state.list(account, STATE).orElseGet(() -> List.of(generated(account)));
    }

    private static Map<String, Object> generated(SandboxAccount account) {
        Faker faker = account.faker("directDeposit");
        return object("id", SandboxAccount.id(faker, "dda_", 20), "bankName", faker.company().name() + " Bank",
                "routingNumber", RoutingNumbers.complete(faker.numerify("0########").substring(0, 8)),
                "accountNumberLast4", faker.numerify("####"), "accountType", "checking",
                "allocation", object("type", "remainder"));
    }

    @SuppressWarnings("unchecked")
    private static String type(Map<String, Object> allocation) {
        return (String) ((Map<String, Object>) allocation.get("allocation")).get("type");
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal percentTotal(List<Map<String, Object>> allocations) {
        return allocations.stream().map(a -> (Map<String, Object>) a.get("allocation"))
                .filter(a -> "percent".equals(a.get("type")))
                .map(a -> new BigDecimal(a.get("value").toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
