package dev.corebank.ledger;

/** Where a PENDING transfer stands. Numbers are stable and stored in snapshots. */
public enum PendingStatus {
    /** The transfer is not a PENDING transfer. */
    NONE(0),
    PENDING(1),
    POSTED(2),
    VOIDED(3),
    EXPIRED(4);

    private final int number;

    PendingStatus(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static PendingStatus ofNumber(int number) {
        for (PendingStatus status : values()) {
            if (status.number == number) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown pending status number=" + number);
    }
}
