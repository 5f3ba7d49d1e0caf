package dev.corebank.server.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.AccountChange;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountOperation;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.PendingStatus;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.ledger.TransferState;
import dev.corebank.server.reactor.ReactorCheckpoint;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorState;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projector against a real engine and a real database. Subclasses choose the database; every test runs on each,
 * because the same SQL must behave the same on H2 and PostgreSQL.
 */
abstract class ProjectorContract {
    static final int USD = Ledgers.numericCode("USD");
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path directory;
    TestClock clock;
    ReadModelHarness harness;
    ReadModelRows rows;

    abstract ReadModelDatabase.Kind kind();

    @BeforeEach
    void openHarness() {
        clock = new TestClock(START);
        harness = ReadModelHarness.open(kind(), directory, clock);
        rows = new ReadModelRows(harness.database().jdbc());
    }

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    @Test
    void projectsAccountsTransfersAndHoldsExactlyAsTheEngineHoldsThem() throws Exception {
        harness.startProjector();
        UUID cash = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        harness.open(Account.open(cash, USD, AccountType.ASSET, 1000, AccountFlags.NONE),
                customer(alice), customer(bob));
        UUID deposit = UUID.randomUUID();
        UUID rent = UUID.randomUUID();
        TraceId trace = TraceId.ofHex("4bf92f3577b34da6a3ce929d0e0e4736");
        assertOk(harness.transfer(Transfer.of(deposit, cash, alice, 10_000, USD, 1)));
        assertOk(harness.transfer(trace, new Transfer(rent, alice, bob, 2_500, USD, 2, TransferFlags.NONE, null, 0,
                "rent march", 0)));
        UUID posted = UUID.randomUUID();
        UUID postedHold = UUID.randomUUID();
        UUID voided = UUID.randomUUID();
        UUID voidedHold = UUID.randomUUID();
        UUID expired = UUID.randomUUID();
        assertOk(harness.transfer(hold(postedHold, alice, bob, 3_000, 0), hold(voidedHold, alice, bob, 500, 0),
                hold(expired, alice, bob, 700, 1)));
        assertOk(harness.transfer(resolve(posted, postedHold, TransferFlags.POST_PENDING, 1_000),
                resolve(voided, voidedHold, TransferFlags.VOID_PENDING, 0)));
        clock.advance(Duration.ofSeconds(2));
        awaitHoldStatus(harness.engine(), expired, PendingStatus.EXPIRED);
        UUID refused = UUID.randomUUID();
        assertThat(harness.transfer(Transfer.of(refused, bob, cash, 1_000_000, USD, 3)).codes())
                .containsExactly(ResultCode.EXCEEDS_CREDITS);
        assertThat(harness.change(new AccountChange(bob, AccountOperation.FREEZE)).codes())
                .containsExactly(ResultCode.OK);

        harness.awaitCaughtUp();

        rows.assertMatchesEngine(harness.engine());
        assertThat(rows.checkpoint()).isEqualTo(harness.engine().committedPosition());
        assertThat(rows.hasTransfer(refused)).as("refused attempts stay in the journal only").isFalse();
        assertThat(rows.count("transfers")).isEqualTo(7);
        assertThat(rows.transfer(postedHold)).containsEntry("pending_status", "POSTED");
        assertThat(rows.transfer(voidedHold)).containsEntry("pending_status", "VOIDED");
        assertThat(rows.transfer(expired)).containsEntry("pending_status", "EXPIRED");
        assertThat(rows.transfer(expired).get("resolved_at")).isNotNull();
        assertThat(rows.transfer(posted)).containsEntry("kind", "POST_PENDING").containsEntry("pending_id", postedHold);
        assertThat(ReadModelRows.number(rows.transfer(posted), "amount")).isEqualTo(1_000);
        assertThat(rows.transfer(rent)).containsEntry("reference", "rent march")
                .containsEntry("trace_id", trace.toHex()).containsEntry("currency", "USD");
        assertThat(rows.transfer(deposit).get("trace_id")).isNull();
        assertThat(rows.account(bob)).containsEntry("account_type", "LIABILITY");
        assertThat(ReadModelRows.number(rows.account(bob), "flags") & AccountFlags.FROZEN).isNotZero();
        // Three posted movements (the deposit, the rent, the posted part of a hold), two lines each.
        assertThat(rows.count("balance_history")).isEqualTo(6);
        assertThat(rows.history(alice)).extracting(row -> ReadModelRows.number(row, "debit_amount"))
                .containsExactly(0L, 2_500L, 1_000L);
    }

