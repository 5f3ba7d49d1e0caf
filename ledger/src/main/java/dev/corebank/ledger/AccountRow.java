package dev.corebank.ledger;

import java.util.UUID;

/** The engine's mutable row for one account. Only the engine thread touches it; lookups get an {@link Account} copy. */
final class AccountRow {
    final UUID id;
    /** Position in the engine's account table, in the order accounts were opened. */
    final int slot;
    final int ledger;
    final AccountType type;
    final int code;
    final long timestamp;
    final LedgerTotals totals;
    int flags;
    /** The current profile; replaced whole by a profile change, never edited in place. */
    Profile profile = Profile.EMPTY;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;
    /** The arranged overdraft: how far debits may exceed posted credits under DEBITS_MUST_NOT_EXCEED_CREDITS. */
    long overdraftLimit;

    AccountRow(Account account, int slot, long timestamp, LedgerTotals totals) {
        this.id = account.id();
        this.slot = slot;
        this.ledger = account.ledger();
        this.type = account.type();
        this.code = account.code();
        this.flags = account.flags();
        this.timestamp = timestamp;
        this.totals = totals;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    Account toAccount() {
        return new Account(id, ledger, type, code, flags, debitsPending, debitsPosted, creditsPending, creditsPosted,
                timestamp);
    }

    /** The balance-flag rules of this account hold. */
    boolean balanceRulesHold() {
        if (has(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && debitsPending + debitsPosted - creditsPosted > overdraftLimit) {
            return false;
        }
        return !has(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS) || creditsPending + creditsPosted <= debitsPosted;
    }
}
