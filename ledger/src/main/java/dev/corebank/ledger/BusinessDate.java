package dev.corebank.ledger;

import java.time.LocalDate;

/**
 * The bank-wide business date, held in the engine's state and changed only by a journaled
 * {@link LedgerCommand.ChangeBusinessDate}: it is separate from the wall clock, so a replay gives every posting the
 * same value date it had.
 *
 * <p>{@code current} is the date new postings take. {@code closing} is set while end of day runs for an earlier date:
 * between the cut-off and the roll, new postings already take {@code current}, and only postings that name the closing
 * date as their value date (the end-of-day steps) are still booked on it. Either may be null: {@code current} before
 * the bank set its first business date, {@code closing} outside end of day.
 *
 * <p>In the journal and the state a date is its epoch day, and {@link #NONE} (0, 1970-01-01) stands for "no date";
 * 1970-01-01 itself can therefore never be a business date.
 */
public record BusinessDate(LocalDate current, LocalDate closing) {
    /** The epoch day that stands for "no date". */
    public static final int NONE = 0;
    public static final BusinessDate UNSET = new BusinessDate(null, null);

    public BusinessDate {
        if (current == null && closing != null) {
            throw new IllegalArgumentException("a closing date needs a current date closing=" + closing);
        }
        if (closing != null && !closing.isBefore(current)) {
            throw new IllegalArgumentException("the closing date must be before the current date current=" + current
                    + " closing=" + closing);
        }
    }

    /** True outside end of day: no earlier date is still open for postings. */
    public boolean settled() {
        return closing == null;
    }

    static BusinessDate ofDays(int currentDay, int closingDay) {
        return new BusinessDate(date(currentDay), date(closingDay));
    }

    /** The date of an epoch day, or null for {@link #NONE}. */
    public static LocalDate date(int epochDay) {
        return epochDay == NONE ? null : LocalDate.ofEpochDay(epochDay);
    }

    /** The epoch day of a date, or {@link #NONE} for null; refuses dates that do not fit or mean "none". */
    public static int epochDay(LocalDate date) {
        if (date == null) {
            return NONE;
        }
        long day = date.toEpochDay();
        if (day <= NONE || day > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a business date must be after 1970-01-01 date=" + date);
        }
        return (int) day;
    }
}
