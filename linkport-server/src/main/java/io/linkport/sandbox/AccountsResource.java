package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The bank accounts: checking, savings and a credit card. */
@Component
class AccountsResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("accounts",
            "Your accounts: names, types and the last digits of each account number", "accounts");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        return object("accounts", account.profile().bankAccounts().stream()
                .map(a -> object("accountId", a.accountId(), "name", a.name(), "type", a.type(), "subtype", a.subtype(),
                        "mask", a.mask(), "currency", "USD"))
                .toList());
    }
}
