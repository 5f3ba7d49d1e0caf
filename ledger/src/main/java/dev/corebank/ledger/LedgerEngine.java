package dev.corebank.ledger;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ledger engine: one thread owns all state, a second makes the journal durable.
 *
 * <p>Callers on any thread submit commands and get a future. The <b>engine thread</b> drains the bounded command
 * queue, applies each write command to the in-memory state, and appends one journal entry per command to a write
 * batch. The <b>sync thread</b> seals the batch's entries (CRC, hash chain), writes them, fsyncs once for the whole
 * batch (group commit), and only then completes the futures: no result is visible before it is durable. While one
 * batch is being made durable the engine thread applies the next. Lookups go through the same queue and complete in
 * order with the writes before them, so they never show state that is not yet durable.
 *
 * <p>Back-pressure: when the command queue holds {@code queueDepthMax} commands, a submission fails at once with
 * {@link LedgerOverloadedException}; nothing is applied. An invariant violation or journal failure stops the engine:
 * every waiting future fails with {@link LedgerUnavailableException} carrying the cause.
 */
public final class LedgerEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LedgerEngine.class.getName());

    private final LedgerConfig config;
    private final LedgerMetrics metrics;
    private final StateMachine machine;
    private final BlockingQueue<Command> commands;
    private final BlockingQueue<WriteBatch> freeBatches;
    private final BlockingQueue<WriteBatch> batchesToSync;
    private final JournalWriter writer;
    private final CommittedPosition committed;
    private final RecoveryReport recovery;
    private final Thread engineThread;
    private final Thread syncThread;
    private final Object lifecycle = new Object();
    private volatile boolean accepting = true;
    private volatile Throwable failure;
    private long lastSequence;
    private final SnapshotStore snapshots;
    /** Writes the periodic snapshots from a replica; null when {@code snapshotEveryEntries} is 0. */
    private final Snapshotter snapshotter;
    private Command carried;
    /** The write batch the engine thread is filling, so that a failure can fail its futures too. */
    private WriteBatch building;

    private LedgerEngine(LedgerConfig config, LedgerMetrics metrics, boolean snapshotterThread) {
        config.validate();
        this.config = config;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        Recovery.Recovered recovered = Recovery.recover(config);
        this.recovery = recovered.report();
        this.machine = new StateMachine(recovered.state(), config.clock());
        JournalScanner.End end = recovered.end();
        this.lastSequence = end.lastSequence();
        this.writer = new JournalWriter(config.storage(), Recovery.journalDirectory(config), config.segmentBytesMax(),
                config.durability(), end.lastSegment(), end.lastSegmentBytes(), end.lastSequence(),
                end.lastChainHash());
        this.committed = new CommittedPosition(end.lastSequence());
        this.commands = new ArrayBlockingQueue<>(config.queueDepthMax());
        this.freeBatches = new ArrayBlockingQueue<>(config.writeBatchesInFlight());
        this.batchesToSync = new ArrayBlockingQueue<>(config.writeBatchesInFlight());
        for (int index = 0; index < config.writeBatchesInFlight(); index++) {
            freeBatches.add(new WriteBatch(config.writeBatchBytesMax()));
        }
        this.snapshots = new SnapshotStore(config.storage(), Recovery.snapshotDirectory(config));
        this.snapshotter = config.snapshotEveryEntries() > 0 ? new Snapshotter(config, snapshots, openReader()) : null;
        this.engineThread = new Thread(this::runEngine, "ledger-engine");
        this.syncThread = new Thread(this::runSync, "ledger-sync");
        engineThread.start();
        syncThread.start();
        if (snapshotter != null && snapshotterThread) {
            snapshotter.start();
        }
    }

    /** Recovers the state from the data directory and starts the engine. */
    public static LedgerEngine open(LedgerConfig config) {
        return new LedgerEngine(config, LedgerMetrics.NONE, true);
    }

    public static LedgerEngine open(LedgerConfig config, LedgerMetrics metrics) {
        return new LedgerEngine(config, metrics, true);
    }

    /**
     * For the deterministic simulator: an engine whose snapshotter has no thread of its own and is driven with
     * {@link #stepSnapshotter()}, so that when snapshots are written depends on the seed alone.
     */
    static LedgerEngine openWithSteppedSnapshotter(LedgerConfig config) {
        return new LedgerEngine(config, LedgerMetrics.NONE, false);
    }

    /** For the simulator: the stepped snapshotter replays everything committed and writes the snapshots due. */
    void stepSnapshotter() {
        if (snapshotter != null) {
            snapshotter.catchUp(committed.value());
        }
    }

    // ---- commands ----

    /**
     * Submits a write command; it is applied in order with every other command and journaled as one entry carrying
     * the provenance. The future completes once that entry is durable.
     *
     * @throws IllegalArgumentException for a batch over {@code batchSizeMax} items, or whose events could not fit one
     *                                  journal entry (large profiles or facts)
     */
    public CompletableFuture<BatchResult> submit(LedgerCommand command, Provenance provenance) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(provenance, "provenance");
        checkBatch(command.items());
        if (command.encodedBytesMax() > config.eventBytesMax()) {
            throw new IllegalArgumentException("command too large for one journal entry bytes="
                    + command.encodedBytesMax() + " eventBytesMax=" + config.eventBytesMax());
        }
        return submit(new Command(Kind.WRITE, command, List.of(), provenance));
    }

    public CompletableFuture<BatchResult> createAccounts(List<Account> accounts, TraceId traceId) {
        return submit(LedgerCommand.CreateAccounts.of(accounts), Provenance.ofTrace(traceId));
    }

    public CompletableFuture<BatchResult> createTransfers(List<Transfer> transfers, TraceId traceId) {
        return submit(LedgerCommand.CreateTransfers.of(transfers), Provenance.ofTrace(traceId));
    }

    /** Freezes, unfreezes or closes accounts. */
    public CompletableFuture<BatchResult> changeAccounts(List<AccountChange> changes, TraceId traceId) {
        return submit(LedgerCommand.ChangeAccounts.of(changes), Provenance.ofTrace(traceId));
    }

    /** The accounts found, in the order asked; ids not found are left out. */
    public CompletableFuture<List<Account>> lookupAccounts(List<UUID> ids) {
        return lookup(Kind.LOOKUP_ACCOUNTS, ids);
    }

    /** The accounts found with their profiles, in the order asked; ids not found are left out. */
    public CompletableFuture<List<AccountWithProfile>> lookupAccountsWithProfiles(List<UUID> ids) {
        return lookup(Kind.LOOKUP_ACCOUNTS_WITH_PROFILES, ids);
    }

    /** The transfers found, in the order asked; ids not found are left out. */
    public CompletableFuture<List<TransferState>> lookupTransfers(List<UUID> ids) {
        return lookup(Kind.LOOKUP_TRANSFERS, ids);
    }

    /** The business date as of the latest durable entry (see {@link BusinessDate}). */
    public CompletableFuture<BusinessDate> lookupBusinessDate() {
        return submit(new Command(Kind.LOOKUP_BUSINESS_DATE));
    }

    private <T> CompletableFuture<T> lookup(Kind kind, List<UUID> ids) {
        checkBatch(ids);
        return submit(new Command(kind, null, List.copyOf(ids), Provenance.NONE));
    }

    /** The SHA-256 state hash, as hex, of all state up to the latest durable entry. */
    public CompletableFuture<String> stateHash() {
        return submit(new Command(Kind.STATE_HASH));
    }

    /**
     * The state hash together with the journal position it describes, taken at one instant on the engine thread, so
     * a verifier can replay the journal up to exactly that position and compare.
     */
    public CompletableFuture<StateHash> stateHashAtPosition() {
        return submit(new Command(Kind.STATE_HASH_AT_POSITION));
    }

    /** A state hash and the journal sequence it was taken at. */
    public record StateHash(long position, String hashHex) {
    }

    /**
     * The snapshotter's state: the journal sequence its replica includes, whether it is writing a snapshot now, the
     * last snapshot it wrote (sequence and milliseconds taken), how many it wrote since the engine started, and the
     * failure that stopped it, or null.
     */
    public record SnapshotterStatus(long position, boolean writing, long lastSnapshotSequence, long lastSnapshotMillis,
                                    long snapshotsWritten, String failure) {
    }

    /** The snapshotter's state, or empty when {@code snapshotEveryEntries} is 0 (a snapshot only on a clean close). */
    public java.util.Optional<SnapshotterStatus> snapshotter() {
        return snapshotter == null ? java.util.Optional.empty() : java.util.Optional.of(snapshotter.status());
    }

    /** Writes a snapshot now; completes with its journal sequence. */
    public CompletableFuture<Long> snapshot() {
        return submit(new Command(Kind.SNAPSHOT));
    }

    private void checkBatch(List<?> items) {
        Objects.requireNonNull(items, "batch");
        if (items.size() > config.batchSizeMax()) {
            throw new IllegalArgumentException("batch too large size=" + items.size() + " batchSizeMax="
                    + config.batchSizeMax());
        }
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> submit(Command command) {
        Throwable failed = failure;
        if (failed != null || !accepting) {
            return CompletableFuture.failedFuture(new LedgerUnavailableException("ledger engine is not running",
                    failed));
        }
        if (!commands.offer(command)) {
            return CompletableFuture.failedFuture(new LedgerOverloadedException(config.queueDepthMax()));
        }
        // A stop or a failure may have begun between the check above and the offer, and then nothing would ever take
        // the command: take it back and fail it. If the engine thread already took it, the engine completes it.
        if ((failure != null || !accepting) && commands.remove(command)) {
            command.future.completeExceptionally(new LedgerUnavailableException("ledger engine is not running",
                    failure));
        }
        return (CompletableFuture<T>) command.future;
    }

    // ---- state for readers and operators ----

    /** The sequence of the latest durable journal entry. */
    public long committedPosition() {
        return committed.value();
    }

    /** Waits until the durable position reaches {@code sequence}; false on timeout. */
    public boolean awaitPosition(long sequence, long timeout, TimeUnit unit) throws InterruptedException {
        return committed.await(sequence, unit.toNanos(timeout));
    }

    /** A reader of committed entries for projections, publishers, audit and sagas; it never blocks the writer. */
    public JournalReader openReader() {
        return new JournalReader(config.storage(), Recovery.journalDirectory(config), config.entryBytesMax(), committed);
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    public LedgerConfig config() {
        return config;
    }

    /** Commands waiting for the engine thread. */
    public int queueDepth() {
        return commands.size();
    }

    /** True while the engine accepts commands and has not failed. */
    public boolean running() {
        return accepting && failure == null;
    }

    /** The failure that stopped the engine, or null. */
    public Throwable failure() {
        return failure;
    }

    // ---- the engine thread ----

    private void runEngine() {
        Command first = null;
        try {
            while (true) {
                first = carried != null ? carried : commands.poll(config.idlePollMillis(),
                        TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) {
                    expireWhileIdle();
                    continue;
                }
                if (first.kind == Kind.STOP) {
                    drainPipeline();
                    stopEngine(first);
                    return;
                }
                if (first.kind.needsQuietEngine) {
                    drainPipeline();
                    first.future.complete(switch (first.kind) {
                        case SNAPSHOT -> writeSnapshot();
                        case STATE_HASH -> currentStateHash();
                        default -> new StateHash(lastSequence, currentStateHash());
                    });
                    continue;
                }
                WriteBatch batch = freeBatches.take();
                batch.reset(lastSequence);
                building = batch;
                expire(batch);
                applyCommands(batch, first);
                // From here the batch holds the command's future, and the sync thread completes it.
                first = null;
                ship(batch);
                building = null;
            }
        } catch (InterruptedException interrupted) {
            interruptedUnlessFailed("engine thread", interrupted);
        } catch (Throwable fatal) {
            fail("engine thread stopped", fatal);
        } finally {
            if (failure != null && building != null) {
                building.failAll(new LedgerUnavailableException("ledger engine stopped", failure));
            }
            if (failure != null && first != null) {
                first.future.completeExceptionally(new LedgerUnavailableException("ledger engine stopped", failure));
            }
            // A batch shipped after fail() emptied the queue would otherwise wait for a sync thread that has stopped.
            if (failure != null) {
                for (WriteBatch shipped : batchesToSync) {
                    shipped.failAll(new LedgerUnavailableException("ledger engine stopped", failure));
                }
            }
        }
    }

    /**
     * Only {@link #fail} interrupts the engine's threads, after the failure is set; an interrupt from anywhere else
     * would leave callers waiting on a thread that is gone, so it is a failure of its own.
     */
    private void interruptedUnlessFailed(String thread, InterruptedException interrupted) {
        if (failure == null) {
            fail(thread + " interrupted", interrupted);
        }
        Thread.currentThread().interrupt();
    }

    /** Applies commands into the batch until the queue is empty, the batch is full, or a command needs a quiet engine. */
    private void applyCommands(WriteBatch batch, Command first) {
        Command command = first;
        while (command != null) {
            if (command.kind == Kind.STOP || command.kind.needsQuietEngine
                    || !batch.hasRoomForEntry(command.eventBytesMax())) {
                carried = command;
                return;
            }
            apply(batch, command);
            command = commands.poll();
        }
    }

    private void apply(WriteBatch batch, Command command) {
        switch (command.kind) {
            case LOOKUP_ACCOUNTS -> batch.complete(command.future, lookupAccountsNow(command.ids));
            case LOOKUP_ACCOUNTS_WITH_PROFILES -> batch.complete(command.future, lookupProfiledNow(command.ids));
            case LOOKUP_TRANSFERS -> batch.complete(command.future, lookupTransfersNow(command.ids));
            case LOOKUP_BUSINESS_DATE -> batch.complete(command.future, machine.state().businessDate());
            case WRITE -> applyWrite(batch, command);
            default -> throw new IllegalStateException("not a batched command kind=" + command.kind);
        }
    }

    private void applyWrite(WriteBatch batch, Command command) {
        long started = System.nanoTime();
        LedgerCommand write = command.write;
        int size = write.size();
        BatchResult result = new BatchResult(new ResultCode[size], new long[size], 0);
        int valueDay = write instanceof LedgerCommand.CreateTransfers transfers && transfers.valueDate() != null
                ? BusinessDate.epochDay(transfers.valueDate()) : machine.state().businessDay;
        batch.openEntry(command.provenance, valueDay);
        machine.beginBatch();
        switch (write) {
            case LedgerCommand.CreateAccounts open ->
                    machine.createAccounts(open.accounts(), open.profiles(), result, batch);
            case LedgerCommand.CreateTransfers transfers ->
                    machine.createTransfers(transfers.transfers(), valueDay, result, batch);
            case LedgerCommand.ChangeBusinessDate change -> machine.changeBusinessDate(change.next(), result, batch);
            case LedgerCommand.SetOverdraftLimits limits ->
                    machine.setOverdraftLimits(limits.limits(), result, batch);
            case LedgerCommand.ChangeAccounts changes -> machine.changeAccounts(changes.changes(), result, batch);
            case LedgerCommand.ChangeProfiles changes -> machine.changeProfiles(changes.changes(), result, batch);
            case LedgerCommand.RecordFacts facts -> machine.recordFacts(facts.facts(), result, batch);
        }
        machine.state().checkTotals();
        boolean journaled = batch.closeEntry(machine.state().lastTimestamp);
        batch.complete(command.future, new BatchResult(result.codes(), result.timestamps(), batch.lastSequence,
                readBackAccounts(write), readBackTransfers(write), journaled));
        metrics.batchApplied(size, System.nanoTime() - started);
        for (ResultCode code : result.codes()) {
            if (code != ResultCode.OK) {
                metrics.itemResult(code);
            }
        }
    }

    private void expire(WriteBatch batch) {
        if (machine.state().expiries.peekExpiresAt() > config.clock().nanos()) {
            return;
        }
        batch.openEntry(Provenance.NONE, machine.state().businessDay);
        machine.expireDue(batch, config.expiryBatchMax());
        machine.state().checkTotals();
        batch.closeEntry(machine.state().lastTimestamp);
    }

    private void expireWhileIdle() throws InterruptedException {
        if (machine.state().expiries.peekExpiresAt() > config.clock().nanos()) {
            return;
        }
        WriteBatch batch = freeBatches.take();
        batch.reset(lastSequence);
        expire(batch);
        ship(batch);
    }

    private void ship(WriteBatch batch) throws InterruptedException {
        lastSequence = batch.lastSequence;
        batchesToSync.put(batch);
    }

    /** The stored accounts a command with {@code readBack} named, as they are right after it. */
    private List<AccountWithProfile> readBackAccounts(LedgerCommand write) {
        return switch (write) {
            case LedgerCommand.CreateAccounts open when open.readBack() ->
                    lookupProfiledNow(open.accounts().stream().map(Account::id).toList());
            case LedgerCommand.ChangeAccounts changes when changes.readBack() ->
                    lookupProfiledNow(changes.changes().stream().map(AccountChange::accountId).toList());
            case LedgerCommand.ChangeProfiles changes when changes.readBack() ->
                    lookupProfiledNow(changes.changes().stream().map(ProfileChange::accountId).toList());
            default -> List.of();
        };
    }

    private List<TransferState> readBackTransfers(LedgerCommand write) {
        if (write instanceof LedgerCommand.CreateTransfers transfers && transfers.readBack()) {
            return lookupTransfersNow(transfers.transfers().stream().map(Transfer::id).toList());
        }
        return List.of();
    }

    private List<AccountWithProfile> lookupProfiledNow(List<UUID> ids) {
        return found(ids, machine::lookupAccountWithProfile);
    }

    private List<Account> lookupAccountsNow(List<UUID> ids) {
        return found(ids, machine::lookupAccount);
    }

    private List<TransferState> lookupTransfersNow(List<UUID> ids) {
        return found(ids, machine::lookupTransfer);
    }

    /** What a lookup finds, in the order asked, leaving out ids it does not know. */
    private static <T> List<T> found(List<UUID> ids, java.util.function.Function<UUID, T> lookup) {
        List<T> found = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            T item = lookup.apply(id);
            if (item != null) {
                found.add(item);
            }
        }
        return found;
    }

    /** Waits until the sync thread has made everything shipped so far durable. */
    private void drainPipeline() throws InterruptedException {
        while (committed.value() < lastSequence || !batchesToSync.isEmpty()
                || freeBatches.size() < config.writeBatchesInFlight()) {
            if (failure != null) {
                throw new LedgerUnavailableException("sync thread failed", failure);
            }
            committed.await(lastSequence, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** A snapshot of the engine's own state, on a quiet engine: on a clean close, or when asked. */
    private long writeSnapshot() {
        long started = System.nanoTime();
        snapshots.write(machine.state(), lastSequence, writer.chainHash());
        LOG.log(System.Logger.Level.INFO, "snapshot: written sequence=" + lastSequence + " millis="
                + (System.nanoTime() - started) / 1_000_000);
        return lastSequence;
    }

    private String currentStateHash() {
        return HexFormat.of().formatHex(StateEncoding.hash(machine.state()));
    }

    private void stopEngine(Command stop) throws InterruptedException {
        stopSnapshotter();
        if (!stop.withoutSnapshot) {
            writeSnapshot();
        }
        WriteBatch poison = freeBatches.take();
        poison.reset(-1);
        batchesToSync.put(poison);
        stop.future.complete(lastSequence);
    }

    // ---- the sync thread ----

    private void runSync() {
        List<WriteBatch> group = new ArrayList<>(config.writeBatchesInFlight());
        try {
            while (true) {
                group.clear();
                group.add(batchesToSync.take());
                batchesToSync.drainTo(group);
                boolean stop = false;
                long bytes = 0;
                int entries = 0;
                long writeStarted = System.nanoTime();
                for (WriteBatch batch : group) {
                    if (batch.lastSequence < 0) {
                        stop = true;
                        break;
                    }
                    writer.append(batch);
                    bytes += batch.position;
                    entries += batch.entries();
                }
                long syncStarted = System.nanoTime();
                writer.sync();
                long synced = System.nanoTime();
                for (WriteBatch batch : group) {
                    if (batch.lastSequence >= 0) {
                        committed.advance(batch.lastSequence);
                        batch.completeAll();
                    }
                    freeBatches.put(batch);
                }
                if (entries > 0) {
                    metrics.journalSynced(entries, bytes, syncStarted - writeStarted, synced - syncStarted);
                }
                if (stop) {
                    writer.close();
                    return;
                }
            }
        } catch (InterruptedException interrupted) {
            for (WriteBatch batch : group) {
                batch.failAll(new LedgerUnavailableException("ledger sync thread interrupted", interrupted));
            }
            interruptedUnlessFailed("sync thread", interrupted);
        } catch (Throwable fatal) {
            // Stopped before the futures fail, so a caller who sees its write fail also sees the engine stopped.
            fail("sync thread stopped", fatal);
            for (WriteBatch batch : group) {
                batch.failAll(new LedgerUnavailableException("ledger sync thread stopped", fatal));
            }
        }
    }

    private void fail(String what, Throwable cause) {
        if (failure == null) {
            failure = cause;
            LOG.log(System.Logger.Level.ERROR, "ledger engine stopped: " + what + " cause=" + cause, cause);
        }
        accepting = false;
        LedgerUnavailableException unavailable = new LedgerUnavailableException("ledger engine stopped: " + what,
                cause);
        Command waiting;
        while ((waiting = commands.poll()) != null) {
            waiting.future.completeExceptionally(unavailable);
        }
        if (carried != null) {
            carried.future.completeExceptionally(unavailable);
        }
        for (WriteBatch batch : batchesToSync) {
            batch.failAll(unavailable);
        }
        committed.wakeAll();
        engineThread.interrupt();
        syncThread.interrupt();
    }

    // ---- lifecycle ----

    /**
     * Stops accepting commands, applies everything already queued, makes it durable, writes a snapshot and closes the
     * journal. Idempotent.
     */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Stops like a crash would, for tests: applies and syncs what is queued but writes no snapshot, so the next start
     * must replay the journal.
     */
    public void closeWithoutSnapshot() {
        stop(true);
    }

    private void stop(boolean withoutSnapshot) {
        synchronized (lifecycle) {
            if (!accepting) {
                joinThreads();
                return;
            }
            accepting = false;
        }
        if (failure == null) {
            Command stop = new Command(Kind.STOP);
            stop.withoutSnapshot = withoutSnapshot;
            try {
                commands.put(stop);
                stop.future.get(60, TimeUnit.SECONDS);
            } catch (Exception stopFailure) {
                LOG.log(System.Logger.Level.WARNING, "ledger engine did not stop cleanly: " + stopFailure);
            }
        }
        joinThreads();
    }

    private void stopSnapshotter() {
        if (snapshotter != null) {
            snapshotter.stop();
        }
    }

    private void joinThreads() {
        stopSnapshotter();
        try {
            engineThread.join(TimeUnit.SECONDS.toMillis(60));
            syncThread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            writer.closeQuietly();
        }
    }

    private enum Kind {
        WRITE(false), LOOKUP_ACCOUNTS(false), LOOKUP_ACCOUNTS_WITH_PROFILES(false), LOOKUP_TRANSFERS(false),
        LOOKUP_BUSINESS_DATE(false), STATE_HASH(true), STATE_HASH_AT_POSITION(true), SNAPSHOT(true), STOP(false);

        /** Runs only after everything before it is durable, with nothing else in flight. */
        final boolean needsQuietEngine;

        Kind(boolean needsQuietEngine) {
            this.needsQuietEngine = needsQuietEngine;
        }
    }

    /**
     * One queued command and the future its caller holds: a write command with its provenance, a lookup with its
     * ids, or a control command (state hash, snapshot, stop) with neither.
     */
    private static final class Command {
        final Kind kind;
        final LedgerCommand write;
        final List<UUID> ids;
        final Provenance provenance;
        final CompletableFuture<Object> future = new CompletableFuture<>();
        /** For STOP: stop like a crash would, without a snapshot. */
        boolean withoutSnapshot;

        Command(Kind kind, LedgerCommand write, List<UUID> ids, Provenance provenance) {
            this.kind = kind;
            this.write = write;
            this.ids = ids;
            this.provenance = provenance;
        }

        Command(Kind kind) {
            this(kind, null, List.of(), Provenance.NONE);
        }

        /** The most bytes this command's events can add to a journal entry. */
        int eventBytesMax() {
            return write == null ? 0 : write.encodedBytesMax();
        }
    }
}
