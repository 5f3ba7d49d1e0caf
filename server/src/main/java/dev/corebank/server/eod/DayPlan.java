package dev.corebank.server.eod;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * What end of day must post for one closing date, decided by the {@link DayBook} at the cut-off, from the journal up
 * to it and nothing else: so a restarted or repeated end of day, and a catch-up of missed days, post exactly the same
 * transfers. Items name accounts by their slot in the day book; amounts are in minor units.
 */
final class DayPlan {
    final LocalDate date;
    /** The journal position of the cut-off entry this plan was made at. */
    final long cutOffSequence;
    final Items accruals = new Items();
    final Items capitalisations = new Items();
    /** The extra accrual posted with a capitalisation, linked to it: what rounding added beyond the daily postings. */
    final Items capitalisationAdjustments = new Items();
    final Items overdraftInterest = new Items();
    final Items fees = new Items();
    final Items dormant = new Items();
    /** Accounts whose interest or fee was looked at: the denominator of progress. */
    int accountsConsidered;

    DayPlan(LocalDate date, long cutOffSequence) {
        this.date = date;
        this.cutOffSequence = cutOffSequence;
    }

    /** A growable list of (slot, amount) pairs. */
    static final class Items {
        private int[] slots = new int[16];
        private long[] amounts = new long[16];
        private int size;

        void add(int slot, long amount) {
            if (size == slots.length) {
                slots = Arrays.copyOf(slots, size * 2);
                amounts = Arrays.copyOf(amounts, size * 2);
            }
            slots[size] = slot;
            amounts[size++] = amount;
        }

        int size() {
            return size;
        }

        int slot(int index) {
            return slots[index];
        }

        long amount(int index) {
            return amounts[index];
        }
    }
}
