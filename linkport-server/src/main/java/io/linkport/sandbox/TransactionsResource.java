package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.datafaker.Faker;
import org.springframework.stereotype.Component;

/**
 * Sixty days of activity: paychecks into checking, purchases on checking and the credit card,
 * a monthly card payment. Negative amounts leave the account.
 */
@Component
class TransactionsResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("transactions",
            "Your transactions from the last 60 days", "transactions");
    private static final List<String> CATEGORIES = List.of("Groceries", "Restaurants", "Transport", "Shopping",
            "Utilities", "Entertainment", "Travel", "Health");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        Faker faker = account.faker("transactions");
        SandboxProfile profile = account.profile();
        String checking = profile.bankAccounts().get(0).accountId();
        String card = profile.bankAccounts().get(2).accountId();
        LocalDate since = account.asOf().minusDays(60);
        List<Map<String, Object>> rows = new ArrayList<>();
        long netPayCents = PayPeriods.grossPerPeriod(profile.job()).movePointRight(2).longValue() * 72 / 100;
        PayPeriods.recent(profile.job().payFrequency(), account.asOf(), 6).stream()
                .filter(period -> period.payDate().isAfter(since))
                .forEach(period -> rows.add(row(faker, checking, period.payDate(), "PAYROLL " + profile.job().employer(),
                        "Income", netPayCents)));
        for (int i = 0; i < 24; i++) {
            String category = faker.options().nextElement(CATEGORIES);
            rows.add(row(faker, i % 3 == 0 ? checking : card, since.plusDays(faker.number().numberBetween(0, 60)),
                    faker.company().name(), category, -faker.number().numberBetween(350, 18_000)));
        }
        long payment = faker.number().numberBetween(20_000, 150_000);
        LocalDate paidOn = account.asOf().minusDays(faker.number().numberBetween(3, 20));
        rows.add(row(faker, checking, paidOn, "CREDIT CARD PAYMENT", "Transfer", -payment));
        rows.add(row(faker, card, paidOn, "PAYMENT - THANK YOU", "Transfer", payment));
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("date")).reversed());
        return object("transactions", rows);
    }

    private static Map<String, Object> row(Faker faker, String accountId, LocalDate date, String description,
                                           String category, long cents) {
        return object("transactionId", SandboxAccount.id(faker, "txn_", 20), "accountId", accountId,
                "date", date.toString(), "description", description, "category", category,
                "amount", SandboxAccount.money(cents), "currency", "USD", "pending", false);
    }
}
