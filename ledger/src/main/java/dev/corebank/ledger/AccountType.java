package dev.corebank.ledger;

/**
 * The accounting class of an account. It decides the account's normal side: assets and expenses grow with debits,
 * liabilities, equity and income grow with credits. The {@link #number()} is stable and stored in the journal.
 */
public enum AccountType {
    ASSET(1, true),
    LIABILITY(2, false),
    EQUITY(3, false),
    INCOME(4, false),
    EXPENSE(5, true);

    private final int number;
    private final boolean debitNormal;

    AccountType(int number, boolean debitNormal) {
        this.number = number;
        this.debitNormal = debitNormal;
    }

    public int number() {
        return number;
    }

    /** True when the balance of this type grows with debits (assets and expenses). */
    public boolean debitNormal() {
        return debitNormal;
    }

    public static AccountType ofNumber(int number) {
        for (AccountType type : values()) {
            if (type.number == number) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown account type number=" + number);
    }
}
