package dev.corebank.ledger;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Every limit of the engine, named, with a named default. {@link #validate()} runs at start-up and refuses a
 * configuration whose limits do not fit together.
 *
 * @param dataDirectory         where the journal and snapshots live
 * @param durability            fsync (default) or none
 * @param batchSizeMax          items per submitted batch
 * @param queueDepthMax         commands waiting for the engine thread before submissions are refused
 * @param writeBatchBytesMax    bytes of entries handed to the sync thread in one write; one fsync covers them all
 * @param writeBatchesInFlight  write batches that may wait for the sync thread while the next is being applied
 * @param segmentBytesMax       a journal segment is closed and a new one started past this size
 * @param accountsMax           accounts the engine holds in memory
 * @param transfersMax          transfers the engine holds in memory
 * @param expiryBatchMax        holds released per expiry sweep
 * @param idlePollMillis        how often an idle engine wakes to expire holds
 * @param snapshotEveryEntries  write a snapshot after this many journal entries; 0 means only on close
 * @param clock                 the engine's time source
 * @param transfersPreallocated transfer slots (columns and id index) allocated at start, so that the engine thread
 *                              never stops to grow them before this many transfers; up to transfersMax they grow by
 *                              doubling, which stops the engine for the copy
 * @param storage               the file system the journal and snapshots go through; {@link #STORAGE_DEFAULT} in
 *                              production, a fault-injecting one in tests
 */
public record LedgerConfig(
        Path dataDirectory,
        Durability durability,
        int batchSizeMax,
        int queueDepthMax,
        int writeBatchBytesMax,
        int writeBatchesInFlight,
        long segmentBytesMax,
        int accountsMax,
        int transfersMax,
        int expiryBatchMax,
        int idlePollMillis,
        long snapshotEveryEntries,
        EngineClock clock,
        int transfersPreallocated,
        Storage storage) {

    public static final int BATCH_SIZE_MAX_DEFAULT = 8189;
    public static final int QUEUE_DEPTH_MAX_DEFAULT = 8192;
    public static final int WRITE_BATCH_BYTES_MAX_DEFAULT = 8 << 20;
    public static final int WRITE_BATCHES_IN_FLIGHT_DEFAULT = 4;
    public static final long SEGMENT_BYTES_MAX_DEFAULT = 64L << 20;
    public static final int ACCOUNTS_MAX_DEFAULT = 10_000_000;
    public static final int TRANSFERS_MAX_DEFAULT = 50_000_000;
    public static final int EXPIRY_BATCH_MAX_DEFAULT = 8189;
    public static final int IDLE_POLL_MILLIS_DEFAULT = 50;
    public static final long SNAPSHOT_EVERY_ENTRIES_DEFAULT = 100_000;
    /** The most accounts, and the most transfers, one engine can index: accountsMax and transfersMax stay within it. */
    public static final int IDS_MAX = IdIndex.SIZE_LIMIT;
    /** About 30 MiB at start; a node expecting more transfers sets more, up to transfersMax. */
    public static final int TRANSFERS_PREALLOCATED_DEFAULT = 1 << 18;
    /** The local file system. */
    public static final Storage STORAGE_DEFAULT = FileStorage.INSTANCE;

    public LedgerConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(storage, "storage");
    }

    /** Every setting but the storage, which takes its default. */
    public LedgerConfig(Path dataDirectory, Durability durability, int batchSizeMax, int queueDepthMax,
                        int writeBatchBytesMax, int writeBatchesInFlight, long segmentBytesMax, int accountsMax,
                        int transfersMax, int expiryBatchMax, int idlePollMillis, long snapshotEveryEntries,
                        EngineClock clock, int transfersPreallocated) {
        this(dataDirectory, durability, batchSizeMax, queueDepthMax, writeBatchBytesMax, writeBatchesInFlight,
                segmentBytesMax, accountsMax, transfersMax, expiryBatchMax, idlePollMillis, snapshotEveryEntries,
                clock, transfersPreallocated, STORAGE_DEFAULT);
    }

    /** Every setting but the preallocation, which takes its default (capped at transfersMax). */
    public LedgerConfig(Path dataDirectory, Durability durability, int batchSizeMax, int queueDepthMax,
                        int writeBatchBytesMax, int writeBatchesInFlight, long segmentBytesMax, int accountsMax,
                        int transfersMax, int expiryBatchMax, int idlePollMillis, long snapshotEveryEntries,
                        EngineClock clock) {
        this(dataDirectory, durability, batchSizeMax, queueDepthMax, writeBatchBytesMax, writeBatchesInFlight,
                segmentBytesMax, accountsMax, transfersMax, expiryBatchMax, idlePollMillis, snapshotEveryEntries,
                clock, Math.max(1, Math.min(TRANSFERS_PREALLOCATED_DEFAULT, transfersMax)));
    }

    /** The defaults, with the data under {@code dataDirectory}. */
    public static LedgerConfig defaults(Path dataDirectory) {
        return new LedgerConfig(dataDirectory, Durability.FSYNC, BATCH_SIZE_MAX_DEFAULT, QUEUE_DEPTH_MAX_DEFAULT,
                WRITE_BATCH_BYTES_MAX_DEFAULT, WRITE_BATCHES_IN_FLIGHT_DEFAULT, SEGMENT_BYTES_MAX_DEFAULT,
                ACCOUNTS_MAX_DEFAULT, TRANSFERS_MAX_DEFAULT, EXPIRY_BATCH_MAX_DEFAULT, IDLE_POLL_MILLIS_DEFAULT,
                SNAPSHOT_EVERY_ENTRIES_DEFAULT, EngineClock.SYSTEM, TRANSFERS_PREALLOCATED_DEFAULT, STORAGE_DEFAULT);
    }

    /** The largest single journal entry: one full batch, each item at the largest event size, plus the header. */
    /** The bytes of events one entry may hold: what a command's {@link LedgerCommand#encodedBytesMax()} must fit. */
    public int eventBytesMax() {
        return entryBytesMax() - JournalFormat.ENTRY_HEADER_BYTES - Provenance.ENCODED_BYTES_MAX;
    }

    public int entryBytesMax() {
        return JournalFormat.ENTRY_HEADER_BYTES + Provenance.ENCODED_BYTES_MAX
                + Math.max(batchSizeMax, expiryBatchMax) * EventCodec.EVENT_BYTES_MAX;
    }

    public void validate() {
        positive("batchSizeMax", batchSizeMax);
        positive("queueDepthMax", queueDepthMax);
        positive("writeBatchesInFlight", writeBatchesInFlight);
        positive("accountsMax", accountsMax);
        positive("transfersMax", transfersMax);
        positive("expiryBatchMax", expiryBatchMax);
        positive("idlePollMillis", idlePollMillis);
        positive("transfersPreallocated", transfersPreallocated);
        atMost("accountsMax", accountsMax, IDS_MAX);
        atMost("transfersMax", transfersMax, IDS_MAX);
        if (transfersPreallocated > transfersMax) {
            throw new IllegalArgumentException("transfersPreallocated must not exceed transfersMax transfersPreallocated="
                    + transfersPreallocated + " transfersMax=" + transfersMax);
        }
        if (snapshotEveryEntries < 0) {
            throw new IllegalArgumentException("snapshotEveryEntries must not be negative snapshotEveryEntries="
                    + snapshotEveryEntries);
        }
        if (writeBatchBytesMax < entryBytesMax()) {
            throw new IllegalArgumentException("writeBatchBytesMax must hold the largest entry writeBatchBytesMax="
                    + writeBatchBytesMax + " entryBytesMax=" + entryBytesMax());
        }
        if (segmentBytesMax < JournalFormat.SEGMENT_HEADER_BYTES + (long) entryBytesMax()) {
            throw new IllegalArgumentException("segmentBytesMax must hold the header and the largest entry"
                    + " segmentBytesMax=" + segmentBytesMax + " entryBytesMax=" + entryBytesMax());
        }
    }

    private static void atMost(String name, long value, long max) {
        if (value > max) {
            throw new IllegalArgumentException(name + " beyond what the id index can hold " + name + "=" + value
                    + " idsMax=" + max);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive " + name + "=" + value);
        }
    }

    public LedgerConfig withDurability(Durability value) {
        return new LedgerConfig(dataDirectory, value, batchSizeMax, queueDepthMax, writeBatchBytesMax,
                writeBatchesInFlight, segmentBytesMax, accountsMax, transfersMax, expiryBatchMax, idlePollMillis,
                snapshotEveryEntries, clock, transfersPreallocated, storage);
    }

    public LedgerConfig withClock(EngineClock value) {
        return new LedgerConfig(dataDirectory, durability, batchSizeMax, queueDepthMax, writeBatchBytesMax,
                writeBatchesInFlight, segmentBytesMax, accountsMax, transfersMax, expiryBatchMax, idlePollMillis,
                snapshotEveryEntries, value, transfersPreallocated, storage);
    }

    public LedgerConfig withSegmentBytesMax(long value) {
        return new LedgerConfig(dataDirectory, durability, batchSizeMax, queueDepthMax, writeBatchBytesMax,
                writeBatchesInFlight, value, accountsMax, transfersMax, expiryBatchMax, idlePollMillis,
                snapshotEveryEntries, clock, transfersPreallocated, storage);
    }

    public LedgerConfig withSnapshotEveryEntries(long value) {
        return new LedgerConfig(dataDirectory, durability, batchSizeMax, queueDepthMax, writeBatchBytesMax,
                writeBatchesInFlight, segmentBytesMax, accountsMax, transfersMax, expiryBatchMax, idlePollMillis,
                value, clock, transfersPreallocated, storage);
    }

    /** Sets both limits; the preallocation is capped at the new transfersMax. */
    public LedgerConfig withLimits(int accountsMaxValue, int transfersMaxValue) {
        return new LedgerConfig(dataDirectory, durability, batchSizeMax, queueDepthMax, writeBatchBytesMax,
                writeBatchesInFlight, segmentBytesMax, accountsMaxValue, transfersMaxValue, expiryBatchMax,
                idlePollMillis, snapshotEveryEntries, clock, Math.min(transfersPreallocated, transfersMaxValue),
                storage);
    }

    /** Allocates this many transfer slots at start (at most transfersMax), so growth never stops the engine before. */
    public LedgerConfig withTransfersPreallocated(int value) {
        return new LedgerConfig(dataDirectory, durability, batchSizeMax, queueDepthMax, writeBatchBytesMax,
                writeBatchesInFlight, segmentBytesMax, accountsMax, transfersMax, expiryBatchMax, idlePollMillis,
                snapshotEveryEntries, clock, value, storage);
    }

    /** Sends the journal and snapshots through this storage instead of the local file system. */
    public LedgerConfig withStorage(Storage value) {
        return new LedgerConfig(dataDirectory, durability, batchSizeMax, queueDepthMax, writeBatchBytesMax,
                writeBatchesInFlight, segmentBytesMax, accountsMax, transfersMax, expiryBatchMax, idlePollMillis,
                snapshotEveryEntries, clock, transfersPreallocated, value);
    }
}