    @Test
    void resumesAfterARestartWithNoGapAndNoDuplicate() throws Exception {
        // Small runs, so the restart falls between many transactions.
        ReactorProperties smallRuns = ReadModelHarness.runs(3, 8);
        harness.startProjector(smallRuns, harness.database().dataSource());
        List<UUID> accounts = openCustomers(5);
        moveMoneyAround(accounts, 30);
        harness.awaitCaughtUp();
        harness.stopProjector();
        long stoppedAt = rows.checkpoint();
        long transfersAtStop = rows.count("transfers");

        moveMoneyAround(accounts, 30);
        harness.restartEngine();
        moveMoneyAround(accounts, 10);
        assertThat(rows.checkpoint()).as("a stopped projector writes nothing").isEqualTo(stoppedAt);
        assertThat(rows.count("transfers")).isEqualTo(transfersAtStop);

        harness.startProjector(smallRuns, harness.database().dataSource());
        // It starts from the stored checkpoint, never below it; it may have applied runs past it by the time this
        // reads its position (the check used to ask for exactly the checkpoint, and failed on a fast machine).
        // Duplicates and gaps are what the comparison with the engine below finds.
        assertThat(harness.position().position()).as("resumes from the stored checkpoint")
                .isGreaterThanOrEqualTo(stoppedAt);
        harness.awaitCaughtUp();

        rows.assertMatchesEngine(harness.engine());
        assertThat(rows.checkpoint()).isEqualTo(harness.engine().committedPosition());
    }

    @Test
    void rollsBackAWholeRunWhenTheDatabaseFailsBeforeTheCheckpointMoves() throws Exception {
        FailingDataSource failing = new FailingDataSource(harness.database().dataSource(),
                "UPDATE projection_checkpoint");
        failing.failing(true);
        harness.startProjector(ReadModelHarness.runs(256, 4096), failing);
        List<UUID> accounts = openCustomers(3);
        moveMoneyAround(accounts, 5);

        awaitFailure(harness);
        assertThat(failing.failures()).isPositive();
        assertThat(harness.projectorStatus().state()).isEqualTo(ReactorState.FAILING);
        assertThat(harness.projectorStatus().lastFailure()).isNotNull();
        assertThat(rows.checkpoint()).isZero();
        assertThat(rows.count("accounts")).as("accounts written before the failure were rolled back").isZero();
        assertThat(rows.count("transfers")).isZero();
        assertThat(rows.count("balance_history")).isZero();
        assertThat(harness.position().position()).isZero();

        failing.failing(false);
        harness.awaitCaughtUp();
        awaitRecovered(harness);
        assertThat(harness.projectorStatus().failures()).as("every failed attempt is counted")
                .isGreaterThanOrEqualTo(failing.failures());
        rows.assertMatchesEngine(harness.engine());
    }

