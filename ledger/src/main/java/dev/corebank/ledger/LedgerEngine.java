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
    private long entriesSinceSnapshot;
    private Command carried;
    /** The write batch the engine thread is filling, so that a failure can fail its futures too. */
    private WriteBatch building;

    private LedgerEngine(LedgerConfig config, LedgerMetrics metrics) {
        config.validate();
        this.config = config;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        Recovery.Recovered recovered = Recovery.recover(config);
        this.recovery = recovered.report();
        this.machine = new StateMachine(recovered.state(), config.clock());
        JournalScanner.End end = recovered.end();
        this.lastSequence = end.lastSequence();
        this.writer = new JournalWriter(Recovery.journalDirectory(config), config.segmentBytesMax(),
                config.durability(), end.lastSegment(), end.lastSegmentBytes(), end.lastSequence(),
                end.lastChainHash());
        this.committed = new CommittedPosition(end.lastSequence());
        this.commands = new ArrayBlockingQueue<>(config.queueDepthMax());
        this.freeBatches = new ArrayBlockingQueue<>(config.writeBatchesInFlight());
        this.batchesToSync = new ArrayBlockingQueue<>(config.writeBatchesInFlight());
        for (int index = 0; index < config.writeBatchesInFlight(); index++) {
            freeBatches.add(new WriteBatch(config.writeBatchBytesMax()));
        }
        this.engineThread = new Thread(this::runEngine, "ledger-engine");
        this.syncThread = new Thread(this::runSync, "ledger-sync");
        engineThread.start();
        syncThread.start();
    }

    /** Recovers the state from the data directory and starts the engine. */
    public static LedgerEngine open(LedgerConfig config) {
        return new LedgerEngine(config, LedgerMetrics.NONE);
    }

    public static LedgerEngine open(LedgerConfig config, LedgerMetrics metrics) {
        return new LedgerEngine(config, metrics);
    }

    // ---- commands ----

    public CompletableFuture<BatchResult> createAccounts(List<Account> accounts, TraceId traceId) {
        checkBatch(accounts);
        for (Account account : accounts) {
            if (account.timestamp() != 0 || account.debitsPending() != 0 || account.debitsPosted() != 0
                    || account.creditsPending() != 0 || account.creditsPosted() != 0) {
                throw new IllegalArgumentException("an account to open must have zero balances and timestamp id="
                        + account.id());
            }
        }
        return submit(new Command(Kind.CREATE_ACCOUNTS, List.copyOf(accounts), traceId));
    }

    public CompletableFuture<BatchResult> createTransfers(List<Transfer> transfers, TraceId traceId) {
        checkBatch(transfers);
        for (Transfer transfer : transfers) {
            if (transfer.timestamp() != 0) {
                throw new IllegalArgumentException("the engine assigns timestamps; pass 0 id=" + transfer.id());
            }
        }
        return submit(new Command(Kind.CREATE_TRANSFERS, List.copyOf(transfers), traceId));
    }

    /** Freezes, unfreezes or closes accounts. */
    public CompletableFuture<BatchResult> changeAccounts(List<AccountChange> changes, TraceId traceId) {
        checkBatch(changes);
        return submit(new Command(Kind.CHANGE_ACCOUNTS, List.copyOf(changes), traceId));
    }

    /** The accounts found, in the order asked; ids not found are left out. */
    public CompletableFuture<List<Account>> lookupAccounts(List<UUID> ids) {
        checkBatch(ids);
        return submit(new Command(Kind.LOOKUP_ACCOUNTS, List.copyOf(ids), TraceId.NONE));
    }

    /** The transfers found, in the order asked; ids not found are left out. */
    public CompletableFuture<List<TransferState>> lookupTransfers(List<UUID> ids) {
        checkBatch(ids);
        return submit(new Command(Kind.LOOKUP_TRANSFERS, List.copyOf(ids), TraceId.NONE));
    }

    /** The SHA-256 state hash, as hex, of all state up to the latest durable entry. */
    public CompletableFuture<String> stateHash() {
        return submit(new Command(Kind.STATE_HASH, List.of(), TraceId.NONE));
    }

    /**
     * The state hash together with the journal position it describes, taken at one instant on the engine thread, so
     * a verifier can replay the journal up to exactly that position and compare.
     */
    public CompletableFuture<StateHash> stateHashAtPosition() {
        return submit(new Command(Kind.STATE_HASH_AT_POSITION, List.of(), TraceId.NONE));
    }

    /** A state hash and the journal sequence it was taken at. */
    public record StateHash(long position, String hashHex) {
    }

    /** Writes a snapshot now; completes with its journal sequence. */
    public CompletableFuture<Long> snapshot() {
        return submit(new Command(Kind.SNAPSHOT, List.of(), TraceId.NONE));
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
        return new JournalReader(Recovery.journalDirectory(config), config.entryBytesMax(), committed);
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
                maybeSnapshot();
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
                    || !batch.hasRoomForEntry(command.items.size())) {
                carried = command;
                return;
            }
            apply(batch, command);
            command = commands.poll();
        }
    }

    @SuppressWarnings("unchecked")
    private void apply(WriteBatch batch, Command command) {
        switch (command.kind) {
            case LOOKUP_ACCOUNTS -> batch.complete(command.future, lookupAccountsNow((List<UUID>) command.items));
            case LOOKUP_TRANSFERS -> batch.complete(command.future, lookupTransfersNow((List<UUID>) command.items));
            default -> applyWrite(batch, command);
        }
    }

    @SuppressWarnings("unchecked")
    private void applyWrite(WriteBatch batch, Command command) {
        long started = System.nanoTime();
        int size = command.items.size();
        BatchResult result = new BatchResult(new ResultCode[size], new long[size], 0);
        batch.openEntry(command.traceId);
        machine.beginBatch();
        switch (command.kind) {
            case CREATE_ACCOUNTS -> machine.createAccounts((List<Account>) command.items, result, batch);
            case CREATE_TRANSFERS -> machine.createTransfers((List<Transfer>) command.items, result, batch);
            case CHANGE_ACCOUNTS -> machine.changeAccounts((List<AccountChange>) command.items, result, batch);
            default -> throw new IllegalStateException("not a write command kind=" + command.kind);
        }
        machine.state().checkTotals();
        batch.closeEntry(machine.state().lastTimestamp);
        batch.complete(command.future, new BatchResult(result.codes(), result.timestamps(), batch.lastSequence));
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
        batch.openEntry(TraceId.NONE);
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
        entriesSinceSnapshot += batch.lastSequence - lastSequence;
        lastSequence = batch.lastSequence;
        batchesToSync.put(batch);
    }

    private List<Account> lookupAccountsNow(List<UUID> ids) {
        List<Account> found = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Account account = machine.lookupAccount(id);
            if (account != null) {
                found.add(account);
            }
        }
        return found;
    }

    private List<TransferState> lookupTransfersNow(List<UUID> ids) {
        List<TransferState> found = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            TransferState transfer = machine.lookupTransfer(id);
            if (transfer != null) {
                found.add(transfer);
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

    private void maybeSnapshot() throws InterruptedException {
        if (config.snapshotEveryEntries() > 0 && entriesSinceSnapshot >= config.snapshotEveryEntries()) {
            drainPipeline();
            writeSnapshot();
        }
    }

    private long writeSnapshot() {
        long started = System.nanoTime();
        new SnapshotStore(Recovery.snapshotDirectory(config)).write(machine.state(), lastSequence,
                writer.chainHash());
        entriesSinceSnapshot = 0;
        LOG.log(System.Logger.Level.INFO, "snapshot: written sequence=" + lastSequence + " millis="
                + (System.nanoTime() - started) / 1_000_000);
        return lastSequence;
    }

    private String currentStateHash() {
        return HexFormat.of().formatHex(StateEncoding.hash(machine.state()));
    }

    private void stopEngine(Command stop) throws InterruptedException {
        // A STOP without items is a clean close; closeWithoutSnapshot marks its STOP with one item.
        if (stop.items.isEmpty()) {
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
            for (WriteBatch batch : group) {
                batch.failAll(new LedgerUnavailableException("ledger sync thread stopped", fatal));
            }
            fail("sync thread stopped", fatal);
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
        stop(List.of());
    }

    /**
     * Stops like a crash would, for tests: applies and syncs what is queued but writes no snapshot, so the next start
     * must replay the journal.
     */
    public void closeWithoutSnapshot() {
        stop(List.of("no snapshot"));
    }

    private void stop(List<String> mode) {
        synchronized (lifecycle) {
            if (!accepting) {
                joinThreads();
                return;
            }
            accepting = false;
        }
        if (failure == null) {
            Command stop = new Command(Kind.STOP, mode, TraceId.NONE);
            try {
                commands.put(stop);
                stop.future.get(60, TimeUnit.SECONDS);
            } catch (Exception stopFailure) {
                LOG.log(System.Logger.Level.WARNING, "ledger engine did not stop cleanly: " + stopFailure);
            }
        }
        joinThreads();
    }

    private void joinThreads() {
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
        CREATE_ACCOUNTS(false), CREATE_TRANSFERS(false), CHANGE_ACCOUNTS(false), LOOKUP_ACCOUNTS(false),
        LOOKUP_TRANSFERS(false), STATE_HASH(true), STATE_HASH_AT_POSITION(true), SNAPSHOT(true), STOP(false);

        /** Runs only after everything before it is durable, with nothing else in flight. */
        final boolean needsQuietEngine;

        Kind(boolean needsQuietEngine) {
            this.needsQuietEngine = needsQuietEngine;
        }
    }

    /** One queued command and the future its caller holds. */
    private static final class Command {
        final Kind kind;
        final List<?> items;
        final TraceId traceId;
        final CompletableFuture<Object> future = new CompletableFuture<>();

        Command(Kind kind, List<?> items, TraceId traceId) {
            this.kind = kind;
            this.items = items;
            this.traceId = traceId == null ? TraceId.NONE : traceId;
        }
    }
}
