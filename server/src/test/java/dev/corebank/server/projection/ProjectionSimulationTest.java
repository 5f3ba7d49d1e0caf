package dev.corebank.server.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.ledger.harness.Draw;
import dev.corebank.ledger.harness.SeededProperty;
import dev.corebank.ledger.harness.Trial;
import dev.corebank.server.api.ApiTestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reactors in the simulator: seeded lists of operations run the real projector (a reactor on the real runtime)
 * over a real engine and a real H2 read model, with its faults mixed in: the engine crashing and recovering from its
 * journal, the projector's runtime stopped and started again, and the database failing the projector's writes for a
 * while (every run rolls back and is retried). After every step that let the projector catch up, and at the end, the
 * read model must be exactly what the journal implies: every account's flags, balances and balance history, every
 * transfer and hold, one row per applied transfer, and the checkpoint at the journal's end.
 *
 * <p>It uses the ledger's seeded harness ({@link SeededProperty}): a failure names its seed and a shortest failing
 * list, and {@code -Dcorebank.seed=S -Dcorebank.tries=N} replays or extends a run.
 */
class ProjectionSimulationTest {
    /** Each try builds a database and an engine, so CI runs a few dozen; -Dcorebank.tries runs more. */
    private static final int TRIES = 24;
    private static final int USD = Ledgers.numericCode("USD");
    private static final int ACCOUNT_SLOTS = 6;
    private static final int TRANSFER_SLOTS = 30;

    sealed interface Operation {
    }

    record OpenAccount(int slot, boolean restricted) implements Operation {
    }

    /** A batch of transfers by slots; a kind of 1 is a hold, 2 a post and 3 a void of the hold in {@code target}. */
    record Transfers(List<Spec> specs) implements Operation {
    }

    record Spec(int kind, int idSlot, int debit, int credit, long amount, int target) {
    }

    /** The engine stops as a crash would and recovers from its journal; the projector resumes on the new engine. */
    record CrashEngine() implements Operation {
    }

    record RestartProjector() implements Operation {
    }

    /** The database refuses the projector's transfer rows (on) or takes them again (off). */
    record DatabaseFails(boolean on) implements Operation {
    }

    /** Waits until the projector holds every committed entry and compares the read model with the engine. */
    record CatchUpAndCompare() implements Operation {
    }

    /** Across a run: failed projector writes, and engine crashes while the projector was behind. */
    private static final java.util.concurrent.atomic.AtomicLong DATABASE_FAILURES =
            new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong CRASHES_BEHIND =
            new java.util.concurrent.atomic.AtomicLong();

    @Test
    void theReadModelIsWhatTheJournalImpliesThroughCrashesRestartsAndDatabaseFailures() {
        dev.corebank.ledger.harness.RunSummary summary = SeededProperty.of(
                "ProjectionSimulationTest#theReadModelIsWhatTheJournalImpliesThroughCrashesRestartsAndDatabaseFailures",
                TRIES, ProjectionSimulationTest::operations, Run::new).run();
        // Guards the generator: a run at full strength must have met both faults, or it proved nothing about them.
        if (summary.atFullStrength()) {
            assertThat(DATABASE_FAILURES.get()).as("projector writes the database refused").isPositive();
            assertThat(CRASHES_BEHIND.get()).as("engine crashes with the projector behind the journal").isPositive();
        }
    }

    private static List<Operation> operations(SplittableRandom random) {
        List<Operation> operations = new ArrayList<>();
        operations.add(new OpenAccount(0, false));
        operations.add(new OpenAccount(1, false));
        int count = Draw.between(random, 5, 40);
        for (int index = 0; index < count; index++) {
            operations.add(switch (Draw.weighted(random, 10, 55, 6, 8, 8, 13)) {
                case 0 -> new OpenAccount(Draw.between(random, 0, ACCOUNT_SLOTS - 1), random.nextBoolean());
                case 1 -> transfers(random);
                case 2 -> new CrashEngine();
                case 3 -> new RestartProjector();
                case 4 -> new DatabaseFails(random.nextBoolean());
                default -> new CatchUpAndCompare();
            });
        }
        return operations;
    }

