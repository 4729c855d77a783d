package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.connector.ResourceDescriptor;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Current and available balance of each account; a card's available balance is its unused limit. */
@Component
class BalancesResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readOnly("balances",
            "Your current and available balances", "balances");

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        return object("balances", account.profile().bankAccounts().stream()
                .map(a -> object("accountId", a.accountId(), "current", a.current(),
                        "available", a.limit() == null ? a.current() : a.limit().subtract(a.current()),
                        "limit", a.limit(), "currency", "USD"))
                .toList());
    }
}
