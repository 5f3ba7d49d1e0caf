package dev.corebank.bench;

import dev.corebank.bench.report.Statistics;
import dev.corebank.bench.systems.Directories;
import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.Durability;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.RecoveryReport;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * {@code ./corebank bench recovery}: bounded recovery (issue 12, part 4), on the ledger engine in this process.
 *
 * <ol>
 *   <li><b>Restart to ready.</b> A journal of {@code --transfers} transfers (10,000,000; 1,000,000 with --quick) in
 *   entries of {@link #TRANSFERS_PER_ENTRY}, written with the snapshotter on at the default interval and ending one
 *   entry short of its next snapshot, which is the most a restart can have to replay. The engine is closed as a crash
 *   would leave it (no final snapshot), then opened {@link #RESTARTS} times each way: from the snapshotter's snapshot,
 *   and, as the baseline, from the journal alone (the snapshots moved aside). Ready is {@link LedgerEngine#open}
 *   returning: the engine takes commands from then on.</li>
 *   <li><b>Submit latency during a snapshot.</b> On that state, an open-loop load of single transfers at
 *   {@link #LOAD_PER_SECOND} a second, latency from each submission's planned time to its durable answer (so a stall
 *   counts in full): rounds that alternate no snapshotter (the baseline) with the snapshotter writing, and once the old
 *   way, the engine thread writing a snapshot of its own state ({@link LedgerEngine#snapshot()}).</li>
 * </ol>
 */
final class RecoveryBench {
    static final long TRANSFERS = 10_000_000;
    static final long TRANSFERS_QUICK = 1_000_000;
    static final int TRANSFERS_PER_ENTRY = 10;
    static final int ACCOUNTS = 10_000;
    static final int RESTARTS = 3;
    static final int LOAD_PER_SECOND = 2_000;
    /** Below the engine's queue depth, so that a stalled engine makes the generator wait instead of being refused. */
    static final int SUBMISSIONS_IN_FLIGHT_MAX = 4_096;
    static final int WARMUP_SECONDS = 10;
    static final int LATENCY_ROUNDS = 3;

    private final BenchOptions options;
    private final PrintStream out;

    RecoveryBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run(String commandLine) throws Exception {
        long transfers = options.quick() ? TRANSFERS_QUICK : TRANSFERS;
        // The default interval, unless the journal is too short to hold two of them (--quick): then a quarter of it.
        long entries = transfers / TRANSFERS_PER_ENTRY;
        long every = entries >= 2 * LedgerConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT
                ? LedgerConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT : entries / 4;
        Path data = Files.createTempDirectory(options.dataDirectory(), "recovery-bench-");
        LedgerConfig config = config(data, transfers, every);
        out.println(commandLine);
        out.printf(Locale.ROOT, "transfers=%,d per entry=%d snapshotEveryEntries=%,d accounts=%,d heap max=%,d MiB%n",
                transfers, TRANSFERS_PER_ENTRY, every, ACCOUNTS, Runtime.getRuntime().maxMemory() >> 20);
        UUID[] accounts = accounts();
        long written = write(config, accounts, transfers, every);

        List<Long> fromSnapshot = new ArrayList<>();
        List<Long> fromJournal = new ArrayList<>();
        List<Long> replicaReady = new ArrayList<>();
        RecoveryReport snapshotReport = null;
        RecoveryReport journalReport = null;
        Path snapshots = data.resolve("snapshots");
        Path aside = data.resolve("snapshots-aside");
        for (int round = 0; round < RESTARTS; round++) {
            long started = System.nanoTime();
            try (LedgerEngine engine = LedgerEngine.open(config)) {
                fromSnapshot.add(elapsedMillis(started));
                snapshotReport = engine.recovery();
                awaitReplica(engine);
                replicaReady.add(elapsedMillis(started));
                engine.closeWithoutSnapshot();
            }
            Files.move(snapshots, aside);
            Files.createDirectories(snapshots);
            started = System.nanoTime();
            try (LedgerEngine engine = LedgerEngine.open(config.withSnapshotEveryEntries(0))) {
                fromJournal.add(elapsedMillis(started));
                journalReport = engine.recovery();
                engine.closeWithoutSnapshot();
            }
            Directories.deleteQuietly(snapshots);
            Files.move(aside, snapshots);
        }
        out.printf(Locale.ROOT, "restart to ready, from the snapshotter's snapshot: median %,d ms (%s); snapshot at %,d,"
                        + " %,d entries replayed, %,d transfers%n", median(fromSnapshot), fromSnapshot,
                snapshotReport.snapshotSequence(), snapshotReport.entriesReplayed(), written);
        out.printf(Locale.ROOT, "the snapshotter's replica ready after the restart: median %,d ms (%s)%n",
                median(replicaReady), replicaReady);
        out.printf(Locale.ROOT, "restart to ready, from the journal alone (baseline): median %,d ms (%s); %,d entries"
                + " replayed%n", median(fromJournal), fromJournal, journalReport.entriesReplayed());
        out.printf(Locale.ROOT, "ratio journal/snapshot: %.1fx%n", (double) median(fromJournal)
                / Math.max(1, median(fromSnapshot)));

        latencies(config, accounts);
        Directories.deleteQuietly(data);
        return 0;
    }

    private static LedgerConfig config(Path data, long transfers, long every) {
        LedgerConfig defaults = LedgerConfig.defaults(data);
        int transfersMax = (int) Math.min(LedgerConfig.IDS_MAX, transfers * 2 + 1_000_000);
        return new LedgerConfig(data, Durability.FSYNC, defaults.batchSizeMax(), defaults.queueDepthMax(),
                defaults.writeBatchBytesMax(), defaults.writeBatchesInFlight(), defaults.segmentBytesMax(),
                defaults.accountsMax(), transfersMax, defaults.expiryBatchMax(), defaults.idlePollMillis(), every,
                defaults.clock()).withTransfersPreallocated((int) Math.min(transfersMax, transfers + 1_000_000));
    }

    private static UUID[] accounts() {
        UUID[] accounts = new UUID[ACCOUNTS];
        for (int index = 0; index < ACCOUNTS; index++) {
            accounts[index] = new UUID(0xB0A7L, index + 1);
        }
        return accounts;
    }

    /**
     * Opens the accounts and writes the transfers, ending one entry before a multiple of the snapshot interval, then
     * waits for the snapshotter's last snapshot and closes without a final one. Returns the transfers written.
     */
    private long write(LedgerConfig config, UUID[] accounts, long transfers, long every) throws Exception {
        long started = System.nanoTime();
        long count = 0;
        try (LedgerEngine engine = LedgerEngine.open(config)) {
            List<Account> opening = new ArrayList<>();
            for (UUID id : accounts) {
                opening.add(Account.open(id, 840, AccountType.LIABILITY, 1, 0));
                if (opening.size() == config.batchSizeMax()) {
                    expectOk(engine.createAccounts(opening, TraceId.NONE).get());
                    opening.clear();
                }
            }
            if (!opening.isEmpty()) {
                expectOk(engine.createAccounts(opening, TraceId.NONE).get());
            }
            long entries = transfers / TRANSFERS_PER_ENTRY;
            long target = Math.max(every, (engine.committedPosition() + entries) / every * every) - 1;
            List<CompletableFuture<BatchResult>> inFlight = new ArrayList<>();
            long id = 1;
            long lastProgress = System.nanoTime();
            while (engine.committedPosition() + inFlight.size() < target) {
                List<Transfer> batch = new ArrayList<>(TRANSFERS_PER_ENTRY);
                for (int index = 0; index < TRANSFERS_PER_ENTRY; index++, id++) {
                    batch.add(transfer(id, accounts, 1));
                }
                inFlight.add(engine.createTransfers(batch, TraceId.NONE));
                count += TRANSFERS_PER_ENTRY;
                if (inFlight.size() >= 256) {
                    for (CompletableFuture<BatchResult> future : inFlight) {
                        expectOk(future.get());
                    }
                    inFlight.clear();
                    if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
                        lastProgress = System.nanoTime();
                        System.err.printf(Locale.ROOT, "\rwriting: %,d transfers, entry %,d of %,d, replica at %,d",
                                count, engine.committedPosition(), target,
                                engine.snapshotter().orElseThrow().position());
                    }
                }
            }
            for (CompletableFuture<BatchResult> future : inFlight) {
                expectOk(future.get());
            }
            System.err.println();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "wrote %,d transfers in %,d entries: %.1f s, %,.0f transfers/s%n", count,
                    engine.committedPosition(), seconds, count / seconds);
            awaitReplica(engine);
            LedgerEngine.SnapshotterStatus status = engine.snapshotter().orElseThrow();
            out.printf(Locale.ROOT, "snapshotter: %d snapshots written, the last at %,d in %,d ms; caught up %.1f s"
                            + " after the last write%n", status.snapshotsWritten(), status.lastSnapshotSequence(),
                    status.lastSnapshotMillis(), (System.nanoTime() - started) / 1e9 - seconds);
            engine.closeWithoutSnapshot();
        }
        return count;
    }

    /** Waits until the snapshotter's replica has everything committed and is not writing. */
    private static void awaitReplica(LedgerEngine engine) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (true) {
            LedgerEngine.SnapshotterStatus status = engine.snapshotter().orElseThrow();
            if (status.failure() != null) {
                throw new IllegalStateException("snapshotter failed: " + status.failure());
            }
            if (status.position() >= engine.committedPosition() && !status.writing()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("snapshotter did not catch up position=" + status.position());
            }
            // Polls a status that has no notification; the benchmark's own thread is otherwise idle.
            Thread.sleep(50);
        }
    }

    /**
     * The same open-loop load on the recovered state: first once with the engine thread writing a snapshot (the old
     * way), then {@link #LATENCY_ROUNDS} rounds that alternate an engine without a snapshotter (the baseline) and one
     * whose snapshotter writes during the load, so that the machine's noise falls on both. Within a snapshotter phase
     * each latency is counted as "writing" or "not writing" by whether a snapshot was being written when it was sent.
     */
    private void latencies(LedgerConfig config, UUID[] accounts) throws Exception {
        long phaseSeconds = options.quick() ? 10 : 20;
        long perPhase = phaseSeconds * LOAD_PER_SECOND;
        AtomicLong ids = new AtomicLong(1L << 40);
        Histogram duringEngineSnapshot = histogram();
        List<Histogram> baseline = new ArrayList<>();
        List<Histogram> writing = new ArrayList<>();
        List<Histogram> notWriting = new ArrayList<>();
        // The interval makes the load cross a multiple of it about three times a phase.
        long every = Math.max(1, perPhase / 3);
        for (int round = 0; round < LATENCY_ROUNDS; round++) {
            try (LedgerEngine engine = LedgerEngine.open(config.withSnapshotEveryEntries(0))) {
                if (round == 0) {
                    load(engine, accounts, ids, (long) WARMUP_SECONDS * LOAD_PER_SECOND, histogram(), null, null,
                            null);
                    CompletableFuture<Long> engineSnapshot = new CompletableFuture<>();
                    load(engine, accounts, ids, perPhase, duringEngineSnapshot, null, engineSnapshot, null);
                    out.printf(Locale.ROOT, "engine-thread snapshot: written at %,d%n", engineSnapshot.get());
                }
                Histogram phase = histogram();
                load(engine, accounts, ids, perPhase, phase, null, null, null);
                baseline.add(phase);
                engine.closeWithoutSnapshot();
            }
            try (LedgerEngine engine = LedgerEngine.open(config.withSnapshotEveryEntries(every))) {
                awaitReplica(engine);
                long before = engine.snapshotter().orElseThrow().snapshotsWritten();
                Histogram during = histogram();
                Histogram idle = histogram();
                load(engine, accounts, ids, perPhase, during, idle, null, engine);
                writing.add(during);
                notWriting.add(idle);
                LedgerEngine.SnapshotterStatus status = engine.snapshotter().orElseThrow();
                out.printf(Locale.ROOT, "round %d: snapshotter wrote %d snapshots during the load, the last at %,d in"
                                + " %,d ms%n", round + 1, status.snapshotsWritten() - before,
                        status.lastSnapshotSequence(), status.lastSnapshotMillis());
                engine.closeWithoutSnapshot();
            }
        }
        out.printf(Locale.ROOT, "submit latency, open loop at %,d/s, single transfers, %d s phases (ms):%n",
                LOAD_PER_SECOND, phaseSeconds);
        out.println("| phase | round | samples | p50 | p99 | p99.9 | max |");
        out.println("|---|---|---|---|---|---|---|");
        for (int round = 0; round < LATENCY_ROUNDS; round++) {
            row("no snapshotter (baseline)", round + 1, baseline.get(round));
            row("snapshotter writing a snapshot", round + 1, writing.get(round));
            row("snapshotter on, not writing", round + 1, notWriting.get(round));
        }
        row("engine thread writing a snapshot (the old way)", 1, duringEngineSnapshot);
        double baselineMedian = medianPercentile(baseline, 99.9);
        double writingMedian = medianPercentile(writing, 99.9);
        out.printf(Locale.ROOT, "p99.9, median of the rounds: baseline %.2f ms, snapshotter writing %.2f ms, ratio"
                + " %.2f%n", baselineMedian, writingMedian, writingMedian / Math.max(1e-9, baselineMedian));
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    }

    private static double medianPercentile(List<Histogram> rounds, double percentile) {
        return Statistics.median(rounds.stream().map(histogram -> percentile(histogram, percentile)).toList());
    }

    /**
     * Submits {@code count} single transfers at the fixed rate; each latency goes to {@code writing} while the
     * snapshotter writes (when {@code watched} is given) and to {@code idle} otherwise. With {@code engineSnapshot},
     * the engine thread is asked for a snapshot half-way through.
     */
    private static void load(LedgerEngine engine, UUID[] accounts, AtomicLong ids, long count, Histogram writing,
                             Histogram idle, CompletableFuture<Long> engineSnapshot, LedgerEngine watched)
            throws Exception {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / LOAD_PER_SECOND;
        long start = System.nanoTime();
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(SUBMISSIONS_IN_FLIGHT_MAX);
        AtomicLong failures = new AtomicLong();
        for (long index = 0; index < count; index++) {
            long planned = start + index * intervalNanos;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (engineSnapshot != null && index == count / 2) {
                engine.snapshot().whenComplete((sequence, failure) -> {
                    if (failure != null) {
                        engineSnapshot.completeExceptionally(failure);
                    } else {
                        engineSnapshot.complete(sequence);
                    }
                });
            }
            boolean duringSnapshot = watched != null && watched.snapshotter().orElseThrow().writing();
            Histogram target = watched == null || duringSnapshot ? writing : idle;
            window.acquire();
            engine.createTransfers(List.of(transfer(ids.getAndIncrement(), accounts, 1)), TraceId.NONE)
                    .whenComplete((result, failure) -> {
                        long latency = System.nanoTime() - planned;
                        if (failure != null || result.code(0) != ResultCode.OK) {
                            failures.incrementAndGet();
                        }
                        synchronized (target) {
                            target.recordValue(Math.min(latency, target.getHighestTrackableValue()));
                        }
                        window.release();
                    });
        }
        window.acquire(SUBMISSIONS_IN_FLIGHT_MAX);
        if (failures.get() > 0) {
            throw new IllegalStateException("submissions failed count=" + failures.get());
        }
    }

    private static Transfer transfer(long id, UUID[] accounts, long amount) {
        int debit = (int) Math.floorMod(id * 31, accounts.length);
        int credit = (debit + 1 + (int) Math.floorMod(id, accounts.length - 1)) % accounts.length;
        return new Transfer(new UUID(0x7EA5L, id), accounts[debit], accounts[credit], amount, 840, 1,
                TransferFlags.NONE, new UUID(0, 0), 0, "", 0);
    }

    private static void expectOk(BatchResult result) {
        for (int index = 0; index < result.size(); index++) {
            if (result.code(index) != ResultCode.OK) {
                throw new IllegalStateException("not OK at index=" + index + " code=" + result.code(index));
            }
        }
    }

    private void row(String phase, int round, Histogram histogram) {
        out.printf(Locale.ROOT, "| %s | %d | %,d | %.2f | %.2f | %.2f | %.2f |%n", phase, round,
                histogram.getTotalCount(),
                percentile(histogram, 50), percentile(histogram, 99), percentile(histogram, 99.9),
                histogram.getMaxValue() / 1e6);
    }

    private static double percentile(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static long median(List<Long> values) {
        return Math.round(Statistics.median(values.stream().map(Long::doubleValue).toList()));
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
