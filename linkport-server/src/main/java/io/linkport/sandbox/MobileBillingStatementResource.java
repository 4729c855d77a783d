package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.datafaker.Faker;
import org.springframework.stereotype.Component;

/** Six monthly phone bills (seed 002's {@code { billing: [...] }}); the newest is still open. */
@Component
class MobileBillingStatementResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("mobileBillingStatement",
            "Your monthly phone bills: period, amount due, due date and whether it was paid", "billing");
    private static final List<String> PLANS = List.of("Essentials", "Unlimited Plus", "Magenta Max", "Basic 5GB",
            "Family Unlimited");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        Faker faker = account.faker("billing");
        String plan = faker.options().nextElement(PLANS);
        int lines = faker.number().numberBetween(1, 5);
        long baseCents = faker.number().numberBetween(3_500, 9_000) * (long) lines;
        String accountLast4 = faker.numerify("####");
        List<Map<String, Object>> statements = new ArrayList<>();
        for (int month = 1; month <= 6; month++) {
            LocalDate start = account.asOf().minusMonths(month);
            LocalDate end = start.plusMonths(1).minusDays(1);
            LocalDate due = end.plusDays(21);
            BigDecimal amount = SandboxAccount.money(baseCents + faker.number().numberBetween(0, 2_500));
            boolean open = month == 1;
            statements.add(object("statementId", SandboxAccount.id(faker, "stmt_", 16),
                    "accountNumberLast4", accountLast4, "planName", plan, "lines", lines,
                    "periodStart", start.toString(), "periodEnd", end.toString(), "dueDate", due.toString(),
                    "amountDue", amount, "currency", "USD", "status", open ? "open" : "paid",
                    "paidOn", open ? null : due.minusDays(faker.number().numberBetween(0, 10)).toString()));
        }
        return object("billing", statements);
    }
}
