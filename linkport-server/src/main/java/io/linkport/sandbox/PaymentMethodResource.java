package io.linkport.sandbox;

import static io.linkport.sandbox.SandboxJson.object;

import io.linkport.common.Ids;
import io.linkport.connector.FailureCode;
import io.linkport.connector.OperationResult;
import io.linkport.connector.ResourceDescriptor;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Cards on file. A write adds a card (seed 002's arguments) and makes it the default; the card
 * number and CVV are checked and dropped — only brand and last four digits are remembered.
 */
@Component
class PaymentMethodResource implements SandboxResource {

    private static final ResourceDescriptor DESCRIPTOR = SandboxSchemas.readWrite("paymentMethod",
            "Your saved payment cards", "paymentMethods", "Add a card and make it your default payment method");
    private static final String STATE = "paymentMethods";

    private final SandboxState state;
    private final Clock clock;

    PaymentMethodResource(SandboxState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Map<String, Object> read(SandboxAccount account) {
        return paymentMethods(account, state.list(account, STATE).orElse(List.of()));
    }

    /** The account's cards: those written, newest first and the newest the default, then the profile's own. */
    private static Map<String, Object> paymentMethods(SandboxAccount account, List<Map<String, Object>> written) {
        List<Map<String, Object>> cards = new ArrayList<>();
        for (int i = written.size() - 1; i >= 0; i--) {
            cards.add(withDefault(written.get(i), cards.isEmpty()));
        }
        SandboxProfile profile = account.profile();
        SandboxProfile.Card card = profile.card();
        cards.add(object("id", card.id(), "type", "card",
                "brand", card.brand(), "last4", card.last4(), "expirationDate", card.expirationDate(),
                "nameOnCard", profile.fullName(), "billingZip", profile.address().postalCode(),
                "isDefault", cards.isEmpty()));
        return object("paymentMethods", cards);
    }

    @Override
    public OperationResult write(SandboxAccount account, Map<String, Object> arguments) {
        String number = (String) arguments.get("cardNumber");
        String expiry = (String) arguments.get("expirationDate");
        Optional<String> problem = CardChecks.problem(number, expiry, (String) arguments.get("cvv"),
                YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        if (problem.isPresent()) {
            return new OperationResult.Failure(FailureCode.OPERATION_REJECTED, problem.get());
        }
        String brand = CardChecks.brand(number);
        String last4 = number.substring(number.length() - 4);
        Map<String, Object> card = object("id", Ids.prefixed("pm_"), "type", "card", "brand", brand, "last4", last4,
                "expirationDate", expiry, "nameOnCard", arguments.get("nameOnCard"),
                "billingZip", arguments.get("billingZip"));
        List<Map<String, Object>> written = state.updateList(account, STATE, stored -> {
            List<Map<String, Object>> cards = new ArrayList<>(stored);
            cards.removeIf(c -> last4.equals(c.get("last4")) && expiry.equals(c.get("expirationDate"))
                    && brand.equals(c.get("brand")));
            cards.add(card);
            return cards;
        });
        return new OperationResult.Success(paymentMethods(account, written));
    }

    private static Map<String, Object> withDefault(Map<String, Object> card, boolean isDefault) {
        Map<String, Object> copy = object();
        copy.putAll(card);
        copy.put("isDefault", isDefault);
        return copy;
    }
}
