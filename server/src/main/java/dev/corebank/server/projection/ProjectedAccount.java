package dev.corebank.server.projection;

import dev.corebank.ledger.AccountType;
import java.util.UUID;

/**
 * The read model's copy of one account while a batch is applied: loaded from the table (or opened by the batch),
 * moved event by event exactly as the engine moves its own state, then written back once.
 */
final class ProjectedAccount {
    final UUID id;
    final int ledger;
    final AccountType type;
    final int code;
    final long openedAt;
    final long openedSequence;
    /** True when the batch opened the account, so it is inserted rather than updated. */
    final boolean opened;
    int flags;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;
    long updatedSequence;
    boolean changed;

    ProjectedAccount(UUID id, int ledger, AccountType type, int code, int flags, long openedAt, long openedSequence,
                     boolean opened) {
        this.id = id;
        this.ledger = ledger;
        this.type = type;
        this.code = code;
        this.flags = flags;
        this.openedAt = openedAt;
        this.openedSequence = openedSequence;
        this.updatedSequence = openedSequence;
        this.opened = opened;
        this.changed = opened;
    }

    void hold(long amountMinor, boolean debitSide) {
        if (debitSide) {
            debitsPending = Math.addExact(debitsPending, amountMinor);
        } else {
            creditsPending = Math.addExact(creditsPending, amountMinor);
        }
        checkNotNegative();
    }

    void post(long amountMinor, boolean debitSide) {
        if (debitSide) {
            debitsPosted = Math.addExact(debitsPosted, amountMinor);
        } else {
            creditsPosted = Math.addExact(creditsPosted, amountMinor);
        }
        checkNotNegative();
    }

    void touch(long sequence) {
        updatedSequence = sequence;
        changed = true;
    }

    private void checkNotNegative() {
        if (debitsPending < 0 || creditsPending < 0 || debitsPosted < 0 || creditsPosted < 0) {
            throw new IllegalStateException("projected balance went negative account=" + id + " debitsPending="
                    + debitsPending + " creditsPending=" + creditsPending + " debitsPosted=" + debitsPosted
                    + " creditsPosted=" + creditsPosted);
        }
    }
}
