package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The account holder's identity, as payroll platforms and banks know it. */
@Component
class IdentityResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("identity",
            "Your name, date of birth, contact details and address", "identity");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        SandboxProfile p = account.profile();
        SandboxProfile.Address a = p.address();
        return object("identity", object("fullName", p.fullName(), "firstName", p.firstName(), "lastName", p.lastName(),
                "dateOfBirth", p.dateOfBirth().toString(), "email", p.email(), "phone", p.phone(),
                "ssnLast4", p.ssnLast4(), "address", object("line1", a.line1(), "city", a.city(), "state", a.state(),
                        "postalCode", a.postalCode(), "country", a.country())));
    }
}
