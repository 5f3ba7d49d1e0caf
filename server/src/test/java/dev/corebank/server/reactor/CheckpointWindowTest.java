package dev.corebank.server.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.TraceId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window a reactor's check at start reads: bounded on each side by entries and by events, from a real journal. */
class CheckpointWindowTest {
    @TempDir
    Path directory;
    LedgerEngine engine;

    /** Entry {@code n} (1 to 10) opens {@code n} accounts, so it holds {@code n} events. */
    @BeforeEach
    void open() throws Exception {
        engine = LedgerEngine.open(ReactorRuntimeTest.engineConfig(directory));
        for (int entry = 1; entry <= 10; entry++) {
            List<Account> accounts = new ArrayList<>();
            for (int account = 0; account < entry; account++) {
                accounts.add(Account.open(UUID.randomUUID(), 840, AccountType.ASSET, 1, AccountFlags.NONE));
            }
            engine.createAccounts(accounts, TraceId.NONE).get(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void takesEntriesOnEachSideUntilEitherBoundIsReached() {
        try (JournalReader reader = engine.openReader()) {
            CheckpointWindow byEntries = CheckpointWindow.read(reader, 6, 4, 1_000);
            assertThat(sequences(byEntries.before())).containsExactly(3L, 4L, 5L, 6L);
            assertThat(sequences(byEntries.after())).containsExactly(7L, 8L, 9L, 10L);
            assertThat(byEntries.start().sequence()).isEqualTo(2);

            // Entry 6 holds 6 events and entry 5 five: the second reaches 9. After: 7, then 8 reaches 9.
            CheckpointWindow byEvents = CheckpointWindow.read(reader, 6, 4, 9);
            assertThat(sequences(byEvents.before())).containsExactly(5L, 6L);
            assertThat(sequences(byEvents.after())).containsExactly(7L, 8L);
            assertThat(byEvents.checkpointAt(4)).isEqualTo(byEvents.start());
            assertThat(byEvents.checkpointAt(6)).isEqualTo(ReactorCheckpoint.of(byEvents.before().getLast()));
            assertThatThrownBy(() -> byEvents.checkpointAt(3)).isInstanceOf(IllegalArgumentException.class);

            // A single entry larger than the bound still goes whole.
            assertThat(sequences(CheckpointWindow.read(reader, 10, 4, 3).before())).containsExactly(10L);
        }
    }

    @Test
    void atTheEndsOfTheJournalASideIsShortOrEmpty() {
        try (JournalReader reader = engine.openReader()) {
            CheckpointWindow atStart = CheckpointWindow.read(reader, 0, 4, 1_000);
            assertThat(atStart.before()).isEmpty();
            assertThat(atStart.start()).isEqualTo(ReactorCheckpoint.START);
            assertThat(sequences(atStart.after())).containsExactly(1L, 2L, 3L, 4L);

            CheckpointWindow atEnd = CheckpointWindow.read(reader, 10, 20, 1_000);
            assertThat(sequences(atEnd.before())).hasSize(10).startsWith(1L).endsWith(10L);
            assertThat(atEnd.start()).isEqualTo(ReactorCheckpoint.START);
            assertThat(atEnd.after()).isEmpty();
        }
    }

    private static List<Long> sequences(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::sequence).toList();
    }
}
