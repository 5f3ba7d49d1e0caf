package dev.corebank.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * All ledger state, in memory: accounts, transfers, per-ledger totals and the expiry queue of holds.
 *
 * <p>Transfers are stored column by column in primitive arrays indexed by slot (the order they were applied), not as
 * objects: millions of stored transfers then cost the garbage collector nothing to trace, and the hot path allocates
 * nothing to store one. A {@link Transfer} is rebuilt only when someone asks for it.
 *
 * <p>This class holds the mutations that both the live state machine and journal replay use, so that the two can
 * never disagree about what an event does to a balance. Only the engine thread touches it.
 */
final class LedgerState {
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int TRANSFER_CAPACITY_MIN = 16;
    /** Restored transfers whose ids are indexed together (see {@link #restoreTransfer}). */
    private static final int RESTORE_INDEX_BATCH = 4096;

    final int accountsMax;
    final int transfersMax;
    private final IdIndex accountIndex;
    private final IdIndex transferIndex;
    private AccountRow[] accounts = new AccountRow[1024];
    private int accountCount;
    private final List<LedgerTotals> totals = new ArrayList<>();
    final ExpiryQueue expiries = new ExpiryQueue();
    long lastTimestamp;
    /** The business date new postings take, as an epoch day; {@link BusinessDate#NONE} until the bank sets one. */
    int businessDay;
    /** The date end of day is closing, or {@link BusinessDate#NONE} outside end of day. */
    int closingDay;

    // Transfer columns, indexed by slot.
    private int transferCount;
    /** Transfers below this slot have their id in the index; only a restore from a snapshot lets it lag. */
    private int indexedThrough;
    private long[] idHigh;
    private long[] idLow;
    private int[] debitSlots;
    private int[] creditSlots;
    private int[] pendingSlots;
    private long[] amounts;
    private long[] amountsRequested;
    private long[] timestamps;
    private int[] codes;
    private int[] flags;
    private int[] timeouts;
    private byte[] statuses;
    /** The business date each transfer was booked on, as an epoch day. */
    private int[] valueDays;
    /** Null where the reference is empty, which is the common case. */
    private String[] references;

    LedgerState(int accountsMax, int transfersMax, int transfersPreallocated) {
        this.accountsMax = accountsMax;
        this.transfersMax = transfersMax;
        int capacity = Math.max(TRANSFER_CAPACITY_MIN, transfersPreallocated);
        this.accountIndex = new IdIndex(1024, accountsMax);
        this.transferIndex = new IdIndex(capacity, transfersMax);
        idHigh = new long[capacity];
        idLow = new long[capacity];
        debitSlots = new int[capacity];
        creditSlots = new int[capacity];
        pendingSlots = new int[capacity];
        amounts = new long[capacity];
        amountsRequested = new long[capacity];
        timestamps = new long[capacity];
        codes = new int[capacity];
        flags = new int[capacity];
        timeouts = new int[capacity];
        statuses = new byte[capacity];
        valueDays = new int[capacity];
        references = new String[capacity];
    }

