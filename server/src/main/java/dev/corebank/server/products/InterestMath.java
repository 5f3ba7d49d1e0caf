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
        return daily(balanceMinor, interest, interest.dayCount().yearFraction(day, day.plusDays(1)));
    }

    /** The same, with the day's year fraction already computed (end of day computes it once per date and product). */
    public static BigDecimal daily(long balanceMinor, ProductDefinition.Interest interest, BigDecimal dayFraction) {
        if (balanceMinor <= 0 || balanceMinor < interest.minimumBalanceMinor()) {
            return BigDecimal.ZERO;
        }
        BigDecimal yearly = yearly(balanceMinor, interest.rateType(), interest.tiers());
        return yearly.multiply(dayFraction, CONTEXT).setScale(SCALE, java.math.RoundingMode.HALF_EVEN);
    }

    /**
     * The factors that turn a balance into a day's interest for each tier: the tier's yearly rate over 100 times the
     * day's year fraction. End of day computes them once per date and product, so each account costs one multiply.
     */
    public static BigDecimal[] dailyFactors(ProductDefinition.Interest interest, BigDecimal dayFraction) {
        BigDecimal[] factors = new BigDecimal[interest.tiers().size()];
        for (int index = 0; index < factors.length; index++) {
            factors[index] = interest.tiers().get(index).ratePercent().divide(HUNDRED, CONTEXT)
                    .multiply(dayFraction, CONTEXT);
        }
        return factors;
    }

    /** A day's interest with the factors of {@link #dailyFactors}: the same amount as {@link #daily}. */
    public static BigDecimal daily(long balanceMinor, ProductDefinition.Interest interest, BigDecimal[] factors) {
        if (balanceMinor <= 0 || balanceMinor < interest.minimumBalanceMinor()) {
            return BigDecimal.ZERO;
        }
        List<Tier> tiers = interest.tiers();
        int tier = 0;
        while (tier + 1 < tiers.size() && balanceMinor >= tiers.get(tier + 1).fromMinor()) {
            tier++;
        }
        BigDecimal interestMinor;
        if (interest.rateType() != ProductDefinition.RateType.BANDED) {
            interestMinor = BigDecimal.valueOf(balanceMinor).multiply(factors[tier], CONTEXT);
        } else {
            interestMinor = BigDecimal.ZERO;
            for (int index = 0; index <= tier; index++) {
                long upTo = index == tier ? balanceMinor : tiers.get(index + 1).fromMinor();
                interestMinor = interestMinor.add(BigDecimal.valueOf(upTo - tiers.get(index).fromMinor())
                        .multiply(factors[index], CONTEXT), CONTEXT);
            }
        }
        return interestMinor.setScale(SCALE, java.math.RoundingMode.HALF_EVEN);
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
