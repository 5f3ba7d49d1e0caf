package dev.corebank.ledger;

/** A change of an account's state. The numbers are stable and stored in the journal. */
public enum AccountOperation {
    FREEZE(1),
    UNFREEZE(2),
    CLOSE(3),
    /** Marks the account dormant after long inactivity: it then refuses debits until it is reactivated. */
    MARK_DORMANT(4),
    REACTIVATE(5);

    private final int number;

    AccountOperation(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static AccountOperation ofNumber(int number) {
        for (AccountOperation operation : values()) {
            if (operation.number == number) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown account operation number=" + number);
    }
}
