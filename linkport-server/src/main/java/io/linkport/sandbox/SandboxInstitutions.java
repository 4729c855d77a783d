package io.linkport.sandbox;

import io.linkport.connector.AuthMethod;
import java.util.List;

/** The sandbox catalog. Adding an institution is adding a line here. */
final class SandboxInstitutions {

    private static final List<String> CARRIER = List.of("paymentMethod", "mobileBillingStatement");
    private static final List<String> MERCHANT = List.of("orderHistory", "paymentMethod");
    private static final List<String> PAYROLL = List.of("employment", "income", "identity", "paystubs", "directDeposit");
    private static final List<String> BANK = List.of("accounts", "transactions", "identity", "balances");

    static final List<SandboxInstitution> ALL = List.of(
            credentials("tmobile", "T-Mobile", "mobile_carrier", CARRIER),
            credentials("att", "AT&T", "mobile_carrier", CARRIER),
            credentials("verizon", "Verizon", "mobile_carrier", CARRIER),
            merchant("ubereats", "Uber Eats", "food"),
            merchant("doordash", "DoorDash", "food"),
            merchant("amazon", "Amazon", "goods"),
            credentials("adp", "ADP", "payroll", PAYROLL),
            credentials("gusto", "Gusto", "payroll", PAYROLL),
            credentials("workday", "Workday", "payroll", PAYROLL),
            credentials("paychex", "Paychex", "payroll", PAYROLL),
            credentials("sandbox_bank", "Linkport Sandbox Bank", "bank", BANK),
            credentials("northwind_bank", "Northwind Bank", "bank", BANK),
            credentials("first_platypus", "First Platypus Bank", "bank", BANK),
            new SandboxInstitution("oauth_bank", "Linkport OAuth Bank", "bank", AuthMethod.OAUTH, BANK, false, null),
            new SandboxInstitution("sandbox_slow_bank", "Slow Sandbox Bank", "bank", AuthMethod.CREDENTIALS, BANK, true,
                    null));

    private SandboxInstitutions() {
    }

    private static SandboxInstitution credentials(String id, String name, String category, List<String> resources) {
        return new SandboxInstitution(id, name, category, AuthMethod.CREDENTIALS, resources, false, null);
    }

    private static SandboxInstitution merchant(String id, String name, String orderKind) {
        return new SandboxInstitution(id, name, "merchant", AuthMethod.CREDENTIALS, MERCHANT, false, orderKind);
    }
}
