package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads submit at once. The one writer thread must keep every ledger balanced, apply exactly what it
 * acknowledged, and never acknowledge anything a restart would lose.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int BATCHES_PER_THREAD = 150;
    private static final int IN_FLIGHT_PER_THREAD = 4;
    private static final int ACCOUNTS_PER_LEDGER = 12;
    private static final long FUNDING = 1_000;
    private static final int STOP_RACE_ROUNDS = 12;
    private static final int STOP_RACE_QUEUE_DEPTH = 64;

    @TempDir
    Path data;

    /** An acknowledged single-phase transfer, as the caller saw it. */
    private record Acknowledged(UUID id, UUID debit, UUID credit, long amount) {
    }

    @Test
    void keepsEveryLedgerBalancedAndAppliesExactlyWhatItAcknowledged() throws Exception {
        try (TestLedger ledger = TestLedger.open(data)) {
            Map<Integer, List<UUID>> accounts = openAndFund(ledger);
            ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
            runSubmitters(ledger.engine(), accounts, acknowledged, () -> { });

            List<UUID> all = accounts.values().stream().flatMap(List::stream).toList();
            Map<UUID, Account> after = new HashMap<>();
            for (Account account : TestLedger.await(ledger.engine().lookupAccounts(all))) {
                after.put(account.id(), account);
            }
            assertConservation(accounts, after);
            assertBalancesAreExactlyTheAcknowledgedTransfers(accounts, after, acknowledged);
            assertThat(acknowledged).hasSizeGreaterThan(THREADS * BATCHES_PER_THREAD / 2);
        }
    }

    @Test
    void losesNoAcknowledgedTransferWhenTheProcessDiesOrStops() throws Exception {
        Path copy = data.resolve("copy-while-running");
        ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        List<Acknowledged> acknowledgedBeforeCopy = new ArrayList<>();
        ManualClock clock = new ManualClock();
        LedgerConfig config = TestLedger.config(data.resolve("live"), clock);
        Map<Integer, List<UUID>> accounts;
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            accounts = openAndFund(ledger);
            AtomicBoolean copied = new AtomicBoolean();
            runSubmitters(ledger.engine(), accounts, acknowledged, () -> {
                // Halfway, copy the journal as it is on disk this instant: what a crash would leave behind.
                if (acknowledged.size() > THREADS * BATCHES_PER_THREAD / 3 && copied.compareAndSet(false, true)) {
                    acknowledgedBeforeCopy.addAll(acknowledged);
                    copyDirectory(Recovery.journalDirectory(config), copy.resolve("journal"));
                }
            });
            assertThat(copied).isTrue();
            ledger.stopWithoutSnapshot();
        }
        try (TestLedger reopened = TestLedger.open(config, clock)) {
            assertAllFound(reopened, acknowledged);
        }
        try (TestLedger crashed = TestLedger.open(TestLedger.config(copy, new ManualClock()), new ManualClock())) {
            assertThat(acknowledgedBeforeCopy).isNotEmpty();
            assertAllFound(crashed, acknowledgedBeforeCopy);
            List<UUID> all = accounts.values().stream().flatMap(List::stream).toList();
            Map<UUID, Account> after = new HashMap<>();
            for (Account account : TestLedger.await(crashed.engine().lookupAccounts(all))) {
                after.put(account.id(), account);
            }
            assertConservation(accounts, after);
        }
    }

    @Test
    void completesEveryFutureWhenTheEngineStopsWhileThreadsAreStillSubmitting() throws Exception {
        // The race is between a submission's check that the engine runs and its offer to the queue, so it is tried
        // many times; a future that is never completed would hang its caller forever.
        int acceptedAndCompleted = 0;
        for (int round = 0; round < STOP_RACE_ROUNDS; round++) {
            LedgerConfig defaults = TestLedger.config(data.resolve("round" + round), new ManualClock());
            LedgerEngine engine = LedgerEngine.open(new LedgerConfig(defaults.dataDirectory(), defaults.durability(),
                    defaults.batchSizeMax(), STOP_RACE_QUEUE_DEPTH, defaults.writeBatchBytesMax(),
                    defaults.writeBatchesInFlight(), defaults.segmentBytesMax(), defaults.accountsMax(),
                    defaults.transfersMax(), defaults.expiryBatchMax(), defaults.idlePollMillis(),
                    defaults.snapshotEveryEntries(), defaults.clock()));
            UUID debit = TestLedger.id();
            UUID credit = TestLedger.id();
            TestLedger.await(engine.createAccounts(List.of(
                    Account.open(debit, TestLedger.USD, AccountType.ASSET, 1, 0),
                    Account.open(credit, TestLedger.USD, AccountType.ASSET, 1, 0)), TraceId.NONE));
            ConcurrentLinkedQueue<CompletableFuture<BatchResult>> queued = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> submitters = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                submitters.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        CompletableFuture<BatchResult> future = engine.createTransfers(
                                List.of(TransferBuilder.single(debit, credit, 1).build()), TraceId.NONE);
                        if (!future.isDone()) {
                            queued.add(future);
                        }
                    }
                }));
            }
            Thread.sleep(5);
            engine.close();
            Thread.sleep(5);
            stop.set(true);
            for (Thread submitter : submitters) {
                submitter.join();
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(queued.stream()
                    .map(future -> future.handle((result, failure) -> null)).toArray(CompletableFuture[]::new));
            try {
                all.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException hung) {
                long never = queued.stream().filter(future -> !future.isDone()).count();
                throw new AssertionError(never + " futures were never completed after close, round=" + round);
            }
            for (CompletableFuture<BatchResult> future : queued) {
                if (future.isCompletedExceptionally()) {
                    assertThat(future.exceptionNow()).isInstanceOf(LedgerUnavailableException.class);
                } else {
                    assertThat(future.resultNow().code(0)).isEqualTo(ResultCode.OK);
                    acceptedAndCompleted++;
                }
            }
        }
        assertThat(acceptedAndCompleted).isPositive();
    }

    private static Map<Integer, List<UUID>> openAndFund(TestLedger ledger) {
        Map<Integer, List<UUID>> accounts = new HashMap<>();
        for (int currency : List.of(TestLedger.USD, TestLedger.EUR)) {
            UUID bank = ledger.account(currency, AccountType.ASSET, 0);
            List<UUID> ids = new ArrayList<>(List.of(bank));
            for (int index = 1; index < ACCOUNTS_PER_LEDGER; index++) {
                UUID customer = ledger.account(currency, AccountType.LIABILITY,
                        index % 2 == 0 ? AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS : 0);
                assertThat(ledger.transfer(TransferBuilder.single(bank, customer, FUNDING).ledger(currency).build()))
                        .isEqualTo(ResultCode.OK);
                ids.add(customer);
            }
            accounts.put(currency, ids);
        }
        return accounts;
    }

    /** Each thread keeps a few batches in flight and records every transfer acknowledged OK. */
    private static void runSubmitters(LedgerEngine engine, Map<Integer, List<UUID>> accounts,
                                      ConcurrentLinkedQueue<Acknowledged> acknowledged, Runnable midway)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            long seed = 1_000L * thread + 17;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    submit(engine, accounts, acknowledged, new Random(seed), midway);
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    private static void submit(LedgerEngine engine, Map<Integer, List<UUID>> accounts,
                               ConcurrentLinkedQueue<Acknowledged> acknowledged, Random random, Runnable midway)
            throws Exception {
        List<CompletableFuture<BatchResult>> inFlight = new ArrayList<>();
        List<List<Transfer>> inFlightBatches = new ArrayList<>();
        for (int batch = 0; batch < BATCHES_PER_THREAD; batch++) {
            int currency = random.nextBoolean() ? TestLedger.USD : TestLedger.EUR;
            List<UUID> ids = accounts.get(currency);
            List<Transfer> transfers = new ArrayList<>();
            int size = 1 + random.nextInt(4);
            for (int item = 0; item < size; item++) {
                UUID debit = ids.get(random.nextInt(ids.size()));
                UUID credit = ids.get(random.nextInt(ids.size()));
                TransferBuilder builder = TransferBuilder.single(debit, credit, 1 + random.nextInt(400))
                        .ledger(currency);
                if (item < size - 1 && random.nextInt(4) == 0) {
                    builder.linked();
                }
                transfers.add(builder.build());
            }
            inFlight.add(engine.createTransfers(transfers, TraceId.NONE));
            inFlightBatches.add(transfers);
            if (inFlight.size() == IN_FLIGHT_PER_THREAD) {
                record(inFlight.removeFirst(), inFlightBatches.removeFirst(), acknowledged);
                midway.run();
            }
        }
        while (!inFlight.isEmpty()) {
            record(inFlight.removeFirst(), inFlightBatches.removeFirst(), acknowledged);
        }
    }

    private static void record(CompletableFuture<BatchResult> future, List<Transfer> transfers,
                               ConcurrentLinkedQueue<Acknowledged> acknowledged) throws Exception {
        BatchResult result = future.get(30, TimeUnit.SECONDS);
        for (int index = 0; index < transfers.size(); index++) {
            Transfer transfer = transfers.get(index);
            assertThat(result.code(index)).isIn(ResultCode.OK, ResultCode.EXCEEDS_CREDITS,
                    ResultCode.ACCOUNTS_MUST_BE_DIFFERENT, ResultCode.LINKED_EVENT_FAILED);
            if (result.code(index) == ResultCode.OK) {
                acknowledged.add(new Acknowledged(transfer.id(), transfer.debitAccountId(),
                        transfer.creditAccountId(), transfer.amount()));
            }
        }
    }

    private static void assertConservation(Map<Integer, List<UUID>> accounts, Map<UUID, Account> after) {
        for (List<UUID> ids : accounts.values()) {
            long debitsPosted = 0;
            long creditsPosted = 0;
            long netOfAll = 0;
            for (UUID id : ids) {
                Account account = after.get(id);
                debitsPosted += account.debitsPosted();
                creditsPosted += account.creditsPosted();
                netOfAll += account.creditsPosted() - account.debitsPosted();
                assertThat(account.debitsPending()).isZero();
                if (account.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)) {
                    assertThat(account.debitsPosted()).isLessThanOrEqualTo(account.creditsPosted());
                }
            }
            assertThat(debitsPosted).isEqualTo(creditsPosted);
            assertThat(netOfAll).as("money is neither made nor lost").isZero();
        }
    }

    private static void assertBalancesAreExactlyTheAcknowledgedTransfers(Map<Integer, List<UUID>> accounts,
            Map<UUID, Account> after, ConcurrentLinkedQueue<Acknowledged> acknowledged) {
        Map<UUID, long[]> expected = new HashMap<>();
        for (List<UUID> ids : accounts.values()) {
            UUID bank = ids.getFirst();
            for (UUID customer : ids.subList(1, ids.size())) {
                expected.computeIfAbsent(bank, id -> new long[2])[0] += FUNDING;
                expected.computeIfAbsent(customer, id -> new long[2])[1] += FUNDING;
            }
        }
        for (Acknowledged transfer : acknowledged) {
            expected.computeIfAbsent(transfer.debit(), id -> new long[2])[0] += transfer.amount();
            expected.computeIfAbsent(transfer.credit(), id -> new long[2])[1] += transfer.amount();
        }
        for (Map.Entry<UUID, long[]> account : expected.entrySet()) {
            assertThat(after.get(account.getKey())).extracting(Account::debitsPosted, Account::creditsPosted)
                    .containsExactly(account.getValue()[0], account.getValue()[1]);
        }
    }

    private static void assertAllFound(TestLedger ledger, Iterable<Acknowledged> acknowledged) {
        List<UUID> ids = new ArrayList<>();
        acknowledged.forEach(transfer -> ids.add(transfer.id()));
        for (int from = 0; from < ids.size(); from += 1_000) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 1_000));
            assertThat(TestLedger.await(ledger.engine().lookupTransfers(chunk))).hasSize(chunk.size());
        }
    }

    private static void copyDirectory(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
