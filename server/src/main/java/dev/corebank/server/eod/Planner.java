package dev.corebank.server.eod;

import dev.corebank.ledger.AccountFlags;
import dev.corebank.server.products.InterestMath;
import dev.corebank.server.products.ProductDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Decides, at the cut-off of a date, what end of day posts for it: the day's interest accrual, capitalisation at
 * period end, overdraft interest and fees at month end, and accounts to mark dormant. It reads and updates the day
 * book's interest columns, so it runs once per date, on the reactor thread, in journal order.
 *
 * <p>Rounding: a day's interest is kept at {@link InterestMath#SCALE} decimals below the minor unit and added to the
 * account's accrued interest, which is never rounded while it accrues. Each day, the whole minor units that accrued
 * interest has grown past what was booked already are booked to interest payable (so the daily accrual drops no
 * money, it only carries the fraction). At period end the accrued amount is rounded once, with the product's rounding
 * mode (HALF_EVEN, banker's rounding, by default), and posted; what rounding added beyond the daily bookings is booked
 * with it, and what it left (at most half a minor unit, either way) stays accrued for the next period.
 */
final class Planner {
    private Planner() {
    }

    static DayPlan plan(AccountBook book, LocalDate date, long cutOffSequence) {
        DayPlan plan = new DayPlan(date, cutOffSequence);
        // One year fraction per day count for the date, not one per account.
        java.util.EnumMap<dev.corebank.server.products.DayCount, BigDecimal> fractions =
                new java.util.EnumMap<>(dev.corebank.server.products.DayCount.class);
        for (dev.corebank.server.products.DayCount dayCount : dev.corebank.server.products.DayCount.values()) {
            fractions.put(dayCount, dayCount.yearFraction(date, date.plusDays(1)));
        }
        java.util.IdentityHashMap<ProductDefinition.Interest, BigDecimal[]> factors = new java.util.IdentityHashMap<>();
        int day = (int) date.toEpochDay();
        boolean monthEnd = InterestMath.endsPeriod(date, ProductDefinition.Period.MONTHLY);
        for (int slot = 0; slot < book.count; slot++) {
            ProductDefinition product = book.products[slot];
            if (product == null || (book.flags[slot] & AccountFlags.CLOSED) != 0) {
                continue;
            }
            plan.accountsConsidered++;
            long balance = book.netThrough[slot];
            boolean dormant = (book.flags[slot] & AccountFlags.DORMANT) != 0;
            if (product.interest() != null) {
                BigDecimal[] daily = factors.computeIfAbsent(product.interest(), interest ->
                        InterestMath.dailyFactors(interest, fractions.get(interest.dayCount())));
                savings(book, slot, product.interest(), balance, date, daily, plan);
            }
            if (product.overdraft() != null) {
                overdraft(book, slot, product.overdraft(), balance, date, monthEnd, plan);
            }
            boolean feesAllowed = !dormant || (product.dormancy() != null && product.dormancy().feesWhileDormant());
            if (monthEnd && product.monthlyFee() > 0 && feesAllowed) {
                plan.fees.add(slot, product.monthlyFee());
            }
            ProductDefinition.Dormancy dormancy = product.dormancy();
            if (dormancy != null && dormancy.inactiveDays() > 0 && !dormant
                    && day - book.lastActivity[slot] >= dormancy.inactiveDays()) {
                plan.dormant.add(slot, 0);
            }
        }
        return plan;
    }

    private static void savings(AccountBook book, int slot, ProductDefinition.Interest interest, long balance,
                                LocalDate date, BigDecimal[] dailyFactors, DayPlan plan) {
        BigDecimal compounded = book.compounded[slot];
        long base = compounded == null ? balance
                : balance + compounded.setScale(0, RoundingMode.FLOOR).longValueExact();
        BigDecimal accrued = book.accrued(slot).add(InterestMath.daily(base, interest, dailyFactors));
        book.accrued[slot] = accrued;
        long due = accrued.setScale(0, RoundingMode.FLOOR).longValueExact() - book.accruedBooked[slot];
        if (due > 0) {
            plan.accruals.add(slot, due);
            book.accruedBooked[slot] += due;
        }
        boolean postingEnd = InterestMath.endsPeriod(date, interest.posting());
        if (!postingEnd && InterestMath.endsPeriod(date, interest.compounding())) {
            book.compounded[slot] = accrued;
        }
        if (postingEnd) {
            long posted = accrued.setScale(0, interest.rounding()).longValueExact();
            if (posted > 0) {
                plan.capitalisations.add(slot, posted);
                plan.capitalisationAdjustments.add(slot, posted - book.accruedBooked[slot]);
            }
            book.compounded[slot] = null;
        }
    }

    private static void overdraft(AccountBook book, int slot, ProductDefinition.Overdraft overdraft, long balance,
                                  LocalDate date, boolean monthEnd, DayPlan plan) {
        BigDecimal accrued = book.overdraftAccrued[slot] == null ? BigDecimal.ZERO : book.overdraftAccrued[slot];
        accrued = accrued.add(InterestMath.dailyOverdraft(balance, overdraft, date));
        book.overdraftAccrued[slot] = accrued;
        if (monthEnd) {
            long charged = accrued.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            if (charged > 0) {
                plan.overdraftInterest.add(slot, charged);
            }
        }
    }
}
