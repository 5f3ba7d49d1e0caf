package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.ledger.harness.Draw;
import dev.corebank.ledger.harness.RunSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Durability that cannot be faked: the engine runs on a {@link FaultStorage} that knows which bytes a power loss would
 * keep, and every acknowledgement is checked against them at the moment it is given. The engine must acknowledge
 * nothing before its fsync, nothing after a failed fsync, and a restart after a crash must show exactly what was
 * acknowledged.
 */
class DurabilityTest {
    private static final Path DATA = Path.of("/memory/data");
    private static final int SUBMITTERS = 8;
    private static final int TRANSFERS_PER_SUBMITTER = 60;
    private static final int IN_FLIGHT_PER_SUBMITTER = 4;
    private static final int CRASH_TRIES_DEFAULT = 6;
    private static final long FUTURE_TIMEOUT_SECONDS = 30;

    private final MemoryStorage memory = new MemoryStorage();
    private final FaultStorage storage = new FaultStorage(memory, 42);
    private final ManualClock clock = new ManualClock();
    private final LedgerConfig config = TestLedger.config(DATA, clock).withDurability(Durability.FSYNC)
            .withStorage(storage);
    private final AcknowledgementWitness witness = new AcknowledgementWitness(memory,
            Recovery.journalDirectory(config));

