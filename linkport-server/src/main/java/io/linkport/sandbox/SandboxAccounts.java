package io.linkport.sandbox;

import io.linkport.sandbox.SandboxProfile.Address;
import io.linkport.sandbox.SandboxProfile.BankAccount;
import io.linkport.sandbox.SandboxProfile.Card;
import io.linkport.sandbox.SandboxProfile.Job;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.datafaker.Faker;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link SandboxAccount} (and its generated person) behind a sandbox login. The person
 * is a pure function of (institution, username, month), so it is generated once and remembered:
 * Datafaker took about a tenth of a sandbox run's CPU when every operation generated it again.
 */
@Component
class SandboxAccounts {

    private static final List<String> PAY_FREQUENCIES = List.of("biweekly", "biweekly", "semimonthly", "weekly");
    /** Sandbox testers use a handful of usernames; past this many the memory is simply started over. */
    private static final int REMEMBERED_PROFILES = 4_096;

    private final Clock clock;
    private final Map<String, SandboxProfile> profiles = new ConcurrentHashMap<>();

    SandboxAccounts(Clock clock) {
        this.clock = clock;
    }

    SandboxAccount account(SandboxInstitution institution, String username, String loginKey) {
        LocalDate asOf = LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
        return new SandboxAccount(institution, username, SandboxAccount.stateKey(institution.id(), loginKey, username),
                asOf, profile(institution, username, asOf));
    }

    private SandboxProfile profile(SandboxInstitution institution, String username, LocalDate asOf) {
        String key = institution.id() + "\n" + username + "\n" + asOf;
        SandboxProfile known = profiles.get(key);
        if (known != null) {
            return known;
        }
        if (profiles.size() >= REMEMBERED_PROFILES) {
            profiles.clear();
        }
        SandboxProfile generated = profile(SandboxAccount.faker(institution, username, "profile"),
                SandboxAccount.id(SandboxAccount.faker(institution, username, "paymentMethod"), "pm_", 20), asOf);
        profiles.put(key, generated);
        return generated;
    }

    private static SandboxProfile profile(Faker faker, String cardId, LocalDate asOf) {
        String first = faker.name().firstName();
        String last = faker.name().lastName();
        LocalDate born = asOf.minusYears(faker.number().numberBetween(22, 64)).minusDays(faker.number().numberBetween(0, 365));
        String email = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + "@example.com";
        Address address = new Address(faker.address().streetAddress(), faker.address().city(),
                faker.address().stateAbbr(), faker.numerify("#####"), "US");
        Job job = new Job(faker.company().name(), faker.job().title(),
                asOf.minusMonths(faker.number().numberBetween(8, 120)).plusDays(faker.number().numberBetween(0, 27)),
                SandboxAccount.money(faker.number().numberBetween(38_000, 185_000) * 100L),
                faker.options().nextElement(PAY_FREQUENCIES), faker.numerify("E#####"));
        Card card = new Card(cardId, faker.options().option("Visa", "Mastercard", "American Express", "Discover"),
                faker.numerify("####"), String.format("%02d/%02d", faker.number().numberBetween(1, 13),
                        (asOf.getYear() + faker.number().numberBetween(1, 5)) % 100));
        return new SandboxProfile(first, last, born, email, faker.numerify("(###) 555-####"), address,
                faker.numerify("####"), job, card, bankAccounts(faker));
    }

    private static List<BankAccount> bankAccounts(Faker faker) {
        return List.of(
                new BankAccount(accountId(faker), "Everyday Checking", "depository", "checking", faker.numerify("####"),
                        SandboxAccount.money(faker.number().numberBetween(25_000, 1_500_000)), null),
                new BankAccount(accountId(faker), "High-Yield Savings", "depository", "savings", faker.numerify("####"),
                        SandboxAccount.money(faker.number().numberBetween(100_000, 5_000_000)), null),
                new BankAccount(accountId(faker), "Rewards Credit Card", "credit", "credit card", faker.numerify("####"),
                        SandboxAccount.money(faker.number().numberBetween(0, 300_000)),
                        SandboxAccount.money(faker.number().numberBetween(5, 21) * 100_000L)));
    }

    private static String accountId(Faker faker) {
        return SandboxAccount.id(faker, "acc_", 20);
    }
}
