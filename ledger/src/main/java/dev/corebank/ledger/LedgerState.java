package dev.corebank.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * All ledger state, in memory: accounts, transfers, per-ledger totals and the expiry queue of holds.
 *
 * <p>This class holds the mutations that both the live state machine and journal replay use, so that the two can
 * never disagree about what an event does to a balance. Only the engine thread touches it.
 */
final class LedgerState {
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    final int accountsMax;
    final int transfersMax;
    private final IdIndex accountIndex;
    private final IdIndex transferIndex;
    private AccountRow[] accounts = new AccountRow[1024];
    private int accountCount;
    private Transfer[] transfers = new Transfer[4096];
    private long[] amountsRequested = new long[4096];
    private byte[] pendingStatuses = new byte[4096];
    private int transferCount;
    private final List<LedgerTotals> totals = new ArrayList<>();
    final ExpiryQueue expiries = new ExpiryQueue();
    long lastTimestamp;

    LedgerState(int accountsMax, int transfersMax) {
        this.accountsMax = accountsMax;
        this.transfersMax = transfersMax;
        this.accountIndex = new IdIndex(1024, accountsMax);
        this.transferIndex = new IdIndex(4096, transfersMax);
    }

    int accountCount() {
        return accountCount;
    }

    int transferCount() {
        return transferCount;
    }

    AccountRow account(int slot) {
        return accounts[slot];
    }

    /** The account row for the id, or null. */
    AccountRow account(UUID id) {
        int slot = accountIndex.get(id);
        return slot == IdIndex.ABSENT ? null : accounts[slot];
    }

    int transferSlot(UUID id) {
        return transferIndex.get(id);
    }

    Transfer transfer(int slot) {
        return transfers[slot];
    }

    long amountRequested(int slot) {
        return amountsRequested[slot];
    }

    PendingStatus pendingStatus(int slot) {
        return PendingStatus.ofNumber(pendingStatuses[slot]);
    }

    List<LedgerTotals> totals() {
        return totals;
    }

    // ---- mutations shared by the state machine and replay ----

    AccountRow insertAccount(Account account, long timestamp) {
        Check.that(accountCount < accountsMax, "accounts full accountsMax=%d", accountsMax);
        if (accountCount == accounts.length) {
            accounts = Arrays.copyOf(accounts, accountCount * 2);
        }
        AccountRow row = new AccountRow(account, timestamp, totalsOf(account.ledger()));
        accountIndex.put(row.id, accountCount);
        accounts[accountCount++] = row;
        return row;
    }

    /** Stores an applied transfer and moves its amounts; returns its slot. */
    int insertTransfer(Transfer transfer, long amountRequested, int pendingSlot) {
        int slot = appendTransferSlot();
        transfers[slot] = transfer;
        amountsRequested[slot] = amountRequested;
        pendingStatuses[slot] = (byte) (transfer.hasFlag(TransferFlags.PENDING)
                ? PendingStatus.PENDING.number() : PendingStatus.NONE.number());
        transferIndex.put(transfer.id(), slot);
        move(transfer, pendingSlot, 1);
        return slot;
    }

    private int appendTransferSlot() {
        Check.that(transferCount < transfersMax, "transfers full transfersMax=%d", transfersMax);
        if (transferCount == transfers.length) {
            int capacity = transferCount * 2;
            transfers = Arrays.copyOf(transfers, capacity);
            amountsRequested = Arrays.copyOf(amountsRequested, capacity);
            pendingStatuses = Arrays.copyOf(pendingStatuses, capacity);
        }
        return transferCount++;
    }

    /** Undoes the most recently inserted transfer, exactly; used when a linked chain fails. */
    void removeLastTransfer(int slot, int pendingSlot) {
        Check.that(slot == transferCount - 1, "only the last transfer can be removed slot=%d count=%d",
                slot, transferCount);
        Transfer transfer = transfers[slot];
        move(transfer, pendingSlot, -1);
        transferIndex.remove(transfer.id());
        transfers[slot] = null;
        transferCount--;
    }

    /** Releases a hold that reached its timeout. */
    void expire(int pendingSlot) {
        Transfer pending = transfers[pendingSlot];
        Check.that(pendingStatuses[pendingSlot] == PendingStatus.PENDING.number(),
                "expiring a transfer that is not pending id=%s", pending.id());
        AccountRow debit = account(pending.debitAccountId());
        AccountRow credit = account(pending.creditAccountId());
        addPending(debit, credit, -pending.amount());
        pendingStatuses[pendingSlot] = (byte) PendingStatus.EXPIRED.number();
    }

