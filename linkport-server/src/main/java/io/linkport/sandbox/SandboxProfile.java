package io.linkport.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The generated person behind a sandbox account; every resource draws on the same one. */
record SandboxProfile(String firstName, String lastName, LocalDate dateOfBirth, String email, String phone,
                      Address address, String ssnLast4, Job job, Card card, List<BankAccount> bankAccounts) {

    String fullName() {
        return firstName + " " + lastName;
    }

    record Address(String line1, String city, String state, String postalCode, String country) {
    }

    /** @param payFrequency {@code biweekly}, {@code semimonthly} or {@code weekly} */
    record Job(String employer, String title, LocalDate startDate, BigDecimal annualSalary, String payFrequency,
               String employeeId) {
    }

    /** @param id the card's payment-method id, drawn from its own seed so it is the same whatever else changes */
    record Card(String id, String brand, String last4, String expirationDate) {
    }

    /** @param limit the credit limit for credit cards, null otherwise */
    record BankAccount(String accountId, String name, String type, String subtype, String mask, BigDecimal current,
                       BigDecimal limit) {
    }
}
