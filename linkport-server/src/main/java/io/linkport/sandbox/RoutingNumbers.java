package io.linkport.sandbox;

/** ABA routing numbers: the weighted 3-7-1 checksum every US bank routing number satisfies. */
final class RoutingNumbers {

    private static final int[] WEIGHTS = {3, 7, 1, 3, 7, 1, 3, 7, 1};

    private RoutingNumbers() {
    }

    static boolean valid(String routingNumber) {
        if (routingNumber == null || !routingNumber.matches("[0-9]{9}")) {
            return false;
        }
        return weightedSum(routingNumber, 9) % 10 == 0;
    }

    /** Completes eight digits into a valid routing number. */
    static String complete(String eightDigits) {
        int check = (10 - weightedSum(eightDigits, 8) % 10) % 10;
        return eightDigits + check;
    }

    private static int weightedSum(String digits, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return sum;
    }
}
