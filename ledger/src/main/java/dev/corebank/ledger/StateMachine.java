package dev.corebank.ledger;

import java.util.List;
import java.util.UUID;

/**
 * Decides every item of a batch against the current state, applies what is allowed, and appends one event per item
 * to the entry being built. The checks run in the precedence order of {@link ResultCode}, so the first broken rule in
 * that order is the one reported. Replay does not come through here: it applies the journaled events directly with
 * the same {@link LedgerState} mutations.
 */
final class StateMachine {
    private final LedgerState state;
    private final EngineClock clock;
    private int[] chainSlots = new int[64];
    private long batchClockNanos;
    /** The value date (epoch day) of the transfers being applied: the command's, or the current business date. */
    private int transferValueDay;
    private boolean valueDateOpen;

    StateMachine(LedgerState state, EngineClock clock) {
        this.state = state;
        this.clock = clock;
    }

    LedgerState state() {
        return state;
    }

    /**
     * Reads the clock once for a batch: the items of a batch then take consecutive nanoseconds from there, which is
     * both cheaper than a clock read per item and keeps a batch's timestamps together.
     */
    void beginBatch() {
        batchClockNanos = clock.nanos();
    }

    /** The next engine timestamp: the batch's clock reading, but always strictly after the last timestamp. */
    long nextTimestamp() {
        long timestamp = batchClockNanos > state.lastTimestamp ? batchClockNanos : state.lastTimestamp + 1;
        state.lastTimestamp = timestamp;
        return timestamp;
    }

    // ---- accounts ----

    void createAccounts(List<Account> batch, List<Profile> profiles, BatchResult result, WriteBatch entry) {
        for (int index = 0; index < batch.size(); index++) {
            Account account = batch.get(index);
            Profile profile = profiles.get(index);
            long timestamp = nextTimestamp();
            ResultCode code = decideAccount(account, profile);
            if (code == ResultCode.OK) {
                state.insertAccount(account, timestamp, profile);
                entry.position = EventCodec.writeAccount(entry.bytes, entry.position, EventCodec.TAG_ACCOUNT_OPENED,
                        code, account, timestamp, profile);
                entry.eventCount++;
            } else if (code == ResultCode.EXISTS) {
                timestamp = state.account(account.id()).timestamp;
            } else {
                // A refused attempt is journaled for the audit record, without the personal data it carried.
                entry.position = EventCodec.writeAccount(entry.bytes, entry.position, EventCodec.TAG_ACCOUNT_REJECTED,
                        code, account, timestamp, Profile.EMPTY);
                entry.eventCount++;
            }
            result.codes()[index] = code;
            result.timestamps()[index] = code == ResultCode.OK || code == ResultCode.EXISTS ? timestamp : 0;
        }
    }

