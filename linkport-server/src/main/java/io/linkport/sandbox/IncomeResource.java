package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Salary and pay frequency; agrees with {@link PaystubsResource}. */
@Component
class IncomeResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("income",
            "Your salary and how often you are paid", "income");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        SandboxProfile.Job job = account.profile().job();
        return object("income", object("compensationType", "salary", "annualIncome", job.annualSalary(),
                "payFrequency", job.payFrequency(), "grossPayPerPeriod", PayPeriods.grossPerPeriod(job),
                "currency", "USD"));
    }
}
