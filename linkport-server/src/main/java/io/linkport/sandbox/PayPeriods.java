package io.linkport.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** Pay calendars: how much each paycheck is and when the recent ones were paid. */
final class PayPeriods {

    /** One paycheck's period and the day it was paid. */
    record Period(LocalDate start, LocalDate end, LocalDate payDate) {
    }

    private PayPeriods() {
    }

    static int perYear(String frequency) {
        return switch (frequency) {
            case "weekly" -> 52;
            case "semimonthly" -> 24;
            default -> 26;
        };
    }

    static BigDecimal grossPerPeriod(SandboxProfile.Job job) {
        return job.annualSalary().divide(BigDecimal.valueOf(perYear(job.payFrequency())), 2, RoundingMode.HALF_UP);
    }

    /** The last {@code count} periods paid before {@code asOf}, newest first. */
    static List<Period> recent(String frequency, LocalDate asOf, int count) {
        List<Period> periods = new ArrayList<>();
        if ("semimonthly".equals(frequency)) {
            LocalDate month = asOf.minusMonths(1);
            while (periods.size() < count) {
                LocalDate last = month.with(TemporalAdjusters.lastDayOfMonth());
                periods.add(new Period(month.withDayOfMonth(16), last, last));
                if (periods.size() < count) {
                    LocalDate mid = month.withDayOfMonth(15);
                    periods.add(new Period(month.withDayOfMonth(1), mid, mid));
                }
                month = month.minusMonths(1);
            }
            return periods;
        }
        int days = "weekly".equals(frequency) ? 7 : 14;
        LocalDate payDate = asOf.minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
        for (int i = 0; i < count; i++) {
            LocalDate end = payDate.minusDays(6);
            periods.add(new Period(end.minusDays(days - 1), end, payDate));
            payDate = payDate.minusDays(days);
        }
        return periods;
    }
}
