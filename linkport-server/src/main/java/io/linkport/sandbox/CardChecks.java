package io.linkport.sandbox;

import java.time.YearMonth;
import java.util.Optional;

/**
 * What a card issuer checks that a JSON Schema cannot: the Luhn check digit, an expiry date
 * that has not passed, and the CVV length of the card's brand.
 */
final class CardChecks {

    private CardChecks() {
    }

    /** Why the card would be refused, or empty when it is acceptable. */
    static Optional<String> problem(String number, String expirationDate, String cvv, YearMonth now) {
        if (!luhn(number)) {
            return Optional.of("The card number is not valid (its check digit is wrong)");
        }
        YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(expirationDate.substring(3)),
                Integer.parseInt(expirationDate.substring(0, 2)));
        if (expiry.isBefore(now)) {
            return Optional.of("The card expired in " + expirationDate);
        }
        int cvvLength = "American Express".equals(brand(number)) ? 4 : 3;
        if (cvv.length() != cvvLength) {
            return Optional.of("The security code of this card has " + cvvLength + " digits");
        }
        return Optional.empty();
    }

    static boolean luhn(String number) {
        int sum = 0;
        boolean doubled = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int digit = number.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static String brand(String number) {
        if (number.startsWith("34") || number.startsWith("37")) {
            return "American Express";
        }
        if (number.startsWith("4")) {
            return "Visa";
        }
        int two = Integer.parseInt(number.substring(0, 2));
        int four = Integer.parseInt(number.substring(0, 4));
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "Mastercard";
        }
        if (number.startsWith("6011") || number.startsWith("65")) {
            return "Discover";
        }
        return "Card";
    }
}