    void scheduleExpiry(int slot) {
        Transfer transfer = transfers[slot];
        if (transfer.hasFlag(TransferFlags.PENDING) && transfer.timeoutSeconds() > 0) {
            expiries.add(expiresAt(transfer), slot);
        }
    }

    static long expiresAt(Transfer pending) {
        return pending.timestamp() + pending.timeoutSeconds() * NANOS_PER_SECOND;
    }

    /**
     * Moves the amounts of a transfer in (sign 1) or back out (sign -1). A post or void also releases the whole hold
     * of the pending transfer and marks it resolved (or pending again, when undone).
     */
    private void move(Transfer transfer, int pendingSlot, int sign) {
        AccountRow debit = account(transfer.debitAccountId());
        AccountRow credit = account(transfer.creditAccountId());
        Check.that(debit != null && credit != null, "transfer names unknown accounts id=%s", transfer.id());
        long amount = sign * transfer.amount();
        if (transfer.hasFlag(TransferFlags.PENDING)) {
            addPending(debit, credit, amount);
            return;
        }
        if (TransferFlags.resolvesPending(transfer.flags())) {
            Transfer pending = transfers[pendingSlot];
            Check.that(pending.id().equals(transfer.pendingId()), "pending slot mismatch id=%s", transfer.id());
            addPending(debit, credit, -sign * pending.amount());
            PendingStatus resolved = transfer.hasFlag(TransferFlags.POST_PENDING)
                    ? PendingStatus.POSTED : PendingStatus.VOIDED;
            pendingStatuses[pendingSlot] = (byte) (sign > 0 ? resolved : PendingStatus.PENDING).number();
            if (transfer.hasFlag(TransferFlags.VOID_PENDING)) {
                return;
            }
        }
        debit.debitsPosted += amount;
        credit.creditsPosted += amount;
        debit.totals.debitsPosted += amount;
        credit.totals.creditsPosted += amount;
    }

    private static void addPending(AccountRow debit, AccountRow credit, long amount) {
        debit.debitsPending += amount;
        credit.creditsPending += amount;
        debit.totals.debitsPending += amount;
        credit.totals.creditsPending += amount;
    }

    private LedgerTotals totalsOf(int ledger) {
        for (LedgerTotals ledgerTotals : totals) {
            if (ledgerTotals.ledger == ledger) {
                return ledgerTotals;
            }
        }
        LedgerTotals created = new LedgerTotals(ledger);
        totals.add(created);
        return created;
    }

    // ---- restoring from a snapshot: balances come from the accounts, so transfers move nothing ----

    void restoreAccount(Account account) {
        AccountRow row = insertAccount(account, account.timestamp());
        row.debitsPending = account.debitsPending();
        row.debitsPosted = account.debitsPosted();
        row.creditsPending = account.creditsPending();
        row.creditsPosted = account.creditsPosted();
        row.totals.debitsPending += account.debitsPending();
        row.totals.debitsPosted += account.debitsPosted();
        row.totals.creditsPending += account.creditsPending();
        row.totals.creditsPosted += account.creditsPosted();
        lastTimestamp = Math.max(lastTimestamp, account.timestamp());
    }

    void restoreTransfer(Transfer transfer, long amountRequested, PendingStatus status) {
        AccountRow debit = account(transfer.debitAccountId());
        AccountRow credit = account(transfer.creditAccountId());
        Check.that(debit != null && credit != null, "snapshot transfer names unknown accounts id=%s", transfer.id());
        int slot = appendTransferSlot();
        transfers[slot] = transfer.withOutcome(debit.id, credit.id, transfer.ledger(), transfer.amount(),
                transfer.timestamp());
        amountsRequested[slot] = amountRequested;
        pendingStatuses[slot] = (byte) status.number();
        transferIndex.put(transfer.id(), slot);
        if (status == PendingStatus.PENDING) {
            scheduleExpiry(slot);
        }
        lastTimestamp = Math.max(lastTimestamp, transfer.timestamp());
    }

    void checkTotals() {
        for (LedgerTotals ledgerTotals : totals) {
            ledgerTotals.checkBalanced();
        }
    }
}
