package dev.corebank.ledger;

import java.util.UUID;

/**
 * What a committed journal entry says happened, in past tense. Readers (projections, publishers, audit, sagas) get
 * these from {@link JournalReader}. Each event carries the engine timestamp at which it happened; timestamps strictly
 * increase across the whole journal.
 */
public sealed interface LedgerEvent {
    long timestamp();

    /** An account was opened with its profile; balances are zero. */
    record AccountOpened(Account account, Profile profile) implements LedgerEvent {
        public AccountOpened(Account account) {
            this(account, Profile.EMPTY);
        }

        @Override
        public long timestamp() {
            return account.timestamp();
        }
    }

    /** An account was frozen, unfrozen or closed; {@code flags} are its flags afterwards. */
    record AccountFlagsChanged(UUID accountId, AccountOperation operation, int flags, long timestamp)
            implements LedgerEvent {
    }

    /** A single-phase transfer moved money. */
    record TransferPosted(Transfer transfer) implements LedgerEvent {
        @Override
        public long timestamp() {
            return transfer.timestamp();
        }
    }

    /** A hold was placed: the amount is in the pending balances. */
    record TransferPending(Transfer transfer) implements LedgerEvent {
        @Override
        public long timestamp() {
            return transfer.timestamp();
        }
    }

    /** A hold was posted (captured); {@code transfer.amount()} is what was posted, the rest of the hold was released. */
    record PendingPosted(Transfer transfer) implements LedgerEvent {
        @Override
        public long timestamp() {
            return transfer.timestamp();
        }
    }

    /** A hold was voided and its whole amount released. */
    record PendingVoided(Transfer transfer) implements LedgerEvent {
        @Override
        public long timestamp() {
            return transfer.timestamp();
        }
    }

    /** A hold reached its timeout and was released by the engine. */
    record PendingExpired(UUID pendingId, UUID debitAccountId, UUID creditAccountId, int ledger, long amount,
                          long timestamp) implements LedgerEvent {
    }

    /** A transfer was refused; it changed nothing. Recorded because the journal is also the audit record. */
    record TransferRejected(Transfer attempted, ResultCode result, long timestamp) implements LedgerEvent {
    }

    /** An account could not be opened. */
    record AccountRejected(Account attempted, ResultCode result, long timestamp) implements LedgerEvent {
    }

    /** A freeze, unfreeze or close was refused. */
    record AccountChangeRejected(UUID accountId, AccountOperation operation, ResultCode result, long timestamp)
            implements LedgerEvent {
    }

    /** An account's profile was replaced; {@code profile} is the new one. */
    record ProfileChanged(UUID accountId, Profile profile, long timestamp) implements LedgerEvent {
    }

    /** A profile update was refused. */
    record ProfileChangeRejected(UUID accountId, ResultCode result, long timestamp) implements LedgerEvent {
    }

    /** A fact the engine journaled without interpreting it (see {@link Fact}). */
    record FactRecorded(Fact fact, long timestamp) implements LedgerEvent {
    }

    /** The bank's business date moved (see {@link BusinessDate}); {@code businessDate} is the date afterwards. */
    record BusinessDateChanged(BusinessDate businessDate, long timestamp) implements LedgerEvent {
    }

    /** A business date change was refused; {@code asked} is what was asked for. */
    record BusinessDateChangeRejected(BusinessDate asked, ResultCode result, long timestamp) implements LedgerEvent {
    }

    /** An account's arranged overdraft limit was set. */
    record OverdraftLimitChanged(UUID accountId, long limitMinor, long timestamp) implements LedgerEvent {
    }

    /** An overdraft limit change was refused. */
    record OverdraftLimitRejected(UUID accountId, long limitMinor, ResultCode result, long timestamp)
            implements LedgerEvent {
    }

    /** The event for an applied transfer, chosen by its flags. */
    static LedgerEvent ofApplied(Transfer transfer) {
        if (transfer.hasFlag(TransferFlags.PENDING)) {
            return new TransferPending(transfer);
        }
        if (transfer.hasFlag(TransferFlags.POST_PENDING)) {
            return new PendingPosted(transfer);
        }
        if (transfer.hasFlag(TransferFlags.VOID_PENDING)) {
            return new PendingVoided(transfer);
        }
        return new TransferPosted(transfer);
    }
}
