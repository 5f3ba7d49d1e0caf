package dev.corebank.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Durability;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.projection.ReadModelDatabase;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.TableReactor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit reactor's check at start, against a real engine and database: the damage a database may come back with
 * from a crash (a record lost, a record kept while its checkpoint's move was lost, a record changed) is found near
 * the checkpoint, the records from the first wrong one on are written again from the journal, and the trail ends
 * equal to the journal; an undamaged trail is left as it is.
 */
class AuditTrailStartCheckTest {
    private static final int ENTRIES = 12;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Provenance TELLER = new Provenance("key-1", "teller", "127.0.0.1", "req-1",
            TraceId.NONE, "", "POST /v1/accounts");

    @TempDir
    Path directory;
    LedgerEngine engine;
    ReadModelDatabase database;
    JdbcTemplate jdbc;

    @BeforeEach
    void open() {
        engine = LedgerEngine.open(LedgerConfig.defaults(directory.resolve("ledger"))
                .withDurability(Durability.NONE).withLimits(100_000, 1_000_000));
        database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory);
        jdbc = database.jdbc();
    }

    @AfterEach
    void close() {
        engine.close();
        database.close();
    }

    @Test
    void writesTheRecordsNearItsCheckpointAgainFromTheFirstThatDisagreesWithTheJournal() throws Exception {
        for (int entry = 0; entry < ENTRIES; entry++) {
            engine.submit(LedgerCommand.CreateAccounts.of(List.of(Account.open(UUID.randomUUID(), 840,
                    AccountType.LIABILITY, 1, AccountFlags.NONE))), TELLER).get(30, TimeUnit.SECONDS);
        }
        ReactorRuntime runtime = start();
        awaitTrail(runtime);
        runtime.stop();
        long nineTimestamp;
        try (JournalReader reader = engine.openReader()) {
            nineTimestamp = reader.read(9, 1).getFirst().timestamp();
        }

        Map<String, Runnable> damages = new LinkedHashMap<>();
        damages.put("none", () -> {
        });
        damages.put("a record lost", () -> {
            jdbc.update("DELETE FROM audit_subject WHERE record_id = ?", AuditRecords.idOf(7));
            assertThat(jdbc.update("DELETE FROM audit_record WHERE journal_sequence = 7")).isEqualTo(1);
        });
        damages.put("records kept, the checkpoint's move lost", () -> assertThat(jdbc.update(
                "UPDATE reactor_checkpoints SET journal_sequence = 9, entry_timestamp = ? WHERE name = ?",
                nineTimestamp, AuditTrail.NAME)).isEqualTo(1));
        damages.put("a record changed", () -> assertThat(jdbc.update(
                "UPDATE audit_record SET entry_hash = ? WHERE journal_sequence = 11", "0".repeat(64)))
                .isEqualTo(1));
        for (Map.Entry<String, Runnable> damage : damages.entrySet()) {
            damage.getValue().run();
            runtime = start();
            awaitTrail(runtime);
            assertThat(runtime.status(AuditTrail.NAME).orElseThrow().startRepairs())
                    .as("repairs at the start after damage: %s", damage.getKey())
                    .isEqualTo(damage.getKey().equals("none") ? 0 : 1);
            assertThat(trail()).as("the trail after damage: %s", damage.getKey()).isEqualTo(journal());
            runtime.stop();
        }
    }

    private ReactorRuntime start() {
        ReactorProperties properties = ReactorProperties.defaults().withRunLimits(4, 64).withWaits(20, 20, 100)
                .withLinger(0);
        TableReactor reactor = new TableReactor(AuditTrail.NAME, new AuditTrail(new AuditRepository(jdbc), 16), jdbc,
                database.transactionManager(), properties, false);
        ReactorRuntime runtime = new ReactorRuntime(engine, List.of(reactor), jdbc, properties, Clock.systemUTC());
        runtime.start();
        return runtime;
    }

    private void awaitTrail(ReactorRuntime runtime) {
        await().atMost(WAIT).until(() -> runtime.status(AuditTrail.NAME).orElseThrow().position() == ENTRIES
                && trail().size() == ENTRIES);
    }

    /** The stored records: each sequence with its entry hash, in order. */
    private Map<Long, String> trail() {
        Map<Long, String> records = new LinkedHashMap<>();
        jdbc.query("SELECT journal_sequence, entry_hash FROM audit_record ORDER BY journal_sequence",
                row -> {
                    records.put(row.getLong(1), row.getString(2));
                });
        return records;
    }

    /** What the trail must hold: one record per entry, with the entry's hash. */
    private Map<Long, String> journal() {
        Map<Long, String> expected = new LinkedHashMap<>();
        try (JournalReader reader = engine.openReader()) {
            for (JournalEntry entry : reader.read(1, ENTRIES)) {
                expected.put(entry.sequence(), entry.hashHex());
            }
        }
        return expected;
    }
}