    private ResultCode decideAccount(Account account, Profile profile) {
        if (Ids.isZero(account.id())) {
            return ResultCode.ID_MUST_NOT_BE_ZERO;
        }
        if (account.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && account.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (account.ledger() == 0) {
            return ResultCode.LEDGER_MUST_NOT_BE_ZERO;
        }
        AccountRow existing = state.account(account.id());
        if (existing != null) {
            // FROZEN, CLOSED and DORMANT are state that changes after opening, so a retry is compared without them.
            int stateFlags = AccountFlags.STATE;
            boolean same = existing.ledger == account.ledger() && existing.type == account.type()
                    && existing.code == account.code()
                    && (existing.flags & ~stateFlags) == (account.flags() & ~stateFlags)
                    && existing.profile.equals(profile);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (account.hasFlag(AccountFlags.CLOSED)) {
            return ResultCode.ACCOUNT_CLOSED;
        }
        if (state.accountCount() >= state.accountsMax) {
            return ResultCode.CAPACITY_EXCEEDED;
        }
        return ResultCode.OK;
    }

    void changeAccounts(List<AccountChange> batch, BatchResult result, WriteBatch entry) {
        for (int index = 0; index < batch.size(); index++) {
            AccountChange change = batch.get(index);
            AccountRow row = state.account(change.accountId());
            ResultCode code = decideChange(change, row);
            int flagsAfter = code == ResultCode.OK ? flagsAfter(change.operation(), row.flags) : 0;
            boolean unchanged = code == ResultCode.OK && flagsAfter == row.flags;
            // An account already in the asked-for state is an idempotent repeat: nothing is journaled, so it takes
            // no timestamp either (one never written could otherwise be handed out again after a restart).
            long timestamp = unchanged ? 0 : nextTimestamp();
            if (!unchanged) {
                if (code == ResultCode.OK) {
                    row.flags = flagsAfter;
                }
                entry.position = EventCodec.writeAccountChange(entry.bytes, entry.position, change.operation(),
                        flagsAfter, code, change.accountId(), timestamp);
                entry.eventCount++;
            }
            result.codes()[index] = code;
            result.timestamps()[index] = code == ResultCode.OK ? timestamp : 0;
        }
    }

    private static ResultCode decideChange(AccountChange change, AccountRow row) {
        if (Ids.isZero(change.accountId())) {
            return ResultCode.ID_MUST_NOT_BE_ZERO;
        }
        if (row == null) {
            return ResultCode.ACCOUNT_NOT_FOUND;
        }
        if (row.has(AccountFlags.CLOSED)) {
            return ResultCode.ACCOUNT_CLOSED;
        }
        if (change.operation() == AccountOperation.CLOSE) {
            if (row.debitsPosted != row.creditsPosted) {
                return ResultCode.ACCOUNT_BALANCE_NOT_ZERO;
            }
            if (row.debitsPending != 0 || row.creditsPending != 0) {
                return ResultCode.ACCOUNT_HAS_PENDING_TRANSFERS;
            }
        }
        return ResultCode.OK;
    }

    // ---- profiles and facts ----

    void changeProfiles(List<ProfileChange> batch, BatchResult result, WriteBatch entry) {
        for (int index = 0; index < batch.size(); index++) {
            ProfileChange change = batch.get(index);
            AccountRow row = state.account(change.accountId());
            ResultCode code = decideProfileChange(change, row);
            boolean unchanged = code == ResultCode.OK && row.profile.equals(change.profile());
            // As with flags: a profile already as asked is an idempotent repeat, journaled as nothing.
            long timestamp = unchanged ? 0 : nextTimestamp();
            if (!unchanged) {
                if (code == ResultCode.OK) {
                    row.profile = change.profile();
                }
                entry.position = EventCodec.writeProfileChange(entry.bytes, entry.position, code,
                        change.accountId(), change.profile(), timestamp);
                entry.eventCount++;
            }
            result.codes()[index] = code;
            result.timestamps()[index] = code == ResultCode.OK ? timestamp : 0;
        }
    }

    private static ResultCode decideProfileChange(ProfileChange change, AccountRow row) {
        if (Ids.isZero(change.accountId())) {
            return ResultCode.ID_MUST_NOT_BE_ZERO;
        }
        if (row == null) {
            return ResultCode.ACCOUNT_NOT_FOUND;
        }
        return row.has(AccountFlags.CLOSED) ? ResultCode.ACCOUNT_CLOSED : ResultCode.OK;
    }

    void recordFacts(List<Fact> batch, BatchResult result, WriteBatch entry) {
        for (int index = 0; index < batch.size(); index++) {
            long timestamp = nextTimestamp();
            entry.position = EventCodec.writeFact(entry.bytes, entry.position, batch.get(index), timestamp);
            entry.eventCount++;
            result.codes()[index] = ResultCode.OK;
            result.timestamps()[index] = timestamp;
        }
    }

    // ---- business date and overdraft limits ----

    void changeBusinessDate(BusinessDate next, BatchResult result, WriteBatch entry) {
        int currentDay = BusinessDate.epochDay(next.current());
        int closingDay = BusinessDate.epochDay(next.closing());
        if (currentDay == state.businessDay && closingDay == state.closingDay) {
            // Already so: an idempotent repeat (a restarted end of day), journaled as nothing.
            result.codes()[0] = ResultCode.OK;
            return;
        }
        ResultCode code = BusinessDateRules.decide(state.businessDay, state.closingDay, currentDay, closingDay);
        long timestamp = nextTimestamp();
        if (code == ResultCode.OK) {
            state.businessDay = currentDay;
            state.closingDay = closingDay;
        }
        entry.position = EventCodec.writeBusinessDate(entry.bytes, entry.position, code, currentDay, closingDay,
                timestamp);
        entry.eventCount++;
        result.codes()[0] = code;
        result.timestamps()[0] = code == ResultCode.OK ? timestamp : 0;
    }

    void setOverdraftLimits(List<OverdraftLimit> batch, BatchResult result, WriteBatch entry) {
        for (int index = 0; index < batch.size(); index++) {
            OverdraftLimit limit = batch.get(index);
            AccountRow row = state.account(limit.accountId());
            ResultCode code = decideOverdraftLimit(limit, row);
            if (code == ResultCode.OK && row.overdraftLimit == limit.limitMinor()) {
                result.codes()[index] = ResultCode.OK;
                continue;
            }
            long timestamp = nextTimestamp();
            if (code == ResultCode.OK) {
                row.overdraftLimit = limit.limitMinor();
            }
            entry.position = EventCodec.writeOverdraftLimit(entry.bytes, entry.position, code, limit.accountId(),
                    limit.limitMinor(), timestamp);
            entry.eventCount++;
            result.codes()[index] = code;
            result.timestamps()[index] = code == ResultCode.OK ? timestamp : 0;
        }
    }

    private static ResultCode decideOverdraftLimit(OverdraftLimit limit, AccountRow row) {
        if (Ids.isZero(limit.accountId())) {
            return ResultCode.ID_MUST_NOT_BE_ZERO;
        }
        if (row == null) {
            return ResultCode.ACCOUNT_NOT_FOUND;
        }
        if (row.has(AccountFlags.CLOSED)) {
            return ResultCode.ACCOUNT_CLOSED;
        }
        // A lower limit than the account already owes would leave it breaking its own rule.
        long owed = row.debitsPending + row.debitsPosted - row.creditsPosted;
        if (row.has(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) && owed > limit.limitMinor()) {
            return ResultCode.EXCEEDS_OVERDRAFT_LIMIT;
        }
        return ResultCode.OK;
    }

    static int flagsAfter(AccountOperation operation, int flags) {
        return switch (operation) {
            case FREEZE -> flags | AccountFlags.FROZEN;
            case UNFREEZE -> flags & ~AccountFlags.FROZEN;
            case CLOSE -> flags | AccountFlags.CLOSED;
            case MARK_DORMANT -> flags | AccountFlags.DORMANT;
            case REACTIVATE -> flags & ~AccountFlags.DORMANT;
        };
    }

    // ---- transfers ----

    /**
     * Applies a batch of transfers. A LINKED chain runs item by item; when one item fails, the items of the chain
     * already applied are undone in reverse order, the failed item keeps its own result and every other item of the
     * chain reports linked_event_failed. A chain still open at the end of the batch fails as a whole.
     */
    void createTransfers(List<Transfer> batch, int valueDay, BatchResult result, WriteBatch entry) {
        int size = batch.size();
        transferValueDay = valueDay;
        valueDateOpen = valueDay == state.businessDay
                || (valueDay != BusinessDate.NONE && valueDay == state.closingDay);
        int index = 0;
        while (index < size) {
            int chainEnd = index;
            while (chainEnd < size && batch.get(chainEnd).hasFlag(TransferFlags.LINKED)) {
                chainEnd++;
            }
            if (chainEnd == size) {
                // The last item is LINKED: the chain was never closed.
                rejectChain(batch, index, size - 1, size - 1, ResultCode.LINKED_EVENT_CHAIN_OPEN, result, entry);
                return;
            }
            applyChain(batch, index, chainEnd, result, entry);
            index = chainEnd + 1;
        }
    }

    private void applyChain(List<Transfer> batch, int first, int last, BatchResult result, WriteBatch entry) {
        int mark = entry.mark();
        int eventCountAtMark = entry.eventCount;
        ensureChainCapacity(last - first + 1);
        int applied = 0;
        for (int index = first; index <= last; index++) {
            Transfer transfer = batch.get(index);
            long timestamp = nextTimestamp();
            ResultCode code = createTransfer(transfer, timestamp, entry, applied);
            result.codes()[index] = code;
            if (code == ResultCode.OK) {
                applied++;
                result.timestamps()[index] = timestamp;
            } else if (code == ResultCode.EXISTS) {
                result.timestamps()[index] = state.timestamp(state.transferSlot(transfer.id()));
            } else if (first != last) {
                undoChain(applied);
                entry.rewind(mark, eventCountAtMark);
                rejectChain(batch, first, last, index, code, result, entry);
                return;
            } else {
                writeRejected(entry, code, transfer, timestamp);
            }
        }
        for (int chainIndex = 0; chainIndex < applied; chainIndex++) {
            state.scheduleExpiry(chainSlots[chainIndex]);
        }
    }

    private void rejectChain(List<Transfer> batch, int first, int last, int failedIndex, ResultCode failedCode,
                             BatchResult result, WriteBatch entry) {
        for (int index = first; index <= last; index++) {
            ResultCode code = index == failedIndex ? failedCode : ResultCode.LINKED_EVENT_FAILED;
            result.codes()[index] = code;
            result.timestamps()[index] = 0;
            writeRejected(entry, code, batch.get(index), nextTimestamp());
        }
    }

    private void undoChain(int applied) {
        for (int chainIndex = applied - 1; chainIndex >= 0; chainIndex--) {
            state.removeLastTransfer(chainSlots[chainIndex]);
        }
    }

    private void writeRejected(WriteBatch entry, ResultCode code, Transfer transfer, long timestamp) {
        entry.position = EventCodec.writeTransfer(entry.bytes, entry.position, code, transfer,
                transfer.debitAccountId(), transfer.creditAccountId(), transfer.ledger(), transfer.amount(), timestamp,
                transfer.amount());
        entry.eventCount++;
    }

    /** Decides one transfer and, when it is allowed, applies it and journals it. */
    private ResultCode createTransfer(Transfer transfer, long timestamp, WriteBatch entry, int chainIndex) {
        ResultCode code = TransferRules.checkFields(transfer);
        if (code != ResultCode.OK) {
            return code;
        }
        int existing = state.transferSlot(transfer.id());
        if (existing != IdIndex.ABSENT) {
            return TransferRules.sameAsStored(transfer, state, existing)
                    ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        return TransferFlags.resolvesPending(transfer.flags())
                ? resolvePending(transfer, timestamp, entry, chainIndex)
                : createSinglePhase(transfer, timestamp, entry, chainIndex);
    }

    private ResultCode createSinglePhase(Transfer transfer, long timestamp, WriteBatch entry, int chainIndex) {
        AccountRow debit = state.account(transfer.debitAccountId());
        if (debit == null) {
            return ResultCode.DEBIT_ACCOUNT_NOT_FOUND;
        }
        AccountRow credit = state.account(transfer.creditAccountId());
        if (credit == null) {
            return ResultCode.CREDIT_ACCOUNT_NOT_FOUND;
        }
        if (debit.ledger != credit.ledger || transfer.ledger() != debit.ledger) {
            return ResultCode.LEDGER_MISMATCH;
        }
        ResultCode accountState = TransferRules.checkAccountState(debit, credit);
        if (accountState != ResultCode.OK) {
            return accountState;
        }
        long amount = TransferRules.balancingAmount(transfer, debit, credit);
        if (amount == 0) {
            return TransferRules.balancingShortfall(transfer, debit);
        }
        ResultCode limits = TransferRules.checkAmount(debit, credit, amount);
        if (limits != ResultCode.OK) {
            return limits;
        }
        if (state.transferCount() >= state.transfersMax) {
            return ResultCode.CAPACITY_EXCEEDED;
        }
        ResultCode last = TransferRules.checkLastRules(valueDateOpen, debit, amount);
        if (last != ResultCode.OK) {
            return last;
        }
        store(transfer, debit, credit, debit.ledger, amount, IdIndex.ABSENT, timestamp, entry, chainIndex);
        return ResultCode.OK;
    }

    private ResultCode resolvePending(Transfer transfer, long timestamp, WriteBatch entry, int chainIndex) {
        int pendingSlot = state.transferSlot(transfer.pendingId());
        if (pendingSlot == IdIndex.ABSENT) {
            return ResultCode.PENDING_TRANSFER_NOT_FOUND;
        }
        ResultCode code = TransferRules.checkPending(transfer, state, pendingSlot, timestamp);
        if (code != ResultCode.OK) {
            return code;
        }
        AccountRow debit = state.debitAccount(pendingSlot);
        AccountRow credit = state.creditAccount(pendingSlot);
        boolean post = transfer.hasFlag(TransferFlags.POST_PENDING);
        if (post) {
            ResultCode accountState = TransferRules.checkAccountState(debit, credit);
            if (accountState != ResultCode.OK) {
                return accountState;
            }
        }
        // A post moves at most the held amount from pending to posted, so it cannot overflow: the pending transfer's
        // own overflow check already covered pending plus posted.
        long amount = post && transfer.amount() != 0 ? transfer.amount() : state.amount(pendingSlot);
        if (state.transferCount() >= state.transfersMax) {
            return ResultCode.CAPACITY_EXCEEDED;
        }
        // A void only releases: like a freeze, dormancy and the value date never keep money stuck in a hold.
        ResultCode last = post ? TransferRules.checkLastRules(valueDateOpen, debit, 0)
                : valueDateOpen ? ResultCode.OK : ResultCode.VALUE_DATE_NOT_OPEN;
        if (last != ResultCode.OK) {
            return last;
        }
        store(transfer, debit, credit, debit.ledger, amount, pendingSlot, timestamp, entry, chainIndex);
        return ResultCode.OK;
    }

    /** Stores and journals an allowed transfer with the outcome decided for it: the accounts, ledger and amount. */
    private void store(Transfer transfer, AccountRow debit, AccountRow credit, int ledger, long amount,
                       int pendingSlot, long timestamp, WriteBatch entry, int chainIndex) {
        int slot = state.insertTransfer(transfer.id(), debit, credit, amount, transfer.amount(), transfer.code(),
                transfer.flags(), pendingSlot, transfer.timeoutSeconds(), transfer.reference(), timestamp,
                transferValueDay);
        Check.that(debit.balanceRulesHold(), "balance rule broken account=%s transfer=%s", debit.id, transfer.id());
        Check.that(credit.balanceRulesHold(), "balance rule broken account=%s transfer=%s", credit.id, transfer.id());
        chainSlots[chainIndex] = slot;
        entry.position = EventCodec.writeTransfer(entry.bytes, entry.position, ResultCode.OK, transfer, debit.id,
                credit.id, ledger, amount, timestamp, transfer.amount());
        entry.eventCount++;
    }

    private void ensureChainCapacity(int length) {
        if (chainSlots.length < length) {
            chainSlots = new int[Math.max(length, chainSlots.length * 2)];
        }
    }

    // ---- expiry ----

    /** Releases up to {@code limit} holds whose timeout has passed; returns how many it released. */
    int expireDue(WriteBatch entry, int limit) {
        int expired = 0;
        beginBatch();
        long now = batchClockNanos;
        while (expired < limit && state.expiries.peekExpiresAt() <= now) {
            int slot = state.expiries.peekSlot();
            state.expiries.removeFirst();
            if (state.pendingStatus(slot) != PendingStatus.PENDING) {
                continue;
            }
            long timestamp = nextTimestamp();
            state.expire(slot);
            entry.position = EventCodec.writeExpired(entry.bytes, entry.position, state.transfer(slot), timestamp);
            entry.eventCount++;
            expired++;
        }
        return expired;
    }

    // ---- lookups ----

    Account lookupAccount(UUID id) {
        AccountRow row = state.account(id);
        return row == null ? null : row.toAccount();
    }

    AccountWithProfile lookupAccountWithProfile(UUID id) {
        AccountRow row = state.account(id);
        return row == null ? null : new AccountWithProfile(row.toAccount(), row.profile, row.overdraftLimit);
    }

    TransferState lookupTransfer(UUID id) {
        int slot = state.transferSlot(id);
        if (slot == IdIndex.ABSENT) {
            return null;
        }
        return new TransferState(state.transfer(slot), state.amountRequested(slot), state.pendingStatus(slot),
                BusinessDate.date(state.valueDay(slot)));
    }
}
