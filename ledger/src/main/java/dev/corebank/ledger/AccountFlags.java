package dev.corebank.ledger;

import java.util.List;

/** Bit flags of an account. Bits are stable because the journal stores them; unknown bits are rejected. */
public final class AccountFlags {
    public static final int NONE = 0;
    /** The account may never owe: debits (posted plus pending) must stay within posted credits. */
    public static final int DEBITS_MUST_NOT_EXCEED_CREDITS = 1;
    /** The mirror rule, for asset-like accounts that must never be in credit. */
    public static final int CREDITS_MUST_NOT_EXCEED_DEBITS = 1 << 1;
    /** No new transfers or posts may touch the account; voids and expiry still release holds. */
    public static final int FROZEN = 1 << 2;
    /** Final: the account had zero balance and no holds when it was closed. */
    public static final int CLOSED = 1 << 3;

    /**
     * Inactive for longer than its product allows: the account refuses to be debited until it is reactivated, and may
     * still be credited. Set and cleared by MARK_DORMANT and REACTIVATE, like FROZEN.
     */
    public static final int DORMANT = 1 << 4;

    public static final int ALL = DEBITS_MUST_NOT_EXCEED_CREDITS | CREDITS_MUST_NOT_EXCEED_DEBITS | FROZEN | CLOSED
            | DORMANT;
    /** The flags that describe what happened to an account since it opened, not how it was opened. */
    public static final int STATE = FROZEN | CLOSED | DORMANT;

    private static final String[] NAMES = {
        "DEBITS_MUST_NOT_EXCEED_CREDITS", "CREDITS_MUST_NOT_EXCEED_DEBITS", "FROZEN", "CLOSED", "DORMANT"
    };

    private AccountFlags() {
    }

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }

    public static List<String> names(int flags) {
        return FlagNames.names(flags, NAMES);
    }

    public static int parse(List<String> names) {
        return FlagNames.parse(names, NAMES, "account flag");
    }
}
