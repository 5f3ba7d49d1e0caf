package dev.corebank.server.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.projection.ReadModelDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table reactor's two economies, against a real engine and a real database: a run that holds nothing for it (by
 * its entries, or by the reactor's own tables) is skipped without a transaction (its checkpoint stored at most once
 * per idle-checkpoint interval), and a reactor that
 * finds fewer entries than a full run lingers for more, so many entries share one transaction.
 */
class TableReactorTest {
    /** Entries that open an account with this code give a row; every other entry gives none. */
    static final int CONCERNING_CODE = 7;
    static final int OTHER_CODE = 1000;
    static final String NAME = "rows";

    @TempDir
    Path directory;
    LedgerEngine engine;
    ReadModelDatabase database;
    ReactorRuntime runtime;

    @BeforeEach
    void open() {
        engine = LedgerEngine.open(ReactorRuntimeTest.engineConfig(directory));
        database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory);
        database.jdbc().execute("CREATE TABLE test_rows (journal_sequence BIGINT PRIMARY KEY)");
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.stop();
        }
        engine.close();
        database.close();
    }

    @Test
    void aRunWithNothingForTheReactorStoresNoCheckpointUntilARunThatWrites() throws Exception {
        ReactorProperties properties = ReactorProperties.defaults().withRunLimits(4, 64).withWaits(20, 20, 100)
                .withLinger(0).withIdleCheckpointMillis(3_600_000);
        runtime = start(properties);
        open(OTHER_CODE, 10);
        awaitPosition(10);
        assertThat(storedSequence()).as("ten entries of no concern: no transaction, so nothing stored").isZero();

        open(CONCERNING_CODE, 1);
        awaitPosition(11);
        assertThat(storedSequence()).isEqualTo(11);
        assertThat(rows()).containsExactly(11L);

        // A restart from the stored checkpoint applies nothing twice.
        runtime.stop();
        open(OTHER_CODE, 3);
        runtime = start(properties);
        awaitPosition(14);
        assertThat(rows()).containsExactly(11L);
        assertThat(storedSequence()).as("the idle interval has not passed since the last store").isEqualTo(11);
    }

    @Test
    void anIdleReactorStillStoresItsCheckpointOncePerInterval() throws Exception {
        runtime = start(ReactorProperties.defaults().withRunLimits(4, 64).withWaits(20, 20, 100).withLinger(0)
                .withIdleCheckpointMillis(1));
        open(OTHER_CODE, 1);
        awaitPosition(1);
        open(OTHER_CODE, 1);
        awaitPosition(2);
        await().atMost(ReactorRuntimeTest.WAIT).until(() -> storedSequence() == 2);
        assertThat(rows()).isEmpty();
    }

    @Test
    void entriesCommittedWithinTheLingerShareOneRun() throws Exception {
        runtime = start(ReactorProperties.defaults().withWaits(20, 20, 100).withLinger(5_000));
        // The first entry is committed alone; the reactor waits for more until the linger runs out.
        open(CONCERNING_CODE, 1);
        open(CONCERNING_CODE, 5);
        awaitPosition(6);
        assertThat(runtime.status(NAME).orElseThrow().runs()).as("six entries in one transaction").isEqualTo(1);
        assertThat(rows()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void rowsThatAnswerForTheWholeRunFromTheirOwnTableAreSkippedWhileItSaysNo() throws Exception {
        database.jdbc().execute("CREATE TABLE test_wanted (id INT PRIMARY KEY)");
        ReactorProperties properties = ReactorProperties.defaults().withRunLimits(4, 64).withWaits(20, 20, 100)
                .withLinger(0).withIdleCheckpointMillis(3_600_000);
        runtime = start(properties, new WantedRows());
        open(CONCERNING_CODE, 5);
        awaitPosition(5);
        assertThat(storedSequence()).as("nothing wanted: no transaction").isZero();
        assertThat(rows()).isEmpty();

        database.jdbc().update("INSERT INTO test_wanted (id) VALUES (1)");
        open(OTHER_CODE, 1);
        awaitPosition(6);
        assertThat(storedSequence()).isEqualTo(6);
        assertThat(rows()).as("the skipped runs are not applied later").containsExactly(6L);
    }

    private ReactorRuntime start(ReactorProperties properties) {
        return start(properties, new ConcerningRows());
    }

    private ReactorRuntime start(ReactorProperties properties, TableReactor.Rows rows) {
        TableReactor reactor = new TableReactor(NAME, rows, database.jdbc(),
                database.transactionManager(), properties, false);
        ReactorRuntime started = new ReactorRuntime(engine, List.of(reactor), database.jdbc(), properties,
                Clock.systemUTC());
        started.start();
        return started;
    }

    private final class ConcerningRows implements TableReactor.Rows {
        @Override
        public boolean concerns(JournalEntry entry) {
            return entry.events().stream().anyMatch(event -> event instanceof LedgerEvent.AccountOpened opened
                    && opened.account().code() == CONCERNING_CODE);
        }

        @Override
        public void apply(List<JournalEntry> run) {
            for (JournalEntry entry : run) {
                if (concerns(entry)) {
                    database.jdbc().update("INSERT INTO test_rows (journal_sequence) VALUES (?)", entry.sequence());
                }
            }
        }
    }

    /** Rows of every entry, wanted only while {@code test_wanted} has a row: the answer is the table's, per run. */
    private final class WantedRows implements TableReactor.Rows {
        @Override
        public boolean concernsAny(List<JournalEntry> run) {
            return !database.jdbc().queryForList("SELECT id FROM test_wanted").isEmpty();
        }

        @Override
        public void apply(List<JournalEntry> run) {
            for (JournalEntry entry : run) {
                database.jdbc().update("INSERT INTO test_rows (journal_sequence) VALUES (?)", entry.sequence());
            }
        }
    }

    /** Journals {@code entries} entries at once, each opening one account with {@code code}. */
    private void open(int code, int entries) throws Exception {
        CompletableFuture<?>[] opened = new CompletableFuture<?>[entries];
        for (int index = 0; index < entries; index++) {
            opened[index] = engine.createAccounts(List.of(Account.open(UUID.randomUUID(), ReactorRuntimeTest.USD,
                    AccountType.ASSET, code, AccountFlags.NONE)), TraceId.NONE);
        }
        CompletableFuture.allOf(opened).get(30, TimeUnit.SECONDS);
    }

    private void awaitPosition(long sequence) {
        await().atMost(ReactorRuntimeTest.WAIT).until(() -> runtime.status(NAME).orElseThrow().position() >= sequence);
        assertThat(runtime.status(NAME).orElseThrow().position()).isEqualTo(sequence);
    }

    private long storedSequence() {
        return new ReactorCheckpoints(database.jdbc()).load(NAME).sequence();
    }

    private List<Long> rows() {
        return database.jdbc().queryForList("SELECT journal_sequence FROM test_rows ORDER BY journal_sequence",
                Long.class);
    }
}
