package dev.corebank.ledger;

/**
 * The pure rules for one transfer, each returning the first {@link ResultCode} it finds broken in precedence order.
 * They read state and never change it; the state machine decides what to do with the answer.
 */
final class TransferRules {
    private static final int PHASE_FLAGS = TransferFlags.PENDING | TransferFlags.POST_PENDING
            | TransferFlags.VOID_PENDING;
    private static final int BALANCING_FLAGS = TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT;

    private TransferRules() {
    }

    /** Checks that need nothing but the transfer itself. */
    static ResultCode checkFields(Transfer transfer) {
        if (Ids.isZero(transfer.id())) {
            return ResultCode.ID_MUST_NOT_BE_ZERO;
        }
        int flags = transfer.flags();
        boolean resolves = TransferFlags.resolvesPending(flags);
        if (Integer.bitCount(flags & PHASE_FLAGS) > 1 || (resolves && (flags & BALANCING_FLAGS) != 0)) {
            return ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        return resolves ? checkResolvingFields(transfer) : checkSinglePhaseFields(transfer);
    }

    private static ResultCode checkSinglePhaseFields(Transfer transfer) {
        if (transfer.ledger() == 0) {
            return ResultCode.LEDGER_MUST_NOT_BE_ZERO;
        }
        if (!Ids.isZero(transfer.pendingId())) {
            return ResultCode.PENDING_ID_MUST_BE_ZERO;
        }
        if (transfer.timeoutSeconds() != 0 && !transfer.hasFlag(TransferFlags.PENDING)) {
            return ResultCode.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (transfer.amount() <= 0) {
            return ResultCode.AMOUNT_MUST_BE_POSITIVE;
        }
        if (transfer.debitAccountId().equals(transfer.creditAccountId())) {
            return ResultCode.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        return ResultCode.OK;
    }

    private static ResultCode checkResolvingFields(Transfer transfer) {
        if (Ids.isZero(transfer.pendingId())) {
            return ResultCode.PENDING_ID_MUST_NOT_BE_ZERO;
        }
        if (transfer.pendingId().equals(transfer.id())) {
            return ResultCode.PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (transfer.timeoutSeconds() != 0) {
            return ResultCode.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (transfer.amount() < 0) {
            return ResultCode.AMOUNT_MUST_BE_POSITIVE;
        }
        if (!Ids.isZero(transfer.debitAccountId()) && transfer.debitAccountId().equals(transfer.creditAccountId())) {
            return ResultCode.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        return ResultCode.OK;
    }

    /**
     * True when a retried transfer asks for exactly what the stored one asked for. For POST_PENDING and VOID_PENDING,
     * accounts and ledger left zero match whatever the pending transfer supplied.
     */
    static boolean sameAsStored(Transfer retried, LedgerState state, int storedSlot) {
        boolean resolves = TransferFlags.resolvesPending(retried.flags());
        AccountRow debit = state.debitAccount(storedSlot);
        AccountRow credit = state.creditAccount(storedSlot);
        return retried.flags() == state.flags(storedSlot)
                && retried.amount() == state.amountRequested(storedSlot)
                && retried.code() == state.code(storedSlot)
                && retried.timeoutSeconds() == state.timeoutSeconds(storedSlot)
                && state.hasPendingId(storedSlot, retried.pendingId())
                && state.hasReference(storedSlot, retried.reference())
                && (retried.ledger() == debit.ledger || (resolves && retried.ledger() == 0))
                && (retried.debitAccountId().equals(debit.id)
                        || (resolves && Ids.isZero(retried.debitAccountId())))
                && (retried.creditAccountId().equals(credit.id)
                        || (resolves && Ids.isZero(retried.creditAccountId())));
    }

    static ResultCode checkAccountState(AccountRow debit, AccountRow credit) {
        if (debit.has(AccountFlags.CLOSED) || credit.has(AccountFlags.CLOSED)) {
            return ResultCode.ACCOUNT_CLOSED;
        }
        if (debit.has(AccountFlags.FROZEN) || credit.has(AccountFlags.FROZEN)) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        return ResultCode.OK;
    }

    /** The amount to move: the transfer's amount, reduced by balancing flags to what the balances allow (maybe 0). */
    static long balancingAmount(Transfer transfer, AccountRow debit, AccountRow credit) {
        long amount = transfer.amount();
        if (transfer.hasFlag(TransferFlags.BALANCING_DEBIT)) {
            amount = Math.min(amount, headroom(debitLimit(debit), debit.debitsPosted, debit.debitsPending));
        }
        if (transfer.hasFlag(TransferFlags.BALANCING_CREDIT)) {
            amount = Math.min(amount, headroom(credit.debitsPosted, credit.creditsPosted, credit.creditsPending));
        }
        return amount;
    }

    /**
     * Which balance rule left a balancing transfer nothing to move: the debit side when it has no room (it comes first
     * in precedence order), otherwise the credit side.
     */
    static ResultCode balancingShortfall(Transfer transfer, AccountRow debit) {
        boolean debitHasNoRoom = transfer.hasFlag(TransferFlags.BALANCING_DEBIT)
                && headroom(debitLimit(debit), debit.debitsPosted, debit.debitsPending) == 0;
        return debitHasNoRoom ? ResultCode.EXCEEDS_CREDITS : ResultCode.EXCEEDS_DEBITS;
    }

    /** How much may be debited in all: posted credits plus the arranged overdraft (bounded, so this cannot overflow). */
    private static long debitLimit(AccountRow debit) {
        return debit.creditsPosted > Long.MAX_VALUE - debit.overdraftLimit ? Long.MAX_VALUE
                : debit.creditsPosted + debit.overdraftLimit;
    }

    /** limit - used - held, never below zero and without overflow (all inputs are non-negative). */
    private static long headroom(long limit, long used, long held) {
        long room = limit - used;
        return room <= held ? 0 : room - held;
    }

    /**
     * Overflow first, then the balance-flag rules of both accounts, for an amount about to be held or posted. Pending
     * and posted are summed for the ledger as for the accounts: a hold is posted later, so it must fit beside
     * everything already posted.
     */
    static ResultCode checkAmount(AccountRow debit, AccountRow credit, long amount) {
        if (sumOverflows(debit.debitsPending, debit.debitsPosted, amount)
                || sumOverflows(credit.creditsPending, credit.creditsPosted, amount)
                || sumOverflows(debit.totals.debitsPending, debit.totals.debitsPosted, amount)) {
            return ResultCode.OVERFLOW;
        }
        // An account with an overdraft is checked against it by checkLastRules, as the precedence order asks.
        if (debit.has(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) && debit.overdraftLimit == 0
                && debit.debitsPending + debit.debitsPosted + amount > debit.creditsPosted) {
            return ResultCode.EXCEEDS_CREDITS;
        }
        if (credit.has(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
                && credit.creditsPending + credit.creditsPosted + amount > credit.debitsPosted) {
            return ResultCode.EXCEEDS_DEBITS;
        }
        return ResultCode.OK;
    }

    /**
     * The rules added with business dates and products, which come last in precedence: the value date, a dormant debit
     * account (a dormant account may still be credited), and the debit account's arranged overdraft. {@code amount}
     * is zero for a post, which moves no more than was held and checked when the hold was placed.
     */
    static ResultCode checkLastRules(boolean valueDateOpen, AccountRow debit, long amount) {
        if (!valueDateOpen) {
            return ResultCode.VALUE_DATE_NOT_OPEN;
        }
        if (debit.has(AccountFlags.DORMANT)) {
            return ResultCode.ACCOUNT_DORMANT;
        }
        // No overflow: pending plus posted plus amount was checked before, and every term is non-negative.
        if (debit.has(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) && debit.overdraftLimit > 0
                && debit.debitsPending + debit.debitsPosted + amount - debit.creditsPosted > debit.overdraftLimit) {
            return ResultCode.EXCEEDS_OVERDRAFT_LIMIT;
        }
        return ResultCode.OK;
    }

    /** True when a + b + c does not fit in a long; all three are non-negative. */
    static boolean sumOverflows(long a, long b, long c) {
        return a > Long.MAX_VALUE - b || a + b > Long.MAX_VALUE - c;
    }

    /** Checks a POST_PENDING or VOID_PENDING against the pending transfer it names. */
    static ResultCode checkPending(Transfer transfer, LedgerState state, int pendingSlot, long timestamp) {
        if ((state.flags(pendingSlot) & TransferFlags.PENDING) == 0) {
            return ResultCode.PENDING_TRANSFER_NOT_PENDING;
        }
        AccountRow debit = state.debitAccount(pendingSlot);
        if (differs(transfer.debitAccountId(), debit.id)
                || differs(transfer.creditAccountId(), state.creditAccount(pendingSlot).id)
                || (transfer.ledger() != 0 && transfer.ledger() != debit.ledger)
                || (transfer.code() != 0 && transfer.code() != state.code(pendingSlot))) {
            return ResultCode.PENDING_TRANSFER_HAS_DIFFERENT_FIELDS;
        }
        switch (state.pendingStatus(pendingSlot)) {
            case POSTED:
                return ResultCode.PENDING_TRANSFER_ALREADY_POSTED;
            case VOIDED:
                return ResultCode.PENDING_TRANSFER_ALREADY_VOIDED;
            case EXPIRED:
                return ResultCode.PENDING_TRANSFER_EXPIRED;
            default:
                break;
        }
        if (state.timeoutSeconds(pendingSlot) > 0 && timestamp >= state.expiresAt(pendingSlot)) {
            return ResultCode.PENDING_TRANSFER_EXPIRED;
        }
        if (transfer.amount() > state.amount(pendingSlot)) {
            return ResultCode.EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        return ResultCode.OK;
    }

    private static boolean differs(java.util.UUID given, java.util.UUID pending) {
        return !Ids.isZero(given) && !given.equals(pending);
    }
}