    LedgerState(LedgerConfig config) {
        this(config.accountsMax(), config.transfersMax(), config.transfersPreallocated());
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

    List<LedgerTotals> totals() {
        return totals;
    }

    // ---- transfer columns ----

    int transferSlot(UUID id) {
        return transferIndex.get(id);
    }

    long amount(int slot) {
        return amounts[slot];
    }

    long amountRequested(int slot) {
        return amountsRequested[slot];
    }

    long timestamp(int slot) {
        return timestamps[slot];
    }

    int flags(int slot) {
        return flags[slot];
    }

    int valueDay(int slot) {
        return valueDays[slot];
    }

    BusinessDate businessDate() {
        return BusinessDate.ofDays(businessDay, closingDay);
    }

    PendingStatus pendingStatus(int slot) {
        return PendingStatus.ofNumber(statuses[slot]);
    }

    // Column reads for the hot path, which compares a stored transfer in place instead of rebuilding it.

    int code(int slot) {
        return codes[slot];
    }

    int timeoutSeconds(int slot) {
        return timeouts[slot];
    }

    AccountRow debitAccount(int slot) {
        return accounts[debitSlots[slot]];
    }

    AccountRow creditAccount(int slot) {
        return accounts[creditSlots[slot]];
    }

    /** True when the transfer at the slot has this id. */
    boolean hasId(int slot, UUID id) {
        return idHigh[slot] == id.getMostSignificantBits() && idLow[slot] == id.getLeastSignificantBits();
    }

    /** True when the transfer at the slot resolves the pending transfer with this id, or resolves none and it is zero. */
    boolean hasPendingId(int slot, UUID pendingId) {
        int pendingSlot = pendingSlots[slot];
        return pendingSlot == IdIndex.ABSENT ? Ids.isZero(pendingId) : hasId(pendingSlot, pendingId);
    }

    /** True when the transfer at the slot has this reference; an empty one is stored as null. */
    boolean hasReference(int slot, String reference) {
        return references[slot] == null ? reference.isEmpty() : references[slot].equals(reference);
    }

    /** Rebuilds the stored transfer as applied: accounts and ledger resolved, the amount moved, the engine timestamp. */
    Transfer transfer(int slot) {
        AccountRow debit = accounts[debitSlots[slot]];
        AccountRow credit = accounts[creditSlots[slot]];
        int pendingSlot = pendingSlots[slot];
        UUID pendingId = pendingSlot == IdIndex.ABSENT ? Ids.ZERO
                : new UUID(idHigh[pendingSlot], idLow[pendingSlot]);
        String reference = references[slot] == null ? "" : references[slot];
        return new Transfer(new UUID(idHigh[slot], idLow[slot]), debit.id, credit.id, amounts[slot], debit.ledger,
                codes[slot], flags[slot], pendingId, timeouts[slot], reference, timestamps[slot]);
    }

    /**
     * Writes the transfer in the slot as {@link EventCodec#writeTransfer} would write {@link #transfer(int)} with
     * its amount asked, from the columns, without building it: the state hash and snapshots encode every transfer.
     */
    int encodeTransfer(int slot, byte[] buffer, int offset) {
        AccountRow debit = accounts[debitSlots[slot]];
        AccountRow credit = accounts[creditSlots[slot]];
        int pendingSlot = pendingSlots[slot];
        buffer[offset] = (byte) EventCodec.transferTag(flags[slot]);
        return EventCodec.writeTransferBody(buffer, offset + 1, idHigh[slot], idLow[slot], debit.id, credit.id,
                debit.ledger, amounts[slot], codes[slot], flags[slot], timeouts[slot], timestamps[slot],
                pendingSlot == IdIndex.ABSENT ? 0 : idHigh[pendingSlot],
                pendingSlot == IdIndex.ABSENT ? 0 : idLow[pendingSlot], amountsRequested[slot],
                references[slot] == null ? "" : references[slot]);
    }

    // ---- mutations shared by the state machine and replay ----

    AccountRow insertAccount(Account account, long timestamp, Profile profile) {
        AccountRow row = insertAccount(account, timestamp);
        row.profile = profile;
        return row;
    }

    AccountRow insertAccount(Account account, long timestamp) {
        Check.that(accountCount < accountsMax, "accounts full accountsMax=%d", accountsMax);
        if (accountCount == accounts.length) {
            accounts = Arrays.copyOf(accounts, accountCount * 2);
        }
        AccountRow row = new AccountRow(account, accountCount, timestamp, totalsOf(account.ledger()));
        accountIndex.put(row.id, accountCount);
        accounts[accountCount++] = row;
        return row;
    }

    /**
     * Stores an applied transfer and moves its amounts; returns its slot. {@code pendingSlot} is the slot of the
     * pending transfer a post or void resolves, else {@link IdIndex#ABSENT}.
     */
    int insertTransfer(UUID id, AccountRow debit, AccountRow credit, long amount, long amountRequested, int code,
                       int transferFlags, int pendingSlot, int timeoutSeconds, String reference, long timestamp,
                       int valueDay) {
        int slot = storeTransfer(id, debit, credit, amount, amountRequested, code, transferFlags, pendingSlot,
                timeoutSeconds, reference, timestamp, valueDay);
        move(slot, 1);
        return slot;
    }

    /** Stores a transfer decoded from the journal or a snapshot; {@code move} is false when balances are restored too. */
    int insertTransfer(Transfer transfer, long amountRequested, boolean move, int valueDay) {
        AccountRow debit = account(transfer.debitAccountId());
        AccountRow credit = account(transfer.creditAccountId());
        Check.that(debit != null && credit != null, "transfer names unknown accounts id=%s", transfer.id());
        int pendingSlot = IdIndex.ABSENT;
        if (TransferFlags.resolvesPending(transfer.flags())) {
            pendingSlot = transferSlot(transfer.pendingId());
            Check.that(pendingSlot != IdIndex.ABSENT, "post or void of an unknown transfer pendingId=%s",
                    transfer.pendingId());
        }
        int slot = storeTransfer(transfer.id(), debit, credit, transfer.amount(), amountRequested, transfer.code(),
                transfer.flags(), pendingSlot, transfer.timeoutSeconds(), transfer.reference(), transfer.timestamp(),
                valueDay);
        if (move) {
            move(slot, 1);
        }
        return slot;
    }

    /** Writes the transfer's columns and indexes its id; moves no money. */
    private int storeTransfer(UUID id, AccountRow debit, AccountRow credit, long amount, long amountRequested,
                              int code, int transferFlags, int pendingSlot, int timeoutSeconds, String reference,
                              long timestamp, int valueDay) {
        int slot = appendTransferSlot();
        idHigh[slot] = id.getMostSignificantBits();
        idLow[slot] = id.getLeastSignificantBits();
        debitSlots[slot] = debit.slot;
        creditSlots[slot] = credit.slot;
        pendingSlots[slot] = pendingSlot;
        amounts[slot] = amount;
        amountsRequested[slot] = amountRequested;
        timestamps[slot] = timestamp;
        codes[slot] = code;
        flags[slot] = transferFlags;
        timeouts[slot] = timeoutSeconds;
        valueDays[slot] = valueDay;
        references[slot] = reference.isEmpty() ? null : reference;
        statuses[slot] = (byte) ((transferFlags & TransferFlags.PENDING) != 0
                ? PendingStatus.PENDING.number() : PendingStatus.NONE.number());
        transferIndex.put(id, slot);
        indexedThrough = slot + 1;
        return slot;
    }

    private int appendTransferSlot() {
        Check.that(transferCount < transfersMax, "transfers full transfersMax=%d", transfersMax);
        if (transferCount == idHigh.length) {
            growTransfers(Math.min((long) transferCount * 2, transfersMax));
        }
        return transferCount++;
    }

    private void growTransfers(long capacityLong) {
        int capacity = (int) Math.max(capacityLong, transferCount + 1L);
        idHigh = Arrays.copyOf(idHigh, capacity);
        idLow = Arrays.copyOf(idLow, capacity);
        debitSlots = Arrays.copyOf(debitSlots, capacity);
        creditSlots = Arrays.copyOf(creditSlots, capacity);
        pendingSlots = Arrays.copyOf(pendingSlots, capacity);
        amounts = Arrays.copyOf(amounts, capacity);
        amountsRequested = Arrays.copyOf(amountsRequested, capacity);
        timestamps = Arrays.copyOf(timestamps, capacity);
        codes = Arrays.copyOf(codes, capacity);
        flags = Arrays.copyOf(flags, capacity);
        timeouts = Arrays.copyOf(timeouts, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
        valueDays = Arrays.copyOf(valueDays, capacity);
        references = Arrays.copyOf(references, capacity);
    }

    /** Undoes the most recently inserted transfer, exactly; used when a linked chain fails. */
    void removeLastTransfer(int slot) {
        Check.that(slot == transferCount - 1, "only the last transfer can be removed slot=%d count=%d",
                slot, transferCount);
        move(slot, -1);
        transferIndex.remove(idHigh[slot], idLow[slot]);
        references[slot] = null;
        transferCount--;
        indexedThrough = transferCount;
    }

    /** Releases a hold that reached its timeout. */
    void expire(int pendingSlot) {
        Check.that(statuses[pendingSlot] == PendingStatus.PENDING.number(),
                "expiring a transfer that is not pending slot=%d", pendingSlot);
        addPending(accounts[debitSlots[pendingSlot]], accounts[creditSlots[pendingSlot]], -amounts[pendingSlot]);
        statuses[pendingSlot] = (byte) PendingStatus.EXPIRED.number();
    }

    void scheduleExpiry(int slot) {
        if ((flags[slot] & TransferFlags.PENDING) != 0 && timeouts[slot] > 0
                && statuses[slot] == PendingStatus.PENDING.number()) {
            expiries.add(expiresAt(slot), slot);
        }
    }

    long expiresAt(int slot) {
        return timestamps[slot] + timeouts[slot] * NANOS_PER_SECOND;
    }

    /**
     * Moves the amounts of a transfer in (sign 1) or back out (sign -1). A post or void also releases the whole hold
     * of the pending transfer and marks it resolved (or pending again, when undone).
     */
    private void move(int slot, int sign) {
        AccountRow debit = accounts[debitSlots[slot]];
        AccountRow credit = accounts[creditSlots[slot]];
        int transferFlags = flags[slot];
        long amount = sign * amounts[slot];
        if ((transferFlags & TransferFlags.PENDING) != 0) {
            addPending(debit, credit, amount);
            return;
        }
        if (TransferFlags.resolvesPending(transferFlags)) {
            int pendingSlot = pendingSlots[slot];
            addPending(debit, credit, -sign * amounts[pendingSlot]);
            PendingStatus resolved = (transferFlags & TransferFlags.POST_PENDING) != 0
                    ? PendingStatus.POSTED : PendingStatus.VOIDED;
            statuses[pendingSlot] = (byte) (sign > 0 ? resolved : PendingStatus.PENDING).number();
            if ((transferFlags & TransferFlags.VOID_PENDING) != 0) {
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

    void restoreAccount(Account account, Profile profile, long overdraftLimit) {
        AccountRow row = insertAccount(account, account.timestamp(), profile);
        row.overdraftLimit = overdraftLimit;
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

    /**
     * Restores a transfer from a snapshot. Its id goes into the index in batches ({@link #indexRestoredIds}): one put
     * after another in a tight loop lets the processor overlap their cache misses in the large index table, which the
     * decoding between two puts would otherwise prevent. A post or void needs its hold's slot, so it flushes first.
     */
    void restoreTransfer(EventCodec.TransferFields transfer, PendingStatus status, int valueDay) {
        int debit = accountIndex.get(transfer.debitHigh, transfer.debitLow);
        int credit = accountIndex.get(transfer.creditHigh, transfer.creditLow);
        Check.that(debit != IdIndex.ABSENT && credit != IdIndex.ABSENT, "transfer names unknown accounts idLow=%d",
                transfer.idLow);
        int pendingSlot = IdIndex.ABSENT;
        if (TransferFlags.resolvesPending(transfer.flags)) {
            indexRestoredIds();
            pendingSlot = transferIndex.get(transfer.pendingHigh, transfer.pendingLow);
            Check.that(pendingSlot != IdIndex.ABSENT, "post or void of an unknown transfer idLow=%d",
                    transfer.idLow);
        }
        int slot = appendTransferSlot();
        idHigh[slot] = transfer.idHigh;
        idLow[slot] = transfer.idLow;
        debitSlots[slot] = debit;
        creditSlots[slot] = credit;
        pendingSlots[slot] = pendingSlot;
        amounts[slot] = transfer.amount;
        amountsRequested[slot] = transfer.amountRequested;
        timestamps[slot] = transfer.timestamp;
        codes[slot] = transfer.code;
        flags[slot] = transfer.flags;
        timeouts[slot] = transfer.timeoutSeconds;
        valueDays[slot] = valueDay;
        references[slot] = transfer.reference.isEmpty() ? null : transfer.reference;
        statuses[slot] = (byte) status.number();
        scheduleExpiry(slot);
        lastTimestamp = Math.max(lastTimestamp, transfer.timestamp);
        if (transferCount - indexedThrough >= RESTORE_INDEX_BATCH) {
            indexRestoredIds();
        }
    }

    /** Indexes the ids of the transfers restored since the last call; a restore ends with it. */
    void indexRestoredIds() {
        for (int slot = indexedThrough; slot < transferCount; slot++) {
            transferIndex.put(idHigh[slot], idLow[slot], slot);
        }
        indexedThrough = transferCount;
    }

    void checkTotals() {
        // By index: this runs after every batch, and a for-each would allocate an iterator each time.
        for (int index = 0; index < totals.size(); index++) {
            totals.get(index).checkBalanced();
        }
    }
}