    /**
     * A run whose first entries another instance applied first: the rest is applied, not the whole run skipped (which
     * left a runtime's projector short of its run's end and failing for good), and nothing twice.
     */
    @Test
    void appliesTheRestOfARunWhoseStartAnotherInstanceAppliedFirst() throws Exception {
        List<UUID> accounts = openCustomers(4);
        moveMoneyAround(accounts, 6);
        List<dev.corebank.ledger.JournalEntry> entries;
        try (JournalReader reader = harness.engine().openReader()) {
            entries = reader.read(1, (int) harness.engine().committedPosition());
        }
        Projector projector = ReadModelHarness.projector(harness.database().dataSource(), new ProjectionPosition(0));
        int first = entries.size() - 3;
        // The other instance: everything but the last three entries.
        assertThat(projector.apply(ReactorCheckpoint.START, entries.subList(0, first)))
                .isEqualTo(ReactorCheckpoint.of(entries.get(first - 1)));
        // This one, still at the start, with a run that reaches past it.
        assertThat(projector.apply(ReactorCheckpoint.START, entries))
                .isEqualTo(ReactorCheckpoint.of(entries.getLast()));
        rows.assertMatchesEngine(harness.engine());
        assertThat(rows.checkpoint()).isEqualTo(harness.engine().committedPosition());
        // A run wholly applied by the other: nothing written, the stored checkpoint returned.
        assertThat(projector.apply(ReactorCheckpoint.START, entries.subList(0, first)))
                .isEqualTo(ReactorCheckpoint.of(entries.getLast()));
        rows.assertMatchesEngine(harness.engine());
    }

    @Test
    void twoProjectorsOnOneDatabaseApplyEveryEntryOnce() throws Exception {
        ReactorProperties smallRuns = ReadModelHarness.runs(4, 16);
        harness.startProjector(smallRuns, harness.database().dataSource());
        ProjectionPosition secondPosition = new ProjectionPosition(0);
        ReactorRuntime second = harness.newRuntime(smallRuns, harness.database().dataSource(), secondPosition);
        second.start();
        try {
            List<UUID> accounts = openCustomers(6);
            moveMoneyAround(accounts, 60);
            harness.awaitCaughtUp();
            assertThat(secondPosition.awaitPosition(harness.engine().committedPosition(), Duration.ofSeconds(60)))
                    .isTrue();
        } finally {
            second.stop();
        }
        rows.assertMatchesEngine(harness.engine());
        assertThat(rows.checkpoint()).isEqualTo(harness.engine().committedPosition());
    }

    @Test
    void refusesToExtendAReadModelBuiltFromAnotherJournal() throws Exception {
        harness.startProjector();
        moveMoneyAround(openCustomers(2), 3);
        harness.awaitCaughtUp();
        harness.stopProjector();
        long projected = rows.checkpoint();

        // Another journal, as long as the first, written at other times.
        TestClock otherClock = new TestClock(START.plus(Duration.ofDays(1)));
        try (LedgerEngine other = LedgerEngine.open(ReadModelHarness.engineConfig(directory.resolve("other"),
                otherClock))) {
            while (other.committedPosition() < projected) {
                other.createAccounts(List.of(customer(UUID.randomUUID())), TraceId.NONE).get(30, TimeUnit.SECONDS);
            }
            ReactorRuntime runtime = ReadModelHarness.runtime(other, ReactorProperties.defaults(),
                    harness.database().dataSource(), new ProjectionPosition(0));
            assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("taken from another journal").hasMessageContaining("reactor=projection");
        }
        // A shorter journal: the read model is ahead of it.
        try (LedgerEngine shorter = LedgerEngine.open(ReadModelHarness.engineConfig(directory.resolve("shorter"),
                clock))) {
            ReactorRuntime runtime = ReadModelHarness.runtime(shorter, ReactorProperties.defaults(),
                    harness.database().dataSource(), new ProjectionPosition(0));
            assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ahead of the journal");
        }
        assertThat(rows.checkpoint()).as("a refused start writes nothing").isEqualTo(projected);
    }

