package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The current job: employer, title, start date. */
@Component
class EmploymentResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("employment",
            "Your employer, job title and start date", "employment");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        SandboxProfile.Job job = account.profile().job();
        return object("employment", object("employerName", job.employer(), "title", job.title(), "status", "active",
                "employmentType", "full_time", "startDate", job.startDate().toString(), "employeeId", job.employeeId()));
    }
}
