package dev.corebank.ledger;

import java.util.List;

/** Bit flags of a transfer. Bits are stable because the journal stores them; unknown bits are rejected. */
public final class TransferFlags {
    public static final int NONE = 0;
    /** This transfer and the next one in the batch succeed or fail together. */
    public static final int LINKED = 1;
    /** Reserve the amount as a hold (pending balances) until it is posted, voided or expires. */
    public static final int PENDING = 1 << 1;
    /** Post (capture) the pending transfer named by pendingId, fully or partly. */
    public static final int POST_PENDING = 1 << 2;
    /** Void (release) the pending transfer named by pendingId. */
    public static final int VOID_PENDING = 1 << 3;
    /** Transfer at most what the debit account's balance rule allows, not more than amount. */
    public static final int BALANCING_DEBIT = 1 << 4;
    /** Transfer at most what the credit account's balance rule allows, not more than amount. */
    public static final int BALANCING_CREDIT = 1 << 5;

    public static final int ALL = LINKED | PENDING | POST_PENDING | VOID_PENDING | BALANCING_DEBIT | BALANCING_CREDIT;

    private static final String[] NAMES = {
        "LINKED", "PENDING", "POST_PENDING", "VOID_PENDING", "BALANCING_DEBIT", "BALANCING_CREDIT"
    };

    private TransferFlags() {
    }

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }

    /** True for transfers that resolve an earlier pending transfer. */
    public static boolean resolvesPending(int flags) {
        return (flags & (POST_PENDING | VOID_PENDING)) != 0;
    }

    public static List<String> names(int flags) {
        return FlagNames.names(flags, NAMES);
    }

    public static int parse(List<String> names) {
        return FlagNames.parse(names, NAMES, "transfer flag");
    }
}