    @Test
    void matchesTheEngineAfterARandomWorkloadOfEveryKindOfEvent() throws Exception {
        // Small runs, so holds are created and resolved in different transactions as often as in the same one.
        harness.startProjector(ReadModelHarness.runs(3, 20), harness.database().dataSource());
        List<UUID> customers = openCustomers(6);
        randomWorkload(new Random(20260302), customers, 120);
        // A hold left open at the end, between two fresh customers none of the above froze or emptied.
        List<UUID> fresh = openCustomers(2);
        assertOk(harness.transfer(hold(UUID.randomUUID(), fresh.get(0), fresh.get(1), 10, 0)));
        harness.awaitCaughtUp();

        rows.assertMatchesEngine(harness.engine());
        for (String kind : List.of("SINGLE_PHASE", "PENDING", "POST_PENDING", "VOID_PENDING")) {
            assertThat(count("SELECT COUNT(*) FROM transfers WHERE kind = ?", kind)).as("transfers of kind %s", kind)
                    .isPositive();
        }
        for (String status : List.of("PENDING", "POSTED", "VOIDED", "EXPIRED")) {
            assertThat(count("SELECT COUNT(*) FROM transfers WHERE pending_status = ?", status))
                    .as("holds with status %s", status).isPositive();
        }
        assertThat(count("SELECT COUNT(*) FROM transfers WHERE code = 4 AND amount < ?", 1_000_000))
                .as("balancing transfers that moved less than they asked").isPositive();
    }

    /**
     * The damage a database may come back with from a crash (docs/RELIABILITY.md, the kill -9 soak): each start
     * checks the rows near the checkpoint, finds it, rebuilds the read model from the journal and ends equal to the
     * engine; a read model with no damage is left as it is.
     */
    @Test
    void checksTheRowsNearItsCheckpointAtEveryStartAndRebuildsAReadModelThatDisagrees() throws Exception {
        ReactorProperties smallRuns = ReadModelHarness.runs(3, 20);
        harness.startProjector(smallRuns, harness.database().dataSource());
        List<UUID> customers = openCustomers(6);
        randomWorkload(new Random(20261204), customers, 60);
        // The last entries move money between customers the workload did not freeze or empty.
        moveMoneyAround(openCustomers(2), 4);
        harness.awaitCaughtUp();
        harness.stopProjector();
        JdbcTemplate jdbc = harness.database().jdbc();
        long last = rows.checkpoint();
        assertThat(last).isEqualTo(harness.engine().committedPosition());
        long twoBefore;
        try (JournalReader reader = harness.engine().openReader()) {
            twoBefore = reader.read(last - 2, 1).getFirst().timestamp();
        }
        Map<String, Runnable> damages = new LinkedHashMap<>();
        damages.put("none", () -> {
        });
        damages.put("an account's update lost", () -> {
            UUID account = jdbc.queryForList("SELECT id FROM accounts WHERE updated_sequence = ? ORDER BY id",
                    UUID.class, last).getFirst();
            assertThat(jdbc.update("UPDATE accounts SET credits_posted = credits_posted - 1,"
                    + " updated_sequence = updated_sequence - 1 WHERE id = ?", account)).isEqualTo(1);
        });
        damages.put("rows of two entries kept, the checkpoint's move lost", () -> assertThat(jdbc.update(
                "UPDATE projection_checkpoint SET journal_sequence = ?, entry_timestamp = ?",
                last - 2, twoBefore)).isEqualTo(1));
        damages.put("a transfer row lost", () -> assertThat(jdbc.update(
                "DELETE FROM transfers WHERE journal_sequence = ?", last - 1)).isPositive());
        damages.put("a statement line lost", () -> assertThat(jdbc.update(
                "DELETE FROM balance_history WHERE journal_sequence = ?", last)).isPositive());
        damages.put("a hold's resolution lost", () -> assertThat(jdbc.update(
                "UPDATE transfers SET pending_status = 'PENDING', resolved_at = NULL WHERE pending_status = 'POSTED'"
                        + " AND id IN (SELECT pending_id FROM transfers WHERE journal_sequence = ?)", last))
                .isEqualTo(1));
        for (Map.Entry<String, Runnable> damage : damages.entrySet()) {
            damage.getValue().run();
            harness.startProjector(smallRuns, harness.database().dataSource());
            harness.awaitCaughtUp();
            assertThat(harness.projectorStatus().startRepairs()).as("repairs at the start after damage: %s",
                    damage.getKey()).isEqualTo(damage.getKey().equals("none") ? 0 : 1);
            rows.assertMatchesEngine(harness.engine());
            assertThat(rows.checkpoint()).isEqualTo(last);
            harness.stopProjector();
        }
    }

