package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import net.datafaker.Faker;
import org.springframework.stereotype.Component;

/** The last six pay statements, consistent with the person's salary and pay frequency. */
@Component
class PaystubsResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("paystubs",
            "Your recent pay statements: gross pay, taxes, deductions and net pay", "paystubs");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        SandboxProfile.Job job = account.profile().job();
        Faker faker = account.faker("paystubs");
        BigDecimal gross = PayPeriods.grossPerPeriod(job);
        BigDecimal taxRate = BigDecimal.valueOf(faker.number().numberBetween(17, 27), 2);
        BigDecimal deductions = SandboxAccount.money(faker.number().numberBetween(4_000, 25_000));
        BigDecimal taxes = gross.multiply(taxRate).setScale(2, RoundingMode.HALF_UP);
        List<Map<String, Object>> stubs = PayPeriods.recent(job.payFrequency(), account.asOf(), 6).stream()
                .map(period -> object("paystubId", SandboxAccount.id(faker, "ps_", 16), "employerName", job.employer(),
                        "payDate", period.payDate().toString(), "periodStart", period.start().toString(),
                        "periodEnd", period.end().toString(), "grossPay", gross, "taxes", taxes,
                        "deductions", deductions, "netPay", gross.subtract(taxes).subtract(deductions),
                        "currency", "USD"))
                .toList();
        return object("paystubs", stubs);
    }
}
