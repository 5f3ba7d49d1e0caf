package dev.corebank.server.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Durability;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.projection.ReadModelDatabase;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reactor runtime against a real engine and a real checkpoint database, with counting test reactors. */
class ReactorRuntimeTest {
    static final int USD = Ledgers.numericCode("USD");
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Small runs and short waits, so tests cross run boundaries and back off quickly. */
    static final ReactorProperties FAST = ReactorProperties.defaults().withRunLimits(4, 64).withWaits(20, 20, 100)
            .withDeadLetterAttemptsMax(3);

    @TempDir
    Path directory;
    LedgerEngine engine;
    ReadModelDatabase database;
    ReactorRuntime runtime;

    @BeforeEach
    void open() {
        engine = LedgerEngine.open(engineConfig(directory));
        database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory);
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.stop();
        }
        engine.close();
        database.close();
    }

    static LedgerConfig engineConfig(Path directory) {
        return LedgerConfig.defaults(directory.resolve("ledger")).withDurability(Durability.NONE)
                .withLimits(100_000, 1_000_000);
    }

    @Test
    void resumesAfterARestartWithNothingLostAndNothingAppliedTwice() throws Exception {
        CountingReactor counting = new CountingReactor("counting", FailurePolicy.STOP);
        runtime = start(counting);
        append(engine, 10);
        awaitPosition("counting", 10);
        runtime.stop();
        append(engine, 10);
        assertThat(counting.applied).as("a stopped runtime applies nothing").hasSize(10);
        assertThat(new ReactorCheckpoints(database.jdbc()).load("counting").sequence()).isEqualTo(10);

        runtime = start(counting);
        awaitPosition("counting", 20);

        assertThat(LongStream.rangeClosed(1, 20).map(counting::applications)).containsOnly(1L);
        assertThat(new ReactorCheckpoints(database.jdbc()).load("counting").sequence()).isEqualTo(20);
    }

    @Test
    void resumesAfterTheProcessIsKilledWithEveryEntryAppliedOnce() throws Exception {
        Path crashed = directory.resolve("crashed");
        ReadModelDatabase.Address address = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, crashed).detach();
        Path effects = crashed.resolve("applied.txt");
        runAndKill(crashed, address, effects);

        try (LedgerEngine restarted = LedgerEngine.open(engineConfig(crashed));
             ReadModelDatabase attached = ReadModelDatabase.attach(address)) {
            long checkpoint = new ReactorCheckpoints(attached.jdbc()).load(AppendingReactor.NAME).sequence();
            AppendingReactor reactor = new AppendingReactor(effects);
            assertThat(checkpoint).as("the killed process had checkpointed something").isPositive();
            assertThat(reactor.lastWritten()).as("an effect is written before its checkpoint")
                    .isGreaterThanOrEqualTo(checkpoint);
            ReactorRuntime again = new ReactorRuntime(restarted, List.of(reactor), attached.jdbc(), FAST,
                    Clock.systemUTC());
            again.start();
            long committed;
            try {
                append(restarted, 5);
                committed = restarted.committedPosition();
                await().atMost(WAIT).until(() -> again.status(AppendingReactor.NAME).orElseThrow().position()
                        >= committed);
            } finally {
                again.stop();
            }
            assertThat(AppendingReactor.lines(effects)).as("every entry applied once, in order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, committed).boxed().toList());
        }
    }

    /** Runs {@link CrashingReactorMain} until its reactor has applied well past the start, then kills it (SIGKILL). */
    private static void runAndKill(Path crashed, ReadModelDatabase.Address address, Path effects) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingReactorMain.class.getName(), crashed.toString(), address.url(), address.user(),
                effects.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader output = process.inputReader()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith(CrashingReactorMain.PROGRESS)
                        && Long.parseLong(line.replaceAll(".* applied=(\\d+).*", "$1")) >= 50) {
                    break;
                }
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void pausingRaisesTheLagAndResumingCatchesUp() throws Exception {
        CountingReactor counting = startCaughtUp(3);

        runtime.pause("counting");
        await().atMost(WAIT).until(() -> status("counting").state() == ReactorState.PAUSED);
        append(engine, 5);
        await().atMost(WAIT).until(() -> status("counting").lagEntries() == 5 && status("counting").lagSeconds() > 0);
        assertThat(status("counting").position()).isEqualTo(3);
        assertThat(counting.applied).hasSize(3);

        runtime.resume("counting");
        awaitPosition("counting", 8);
        await().atMost(WAIT).until(() -> status("counting").state() == ReactorState.CAUGHT_UP);
        assertThat(status("counting").lagEntries()).isZero();
        assertThat(status("counting").lagSeconds()).isZero();
        assertThat(LongStream.rangeClosed(1, 8).map(counting::applications)).containsOnly(1L);
    }

    @Test
    void aFailingStopReactorBacksOffAndRetriesTheSameRunUntilItSucceeds() throws Exception {
        CountingReactor counting = new CountingReactor("counting", FailurePolicy.STOP);
        counting.failOn(sequence -> sequence == 3, 4);
        runtime = start(counting);
        long startedNanos = System.nanoTime();
        append(engine, 5);

        await().atMost(WAIT).until(() -> status("counting").state() == ReactorState.FAILING);
        assertThat(status("counting").lastFailure()).contains("told to fail");
        awaitPosition("counting", 5);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);

        // Four failures, four pauses doubling from the minimum: 20 + 40 + 80 + 100 (the maximum) milliseconds at least.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(240);
        assertThat(status("counting").failures()).isEqualTo(4);
        assertThat(counting.failedRuns).allSatisfy(run -> assertThat(run).contains(3L));
        assertThat(LongStream.rangeClosed(1, 5).map(counting::applications)).as("nothing skipped, nothing twice")
                .containsOnly(1L);
        await().atMost(WAIT).until(() -> status("counting").lastFailure() == null);
        assertThat(status("counting").deadLetters()).isZero();
    }

    @Test
    void aDeadLetterReactorMovesTheFailingEntryOnAfterItsBoundedTries() throws Exception {
        CountingReactor lettered = new CountingReactor("lettered", FailurePolicy.DEAD_LETTER);
        lettered.failOn(sequence -> sequence == 3, Integer.MAX_VALUE);
        runtime = start(lettered);
        append(engine, 6);

        awaitPosition("lettered", 6);

        assertThat(lettered.deadLetters).containsExactly(3L);
        assertThat(lettered.failedRuns.stream().filter(run -> run.equals(List.of(3L))))
                .as("tries of the failing entry alone").hasSize(FAST.deadLetterAttemptsMax());
        assertThat(lettered.applications(3)).isZero();
        assertThat(LongStream.of(1, 2, 4, 5, 6).map(lettered::applications)).containsOnly(1L);
        assertThat(status("lettered").deadLetters()).isEqualTo(1);
        assertThat(new ReactorCheckpoints(database.jdbc()).load("lettered").sequence()).isEqualTo(6);
    }

    @Test
    void refusesACheckpointTakenFromAnotherJournal() throws Exception {
        CountingReactor counting = startCaughtUp(3);
        runtime.stop();

        // Another journal as long as this one, written at other times.
        try (LedgerEngine other = LedgerEngine.open(engineConfig(directory.resolve("other")))) {
            append(other, 3);
            ReactorRuntime refused = new ReactorRuntime(other, List.of(counting), database.jdbc(), FAST,
                    Clock.systemUTC());
            assertThatThrownBy(refused::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("taken from another journal").hasMessageContaining("reactor=counting")
                    .hasMessageContaining("checkpoint=3");
            assertThat(refused.isRunning()).isFalse();
        }
        // A shorter journal: the checkpoint is ahead of it.
        try (LedgerEngine shorter = LedgerEngine.open(engineConfig(directory.resolve("shorter")))) {
            ReactorRuntime refused = new ReactorRuntime(shorter, List.of(counting), database.jdbc(), FAST,
                    Clock.systemUTC());
            assertThatThrownBy(refused::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ahead of the journal").hasMessageContaining("journalPosition=0");
        }
        assertThat(new ReactorCheckpoints(database.jdbc()).load("counting").sequence())
                .as("a refused start moves no checkpoint").isEqualTo(3);
    }

    @Test
    void rewindAppliesTheJournalAgainFromThePosition() throws Exception {
        CountingReactor counting = startCaughtUp(6);

        ReactorStatus rewound = runtime.rewind("counting", 2);

        assertThat(rewound.position()).isLessThanOrEqualTo(6);
        assertThat(counting.rewinds).containsExactly(2L);
        await().atMost(WAIT).until(() -> counting.applications(6) == 2);
        assertThat(LongStream.rangeClosed(1, 2).map(counting::applications)).containsOnly(1L);
        assertThat(LongStream.rangeClosed(3, 6).map(counting::applications)).containsOnly(2L);
        assertThat(status("counting").state()).isNotEqualTo(ReactorState.PAUSED);
        assertThatThrownBy(() -> runtime.rewind("counting", 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position=7");
    }

    @Test
    void aRewindWhoseResetFailsLeavesTheCheckpointAndResumesTheReactor() throws Exception {
        CountingReactor counting = startCaughtUp(4);
        counting.rewindFails = true;

        assertThatThrownBy(() -> runtime.rewind("counting", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rewind failed reactor=counting");

        assertThat(new ReactorCheckpoints(database.jdbc()).load("counting").sequence()).isEqualTo(4);
        append(engine, 2);
        awaitPosition("counting", 6);
        assertThat(LongStream.rangeClosed(1, 6).map(counting::applications)).containsOnly(1L);
    }

    @Test
    void refusesADeadLetterReactorThatKeepsNoDeadLettersAndNamesThatClash() {
        Reactor noLetters = new Reactor() {
            @Override
            public String name() {
                return "no-letters";
            }

            @Override
            public CheckpointMode checkpointMode() {
                return CheckpointMode.AFTER_EFFECT;
            }

            @Override
            public FailurePolicy failurePolicy() {
                return FailurePolicy.DEAD_LETTER;
            }

            @Override
            public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
                return ReactorCheckpoint.of(run.getLast());
            }
        };
        assertThatThrownBy(() -> new ReactorRuntime(engine, List.of(noLetters), database.jdbc(), FAST,
                Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must keep dead letters reactor=no-letters");
        CountingReactor twice = new CountingReactor("twice", FailurePolicy.STOP);
        assertThatThrownBy(() -> new ReactorRuntime(engine, List.of(twice, twice), database.jdbc(), FAST,
                Clock.systemUTC())).hasMessageContaining("same name name=twice");
        assertThatThrownBy(() -> new ReactorRuntime(engine, List.of(new CountingReactor("Bad Name",
                FailurePolicy.STOP)), database.jdbc(), FAST, Clock.systemUTC())).hasMessageContaining("name=Bad Name");
    }

    /** Starts a counting reactor named "counting" and waits until it has applied {@code entries} new entries. */
    CountingReactor startCaughtUp(int entries) throws Exception {
        CountingReactor counting = new CountingReactor("counting", FailurePolicy.STOP);
        runtime = start(counting);
        append(engine, entries);
        awaitPosition("counting", entries);
        return counting;
    }

    ReactorRuntime start(Reactor... reactors) {
        ReactorRuntime started = new ReactorRuntime(engine, List.of(reactors), database.jdbc(), FAST,
                Clock.systemUTC());
        started.start();
        return started;
    }

    ReactorStatus status(String name) {
        return runtime.status(name).orElseThrow();
    }

    void awaitPosition(String name, long sequence) {
        await().atMost(WAIT).until(() -> status(name).position() >= sequence);
        assertThat(status(name).position()).isEqualTo(sequence);
    }

    /** Appends {@code entries} journal entries, one opened account each. */
    static void append(LedgerEngine engine, int entries) throws Exception {
        for (int index = 0; index < entries; index++) {
            engine.createAccounts(List.of(Account.open(UUID.randomUUID(), USD, AccountType.ASSET, 1000,
                    AccountFlags.NONE)), TraceId.NONE).get(30, TimeUnit.SECONDS);
        }
    }
}