    private static Operation transfers(SplittableRandom random) {
        int size = Draw.between(random, 1, 5);
        List<Spec> specs = new ArrayList<>(size);
        for (int index = 0; index < size; index++) {
            int debit = Draw.between(random, 0, ACCOUNT_SLOTS - 1);
            int credit = (debit + Draw.between(random, 1, ACCOUNT_SLOTS - 1)) % ACCOUNT_SLOTS;
            specs.add(new Spec(Draw.weighted(random, 60, 20, 12, 8), Draw.between(random, 0, TRANSFER_SLOTS - 1),
                    debit, credit, Draw.between(random, 1, 500), Draw.between(random, 0, TRANSFER_SLOTS - 1)));
        }
        return new Transfers(specs);
    }

    /** One try: an engine, a database and the projector between them, in a directory of its own. */
    private static final class Run implements Trial<Operation> {
        private final Path directory;
        private final ReadModelHarness harness;
        private final FailingDataSource failing;
        private final ReadModelRows rows;

        Run() {
            directory = ApiTestSupport.temporaryDirectory();
            harness = ReadModelHarness.open(ReadModelDatabase.Kind.H2, directory,
                    new TestClock(Instant.parse("2026-03-02T09:00:00Z")));
            failing = new FailingDataSource(harness.database().dataSource(), "INSERT INTO transfers");
            rows = new ReadModelRows(harness.database().jdbc());
            startProjector();
        }

        private void startProjector() {
            // Small runs, so that crashes and failures fall inside runs as well as between them.
            harness.startProjector(ReadModelHarness.runs(3, 8), failing);
        }

        @Override
        public void apply(int step, Operation operation) throws Exception {
            switch (operation) {
                case OpenAccount open -> harness.open(Account.open(accountId(open.slot()), USD,
                        AccountType.LIABILITY, 1, open.restricted() ? AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
                                : AccountFlags.NONE));
                case Transfers transfers -> harness.transfer(transfers.specs().stream().map(Run::transfer)
                        .toArray(Transfer[]::new));
                case CrashEngine crash -> {
                    if (harness.position().position() < harness.engine().committedPosition()) {
                        CRASHES_BEHIND.incrementAndGet();
                    }
                    harness.stopProjector();
                    harness.restartEngine();
                    startProjector();
                }
                case RestartProjector restart -> {
                    harness.stopProjector();
                    startProjector();
                }
                case DatabaseFails fails -> failing.failing(fails.on());
                case CatchUpAndCompare compare -> catchUpAndCompare();
            }
        }

        @Override
        public void finish(int step) throws Exception {
            catchUpAndCompare();
        }

        private void catchUpAndCompare() throws Exception {
            failing.failing(false);
            harness.awaitCaughtUp();
            rows.assertMatchesEngine(harness.engine());
            assertThat(rows.checkpoint()).as("the projector's checkpoint").isEqualTo(
                    harness.engine().committedPosition());
        }

        private static Transfer transfer(Spec spec) {
            int flags = switch (spec.kind()) {
                case 1 -> TransferFlags.PENDING;
                case 2 -> TransferFlags.POST_PENDING;
                case 3 -> TransferFlags.VOID_PENDING;
                default -> TransferFlags.NONE;
            };
            boolean resolves = spec.kind() >= 2;
            return new Transfer(new UUID(0x7F, spec.idSlot() + 1), resolves ? ZERO : accountId(spec.debit()),
                    resolves ? ZERO : accountId(spec.credit()), resolves ? 0 : spec.amount(), resolves ? 0 : USD,
                    resolves ? 0 : 1, flags, resolves ? new UUID(0x7F, spec.target() + 1) : ZERO, 0, "", 0);
        }

        @Override
        public void close() throws IOException {
            DATABASE_FAILURES.addAndGet(failing.failures());
            harness.close();
            ApiTestSupport.deleteTree(directory);
        }
    }

    private static final UUID ZERO = new UUID(0, 0);

    private static UUID accountId(int slot) {
        return new UUID(0xACC, slot + 1);
    }
}
