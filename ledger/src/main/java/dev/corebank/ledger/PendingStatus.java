package dev.corebank.ledger;

/** Where a PENDING transfer stands. Numbers are stable and stored in snapshots. */
public enum PendingStatus {
    /** The transfer is not a PENDING transfer. */
    NONE(0),
    PENDING(1),
    POSTED(2),
    VOIDED(3),
    EXPIRED(4);

    /** Indexed by number, made once: {@code values()} copies its array on every call, and lookups are hot. */
    private static final PendingStatus[] BY_NUMBER = byNumber();

    private final int number;

    PendingStatus(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static PendingStatus ofNumber(int number) {
        if (number < 0 || number >= BY_NUMBER.length || BY_NUMBER[number] == null) {
            throw new IllegalArgumentException("unknown pending status number=" + number);
        }
        return BY_NUMBER[number];
    }

    private static PendingStatus[] byNumber() {
        PendingStatus[] statuses = values();
        int numberMax = 0;
        for (PendingStatus status : statuses) {
            numberMax = Math.max(numberMax, status.number);
        }
        PendingStatus[] byNumber = new PendingStatus[numberMax + 1];
        for (PendingStatus status : statuses) {
            Check.that(byNumber[status.number] == null, "pending status number used twice number=%d", status.number);
            byNumber[status.number] = status;
        }
        return byNumber;
    }
}
