package dev.corebank.server.products;

import dev.corebank.server.products.ProductDefinition.Tier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The interest of one day, in minor units with {@link #SCALE} decimal places: the "higher precision" in which end of
 * day accrues before anything is rounded to a minor unit. Pure functions of their arguments.
 */
public final class InterestMath {
    /** Decimal places below the minor unit that accrued interest is kept in; the rest of a day's amount is dropped. */
    public static final int SCALE = 12;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext CONTEXT = MathContext.DECIMAL128;

    private InterestMath() {
    }

    /**
     * The interest a balance earns for the day {@code day} (from it to the next day) under the product's rate, or zero
     * when the balance is below the minimum balance for interest (or not positive).
     */
    public static BigDecimal daily(long balanceMinor, ProductDefinition.Interest interest, LocalDate day) {
        if (balanceMinor <= 0 || balanceMinor < interest.minimumBalanceMinor()) {
            return BigDecimal.ZERO;
        }
        BigDecimal yearly = yearly(balanceMinor, interest.rateType(), interest.tiers());
        BigDecimal fraction = interest.dayCount().yearFraction(day, day.plusDays(1));
        return yearly.multiply(fraction, CONTEXT).setScale(SCALE, java.math.RoundingMode.HALF_EVEN);
    }

    /** A day's overdraft interest on an overdrawn balance (a negative one), at the yearly rate. */
    public static BigDecimal dailyOverdraft(long balanceMinor, ProductDefinition.Overdraft overdraft, LocalDate day) {
        if (balanceMinor >= 0 || overdraft.ratePercent().signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal yearly = BigDecimal.valueOf(balanceMinor).negate().multiply(overdraft.ratePercent())
                .divide(HUNDRED, CONTEXT);
        return yearly.multiply(overdraft.dayCount().yearFraction(day, day.plusDays(1)), CONTEXT)
                .setScale(SCALE, java.math.RoundingMode.HALF_EVEN);
    }

    /** A year's interest on the balance at the product's rates, before any day count. */
    static BigDecimal yearly(long balanceMinor, ProductDefinition.RateType rateType, List<Tier> tiers) {
        BigDecimal balance = BigDecimal.valueOf(balanceMinor);
        return switch (rateType) {
            case FLAT -> balance.multiply(tiers.getFirst().ratePercent()).divide(HUNDRED, CONTEXT);
            case TIERED -> balance.multiply(tierOf(balanceMinor, tiers).ratePercent()).divide(HUNDRED, CONTEXT);
            case BANDED -> banded(balanceMinor, tiers);
        };
    }

    private static Tier tierOf(long balanceMinor, List<Tier> tiers) {
        Tier found = tiers.getFirst();
        for (Tier tier : tiers) {
            if (balanceMinor >= tier.fromMinor()) {
                found = tier;
            }
        }
        return found;
    }

    private static BigDecimal banded(long balanceMinor, List<Tier> tiers) {
        BigDecimal total = BigDecimal.ZERO;
        for (int index = 0; index < tiers.size(); index++) {
            long from = tiers.get(index).fromMinor();
            long to = index + 1 < tiers.size() ? Math.min(balanceMinor, tiers.get(index + 1).fromMinor())
                    : balanceMinor;
            if (to <= from) {
                break;
            }
            total = total.add(BigDecimal.valueOf(to - from).multiply(tiers.get(index).ratePercent()), CONTEXT);
        }
        return total.divide(HUNDRED, CONTEXT);
    }

    /** True when {@code day} is the last day of a period: a month's last day, or that of March, June, September or December. */
    public static boolean endsPeriod(LocalDate day, ProductDefinition.Period period) {
        boolean monthEnd = day.equals(YearMonth.from(day).atEndOfMonth());
        return period == ProductDefinition.Period.MONTHLY ? monthEnd : monthEnd && day.getMonthValue() % 3 == 0;
    }
}
