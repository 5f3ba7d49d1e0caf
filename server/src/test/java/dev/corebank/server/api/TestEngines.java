package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.server.commands.FactKinds;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks of a test server's engine that several API tests share. */
public final class TestEngines {
    private TestEngines() {
    }

    public static String stateHash(LedgerEngine engine) {
        try {
            return engine.stateHash().get(30, TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new AssertionError("the engine did not answer its state hash", failed);
        }
    }

    /**
     * A refused request changed nothing: the ledger state is as it was, and what the journal gained after
     * {@code positionBefore} is at most the audit records of refused requests (facts), never a ledger event.
     */
    public static void assertOnlyRefusalsJournaled(LedgerEngine engine, long positionBefore, String stateBefore) {
        assertThat(stateHash(engine)).as("ledger state after a refused request").isEqualTo(stateBefore);
        try (JournalReader reader = engine.openReader()) {
            // Read page by page: a fuzz run journals more refusals than one read returns.
            long next = positionBefore + 1;
            for (List<JournalEntry> page = reader.read(next, JournalReader.READ_ENTRIES_MAX); !page.isEmpty();
                 page = reader.read(next, JournalReader.READ_ENTRIES_MAX)) {
                for (JournalEntry entry : page) {
                    assertThat(entry.events()).as("entry %d after a refused request", entry.sequence())
                            .allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(
                                    LedgerEvent.FactRecorded.class,
                                    fact -> assertThat(fact.fact().kind()).isEqualTo(FactKinds.REQUEST_RECORDED)));
                    next = entry.sequence() + 1;
                }
            }
        }
    }
}