    /** Rounds of random batches of every kind of transfer, with clock moves (expiries) and freezes between them. */
    private void randomWorkload(Random random, List<UUID> customers, int rounds) throws Exception {
        List<UUID> holds = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Transfer> batch = new ArrayList<>();
            for (int item = 0; item < 1 + random.nextInt(6); item++) {
                batch.add(randomTransfer(random, customers, holds));
            }
            if (random.nextInt(5) == 0) {
                // A linked pair whose second part asks for far more than anyone has: both are refused.
                UUID from = customers.get(random.nextInt(customers.size()));
                UUID to = customers.get((customers.indexOf(from) + 1) % customers.size());
                batch.add(new Transfer(UUID.randomUUID(), from, to, 1, USD, 2, TransferFlags.LINKED, null, 0, "", 0));
                batch.add(Transfer.of(UUID.randomUUID(), from, to, 1_000_000_000, USD, 2));
            }
            harness.transfer(batch.toArray(Transfer[]::new));
            if (random.nextInt(10) == 0) {
                clock.advance(Duration.ofSeconds(3));
            }
            if (random.nextInt(15) == 0) {
                harness.change(new AccountChange(customers.get(random.nextInt(customers.size())),
                        random.nextBoolean() ? AccountOperation.FREEZE : AccountOperation.UNFREEZE));
            }
        }
    }

    private long count(String sql, Object argument) {
        return harness.database().jdbc().queryForObject(sql, Long.class, argument);
    }

    /** A posted, balancing, held, posted-hold or voided-hold transfer between random customers. */
    private static Transfer randomTransfer(Random random, List<UUID> customers, List<UUID> holds) {
        UUID from = customers.get(random.nextInt(customers.size()));
        UUID to = customers.get((customers.indexOf(from) + 1 + random.nextInt(customers.size() - 1))
                % customers.size());
        long amount = 1 + random.nextInt(5_000);
        int choice = random.nextInt(6);
        if (choice == 0 && !holds.isEmpty()) {
            UUID hold = holds.remove(random.nextInt(holds.size()));
            return resolve(UUID.randomUUID(), hold, TransferFlags.POST_PENDING, random.nextBoolean() ? 0 : 1);
        }
        if (choice == 1 && !holds.isEmpty()) {
            return resolve(UUID.randomUUID(), holds.remove(random.nextInt(holds.size())), TransferFlags.VOID_PENDING,
                    0);
        }
        if (choice == 2) {
            UUID id = UUID.randomUUID();
            holds.add(id);
            return hold(id, from, to, amount, random.nextInt(3));
        }
        if (choice == 3) {
            return new Transfer(UUID.randomUUID(), from, to, 1_000_000, USD, 4, TransferFlags.BALANCING_DEBIT, null,
                    0, "sweep", 0);
        }
        return Transfer.of(UUID.randomUUID(), from, to, amount, USD, 2);
    }

    @Test
    void catchesUpAfterTheProcessIsKilledWhileProjecting() throws Exception {
        Path crashed = directory.resolve("crashed");
        ReadModelDatabase.Address address = ReadModelDatabase.create(kind(), crashed).detach();
        long projectedBeforeKill = runAndKill(crashed, address);
        assertThat(projectedBeforeKill).as("the killed process had projected something").isPositive();

        try (ReadModelHarness restarted = ReadModelHarness.open(ReadModelDatabase.attach(address), crashed, clock)) {
            ReadModelRows afterCrash = new ReadModelRows(restarted.database().jdbc());
            long checkpoint = afterCrash.checkpoint();
            // Wherever the kill fell, the checkpoint names a whole committed run (an H2 URL without WRITE_DELAY=0
            // may even lose its last commits, which takes the checkpoint back with the rows).
            assertThat(checkpoint).isBetween(0L, restarted.engine().committedPosition());
            restarted.startProjector();
            assertThat(restarted.position().position()).isEqualTo(checkpoint);
            restarted.awaitCaughtUp();
            afterCrash.assertMatchesEngine(restarted.engine());
            assertThat(afterCrash.checkpoint()).isEqualTo(restarted.engine().committedPosition());
        }
    }

    /**
     * Runs {@link CrashingProjectionMain} until both its journal and its projection have moved well past the start,
     * then kills it with SIGKILL: no shutdown hook, no rollback, no flush. Returns the last projected position it
     * reported.
     */
    private static long runAndKill(Path crashed, ReadModelDatabase.Address address) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingProjectionMain.class.getName(), crashed.toString(), address.url(), address.user())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long projected = 0;
        try (BufferedReader output = process.inputReader()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
                if (!line.startsWith(CrashingProjectionMain.PROGRESS)) {
                    continue;
                }
                long journal = Long.parseLong(line.replaceAll(".* journal=(\\d+) .*", "$1"));
                projected = Long.parseLong(line.replaceAll(".* projected=(\\d+).*", "$1"));
                if (journal >= 200 && projected >= 50) {
                    break;
                }
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        return projected;
    }

    // ---- workload helpers ----

    static Account customer(UUID id) {
        return Account.open(id, USD, AccountType.LIABILITY, 2000, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
    }

    static Transfer hold(UUID id, UUID debit, UUID credit, long amount, int timeoutSeconds) {
        return new Transfer(id, debit, credit, amount, USD, 10, TransferFlags.PENDING, null, timeoutSeconds, "hold",
                0);
    }

    static Transfer resolve(UUID id, UUID pendingId, int flag, long amount) {
        return new Transfer(id, null, null, amount, 0, 10, flag, pendingId, 0, "", 0);
    }

    static void assertOk(BatchResult result) {
        assertThat(result.codes()).containsOnly(ResultCode.OK);
    }

    /** Opens a cash account and {@code count} customers, and funds each customer from cash. */
    List<UUID> openCustomers(int count) throws Exception {
        UUID cash = UUID.randomUUID();
        List<Account> accounts = new ArrayList<>();
        accounts.add(Account.open(cash, USD, AccountType.ASSET, 1000, AccountFlags.NONE));
        List<UUID> customers = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            UUID id = UUID.randomUUID();
            customers.add(id);
            accounts.add(customer(id));
        }
        assertOk(harness.open(accounts.toArray(Account[]::new)));
        List<Transfer> deposits = new ArrayList<>();
        for (UUID customer : customers) {
            deposits.add(Transfer.of(UUID.randomUUID(), cash, customer, 100_000, USD, 1));
        }
        assertOk(harness.transfer(deposits.toArray(Transfer[]::new)));
        return customers;
    }

    /** One journal entry per round: a transfer between two customers, a hold on another, and the hold posted. */
    void moveMoneyAround(List<UUID> customers, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            UUID from = customers.get(round % customers.size());
            UUID to = customers.get((round + 1) % customers.size());
            UUID pending = UUID.randomUUID();
            assertOk(harness.transfer(Transfer.of(UUID.randomUUID(), from, to, 10 + round, USD, 2),
                    hold(pending, to, from, 5, 0),
                    resolve(UUID.randomUUID(), pending, TransferFlags.POST_PENDING, 3)));
        }
    }

    static void awaitHoldStatus(LedgerEngine engine, UUID id, PendingStatus status) {
        org.awaitility.Awaitility.await("hold id=" + id + " reaching status=" + status)
                .atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> engine.lookupTransfers(List.of(id)).get(30, TimeUnit.SECONDS).getFirst().pendingStatus(),
                        (found) -> found == status);
    }

    static void awaitFailure(ReadModelHarness harness) throws InterruptedException {
        org.awaitility.Awaitility.await("the projector reports the failure").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> harness.projectorStatus().lastFailure() != null);
    }

    /** Waits until the projector's latest attempt succeeded: it clears its failure right after the run commits. */
    static void awaitRecovered(ReadModelHarness harness) throws InterruptedException {
        org.awaitility.Awaitility.await("the projector reports its recovery").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> harness.projectorStatus().lastFailure() == null
                        && harness.projectorStatus().state() != ReactorState.FAILING);
    }
}
