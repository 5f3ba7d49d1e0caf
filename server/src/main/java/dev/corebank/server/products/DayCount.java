package dev.corebank.server.products;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Day-count conventions: the fraction of a year between two dates, which interest for that period is proportional
 * to. The formulas (ISDA 2006 definitions, section 4.16; ISO 20022 InterestComputationMethod codes in brackets):
 *
 * <pre>
 * ACT_365F      [A005]  days / 365, in leap years too
 * ACT_360       [A004]  days / 360
 * THIRTY_360    [A001]  (360 (Y2 - Y1) + 30 (M2 - M1) + (D2 - D1)) / 360, with D1 = min(D1, 30) and, when D1 is then
 *                       30, D2 = min(D2, 30) (the ISDA "30/360" or bond basis)
 * ACT_ACT_ISDA  [A008]  days falling in non-leap years / 365 + days falling in leap years / 366
 * </pre>
 *
 * Fractions are exact to {@link #CONTEXT} (34 significant digits).
 */
public enum DayCount {
    ACT_365F, ACT_360, THIRTY_360, ACT_ACT_ISDA;

    public static final MathContext CONTEXT = MathContext.DECIMAL128;
    private static final BigDecimal D360 = BigDecimal.valueOf(360);
    private static final BigDecimal D365 = BigDecimal.valueOf(365);
    private static final BigDecimal D366 = BigDecimal.valueOf(366);

    /** The year fraction from {@code start} (included) to {@code end} (excluded); {@code end} must not be earlier. */
    public BigDecimal yearFraction(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end before start start=" + start + " end=" + end);
        }
        long days = ChronoUnit.DAYS.between(start, end);
        return switch (this) {
            case ACT_365F -> BigDecimal.valueOf(days).divide(D365, CONTEXT);
            case ACT_360 -> BigDecimal.valueOf(days).divide(D360, CONTEXT);
            case THIRTY_360 -> BigDecimal.valueOf(thirty360Days(start, end)).divide(D360, CONTEXT);
            case ACT_ACT_ISDA -> actActIsda(start, end);
        };
    }

    static long thirty360Days(LocalDate start, LocalDate end) {
        int d1 = Math.min(start.getDayOfMonth(), 30);
        int d2 = end.getDayOfMonth();
        if (d1 == 30) {
            d2 = Math.min(d2, 30);
        }
        return 360L * (end.getYear() - start.getYear()) + 30L * (end.getMonthValue() - start.getMonthValue())
                + (d2 - d1);
    }

    private static BigDecimal actActIsda(LocalDate start, LocalDate end) {
        BigDecimal fraction = BigDecimal.ZERO;
        LocalDate from = start;
        while (from.isBefore(end)) {
            LocalDate nextYear = LocalDate.of(from.getYear() + 1, 1, 1);
            LocalDate until = end.isBefore(nextYear) ? end : nextYear;
            long days = ChronoUnit.DAYS.between(from, until);
            fraction = fraction.add(BigDecimal.valueOf(days).divide(from.isLeapYear() ? D366 : D365, CONTEXT),
                    CONTEXT);
            from = until;
        }
        return fraction;
    }
}
