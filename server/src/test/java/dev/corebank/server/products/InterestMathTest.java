package dev.corebank.server.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The daily interest of one balance, by rate type, and the per-date factors end of day uses giving the same. */
class InterestMathTest {
    private static final List<ProductDefinition.Tier> TIERS = List.of(
            new ProductDefinition.Tier(0, new BigDecimal("1.00")),
            new ProductDefinition.Tier(100_000, new BigDecimal("2.00")),
            new ProductDefinition.Tier(1_000_000, new BigDecimal("3.00")));

    private static ProductDefinition.Interest interest(ProductDefinition.RateType type, DayCount dayCount) {
        return new ProductDefinition.Interest(type, TIERS, dayCount, ProductDefinition.BalanceBasis.END_OF_DAY,
                10_000L, ProductDefinition.Period.MONTHLY, ProductDefinition.Period.MONTHLY, RoundingMode.HALF_EVEN);
    }

    @Test
    void tieredPaysTheWholeBalanceAtItsTiersRateAndBandedEachBandAtItsOwn() {
        LocalDate day = LocalDate.of(2027, 6, 1);
        // 365 days, so a day of ACT/365F is a year's interest over 365.
        BigDecimal tiered = InterestMath.daily(500_000, interest(ProductDefinition.RateType.TIERED, DayCount.ACT_365F),
                day);
        assertThat(tiered).isEqualByComparingTo(new BigDecimal("10000").divide(BigDecimal.valueOf(365), 12,
                RoundingMode.HALF_EVEN));
        BigDecimal banded = InterestMath.daily(500_000, interest(ProductDefinition.RateType.BANDED, DayCount.ACT_365F),
                day);
        // 100,000 at 1 % and 400,000 at 2 %: 1,000 + 8,000 a year.
        assertThat(banded).isEqualByComparingTo(new BigDecimal("9000").divide(BigDecimal.valueOf(365), 12,
                RoundingMode.HALF_EVEN));
        assertThat(InterestMath.daily(9_999, interest(ProductDefinition.RateType.TIERED, DayCount.ACT_365F), day))
                .as("below the minimum balance").isZero();
    }

    @Test
    void thePerDateFactorsGiveTheSameDailyInterest() {
        SplittableRandom random = new SplittableRandom(20_280_229L);
        for (ProductDefinition.RateType type : ProductDefinition.RateType.values()) {
            for (DayCount dayCount : DayCount.values()) {
                ProductDefinition.Interest interest = type == ProductDefinition.RateType.FLAT
                        ? new ProductDefinition.Interest(type, TIERS.subList(0, 1), dayCount,
                                ProductDefinition.BalanceBasis.END_OF_DAY, 0L, ProductDefinition.Period.MONTHLY,
                                ProductDefinition.Period.MONTHLY, RoundingMode.HALF_EVEN)
                        : interest(type, dayCount);
                for (int index = 0; index < 200; index++) {
                    LocalDate day = LocalDate.of(2028, 1, 1).plusDays(random.nextInt(366));
                    long balance = random.nextLong(5_000_000);
                    BigDecimal[] factors = InterestMath.dailyFactors(interest,
                            dayCount.yearFraction(day, day.plusDays(1)));
                    assertThat(InterestMath.daily(balance, interest, factors)).as("%s %s %s %d", type, dayCount, day,
                            balance).isEqualByComparingTo(InterestMath.daily(balance, interest, day));
                }
            }
        }
    }
}