    @Test
    void acknowledgesNoBatchBeforeItsEntryIsDurableAcrossManyConcurrentSubmitters() throws Exception {
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            UUID debit = ledger.unrestricted();
            UUID credit = ledger.unrestricted();
            runSubmitters(ledger.engine(), debit, credit, new AtomicBoolean());

            assertThat(witness.brokenPromises()).isEmpty();
            assertThat(witness.acknowledged()).hasSize(SUBMITTERS * TRANSFERS_PER_SUBMITTER);
            // The check ran as the futures completed, not afterwards when everything had long been synced.
            assertThat(witness.checkedOnSyncThread()).isPositive();
            assertThat(storage.syncsSucceeded()).isPositive();
        }
    }

    @Test
    void acknowledgesNothingOfABatchWhoseFsyncFailedAndStopsForGood() throws Exception {
        TestLedger ledger = TestLedger.open(config, clock);
        UUID debit = ledger.unrestricted();
        UUID credit = ledger.unrestricted();
        long durableBefore = DurableJournal.lastDurableSequence(memory, Recovery.journalDirectory(config));

        storage.failNextSync();
        List<Transfer> affected = new ArrayList<>();
        List<CompletableFuture<BatchResult>> futures = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            List<Transfer> batch = List.of(TransferBuilder.single(debit, credit, 1).build());
            affected.addAll(batch);
            futures.add(witness.watch(batch, ledger.engine().createTransfers(batch, TraceId.NONE)));
        }
        for (CompletableFuture<BatchResult> future : futures) {
            assertThatThrownBy(() -> future.get(FUTURE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LedgerUnavailableException.class);
        }
        assertThat(witness.acknowledged()).isEmpty();
        assertThat(ledger.engine().running()).isFalse();
        assertThat(ledger.engine().failure()).isInstanceOf(JournalException.class)
                .hasMessageContaining("fsync of journal segment failed").hasMessageContaining("file=")
                .hasMessageContaining("offset=").hasRootCauseMessage(
                        "Input/output error (injected fsync failure) file=" + onlySegment());
        assertThat(ledger.engine().createTransfers(List.of(TransferBuilder.single(debit, credit, 1).build()),
                TraceId.NONE)).failsWithin(FUTURE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .withThrowableThat().withCauseInstanceOf(LedgerUnavailableException.class);
        ledger.close();

        // An fsync error is never retried and believed: after the failed sync no sync succeeded at all.
        List<FaultStorage.Sync> syncs = storage.syncs();
        int failed = syncs.indexOf(syncs.stream().filter(sync -> !sync.succeeded()).findFirst().orElseThrow());
        assertThat(syncs.subList(failed + 1, syncs.size())).noneMatch(FaultStorage.Sync::succeeded);
        assertThat(DurableJournal.lastDurableSequence(memory, Recovery.journalDirectory(config)))
                .isEqualTo(durableBefore);

        storage.crash();
        storage.restart();
        try (TestLedger reopened = TestLedger.open(config, clock)) {
            assertThat(reopened.lookup(debit).debitsPosted()).isZero();
            for (Transfer transfer : affected) {
                assertThat(reopened.lookupTransfer(transfer.id())).isEmpty();
            }
        }
    }

    @Test
    void stopsNamingTheFileAndOffsetWhenTheDiskIsFull() throws Exception {
        TestLedger ledger = TestLedger.open(config, clock);
        UUID debit = ledger.unrestricted();
        UUID credit = ledger.unrestricted();

        storage.failWritesWithNoSpace();
        CompletableFuture<BatchResult> future = witness.watch(List.of(), ledger.engine().createTransfers(
                List.of(TransferBuilder.single(debit, credit, 1).build()), TraceId.NONE));

        assertThat(future).failsWithin(FUTURE_TIMEOUT_SECONDS, TimeUnit.SECONDS).withThrowableThat()
                .withCauseInstanceOf(LedgerUnavailableException.class);
        assertThat(ledger.engine().running()).isFalse();
        assertThat(ledger.engine().failure()).isInstanceOf(JournalException.class)
                .hasMessageContaining("write to journal segment failed file=" + onlySegment() + " offset=")
                .hasRootCauseMessage("No space left on device (injected) file=" + onlySegment());
        ledger.close();
    }

    @Test
    void recoversEveryAcknowledgedTransferAndNothingElseAfterACrashThatLosesUnsyncedWrites() throws Exception {
        RunSettings settings = RunSettings.fromSystemProperties(0x5107A6EL, CRASH_TRIES_DEFAULT);
        SplittableRandom seeds = new SplittableRandom(settings.baseSeed());
        for (int attempt = 0; attempt < settings.tries(); attempt++) {
            long seed = attempt == 0 ? settings.baseSeed() : seeds.nextLong();
            try {
                crashAndRecover(new SplittableRandom(seed));
            } catch (AssertionError | Exception failure) {
                throw new AssertionError("crash try failed seed=" + seed + " try=" + attempt + "; replay with"
                        + " -Dtest=DurabilityTest -D" + RunSettings.SEED_PROPERTY + "=" + seed, failure);
            }
        }
    }

    /** One try: submit from many threads, crash after a drawn number of acknowledgements, recover and compare. */
    private static void crashAndRecover(SplittableRandom random) throws Exception {
        MemoryStorage memory = new MemoryStorage();
        FaultStorage storage = new FaultStorage(memory, random.nextLong());
        ManualClock clock = new ManualClock();
        LedgerConfig config = TestLedger.config(DATA, clock).withDurability(Durability.FSYNC).withStorage(storage);
        AcknowledgementWitness witness = new AcknowledgementWitness(memory, Recovery.journalDirectory(config));
        int crashAfterAcknowledged = Draw.between(random, 1, SUBMITTERS * TRANSFERS_PER_SUBMITTER / 2);
        boolean tear = Draw.percent(random, 50);
        int tornBytesDraw = random.nextInt(Integer.MAX_VALUE);

        TestLedger ledger = TestLedger.open(config, clock);
        UUID debit = ledger.unrestricted();
        UUID credit = ledger.unrestricted();
        AtomicBoolean crashed = new AtomicBoolean();
        List<Transfer> submitted = new Run(witness).submitUntilCrash(ledger.engine(), debit,
                credit, () -> {
                    if (witness.acknowledged().size() >= crashAfterAcknowledged && crashed.compareAndSet(false,
                            true)) {
                        if (tear) {
                            storage.crashTearingLastWrite(tornBytesDraw % Math.max(1, storage.lastWriteLength()));
                        } else {
                            storage.crash();
                        }
                    }
                    return crashed.get();
                });
        ledger.close();
        storage.restart();

        assertThat(witness.brokenPromises()).isEmpty();
        Set<UUID> acknowledged = new HashSet<>(witness.acknowledged());
        try (TestLedger reopened = TestLedger.open(config, clock)) {
            Set<UUID> recovered = new HashSet<>();
            for (Transfer transfer : submitted) {
                reopened.lookupTransfer(transfer.id()).ifPresent(found -> recovered.add(found.transfer().id()));
            }
            assertThat(recovered).containsAll(acknowledged);
            // Nothing is invented: the debit account moved by exactly the transfers found among those submitted.
            // Some of them may be unacknowledged, and that is allowed: the power can fail after an fsync returned and
            // before the futures completed, and a write torn at a byte keeps the whole entries before the cut. A
            // client's retry with the same id then finds its transfer.
            assertThat(reopened.lookup(debit).debitsPosted()).isEqualTo(recovered.size());
        }
    }

    private void runSubmitters(LedgerEngine engine, UUID debit, UUID credit, AtomicBoolean stop) throws Exception {
        new Run(witness).submitUntilCrash(engine, debit, credit, stop::get);
    }

    private Path onlySegment() {
        return Recovery.journalDirectory(config).resolve(JournalFormat.segmentName(1));
    }

    /** Submitter threads, each keeping a few single-transfer batches in flight. */
    private static final class Run {
        private final AcknowledgementWitness runWitness;

        Run(AcknowledgementWitness runWitness) {
            this.runWitness = runWitness;
        }

        /** Runs every submitter to the end or until {@code crashed} says so; returns every transfer submitted. */
        List<Transfer> submitUntilCrash(LedgerEngine engine, UUID debit, UUID credit,
                                        java.util.function.BooleanSupplier crashed) throws Exception {
            List<Transfer> submitted = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int submitter = 0; submitter < SUBMITTERS; submitter++) {
                threads.add(Thread.ofPlatform().name("submitter-" + submitter).start(() ->
                        submit(engine, debit, credit, crashed, submitted)));
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(FUTURE_TIMEOUT_SECONDS * 2));
                assertThat(thread.isAlive()).as("submitter finished").isFalse();
            }
            return submitted;
        }

        private void submit(LedgerEngine engine, UUID debit, UUID credit, java.util.function.BooleanSupplier crashed,
                            List<Transfer> submitted) {
            List<CompletableFuture<BatchResult>> inFlight = new ArrayList<>();
            for (int index = 0; index < TRANSFERS_PER_SUBMITTER && !crashed.getAsBoolean(); index++) {
                List<Transfer> batch = List.of(TransferBuilder.single(debit, credit, 1).build());
                submitted.addAll(batch);
                inFlight.add(runWitness.watch(batch, engine.createTransfers(batch, TraceId.NONE)));
                if (inFlight.size() == IN_FLIGHT_PER_SUBMITTER) {
                    awaitQuietly(inFlight.removeFirst());
                }
            }
            inFlight.forEach(DurabilityTest::awaitQuietly);
        }
    }

    /** Waits for a future whose failure the witness has already counted. */
    private static void awaitQuietly(CompletableFuture<BatchResult> future) {
        try {
            future.get(FUTURE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException counted) {
            // The witness saw the failure; after a crash every pending write fails.
        } catch (InterruptedException | java.util.concurrent.TimeoutException stuck) {
            throw new AssertionError("a write future never completed", stuck);
        }
    }
}
