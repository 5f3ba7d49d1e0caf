package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import java.util.List;

/**
 * Refuses a checkpoint taken from another journal (a data directory replaced, a database restored from elsewhere):
 * continuing from it would mix two histories. A checkpoint is from this journal when the entry at its sequence exists
 * and carries the same engine timestamp. The fix is to drop the reactor's effect and checkpoint (for the projector:
 * the read model) and let it rebuild from the journal.
 */
final class JournalFence {
    private JournalFence() {
    }

    static void check(String reactor, ReactorCheckpoint checkpoint, JournalReader reader) {
        if (checkpoint.sequence() == 0) {
            return;
        }
        long committed = reader.committedPosition();
        if (checkpoint.sequence() > committed) {
            throw new IllegalStateException("the reactor's checkpoint is ahead of the journal; it was taken from"
                    + " another journal reactor=" + reactor + " checkpoint=" + checkpoint.sequence()
                    + " journalPosition=" + committed);
        }
        List<JournalEntry> entries = reader.read(checkpoint.sequence(), 1);
        if (entries.size() != 1 || entries.getFirst().timestamp() != checkpoint.entryTimestamp()) {
            throw new IllegalStateException("the reactor's checkpoint was taken from another journal reactor="
                    + reactor + " checkpoint=" + checkpoint.sequence() + " checkpointTimestamp="
                    + checkpoint.entryTimestamp() + " journalTimestamp="
                    + (entries.isEmpty() ? "none" : entries.getFirst().timestamp()));
        }
    }

    /** The checkpoint naming the entry at {@code sequence} of this journal, for a rewind to it. */
    static ReactorCheckpoint at(long sequence, JournalReader reader) {
        if (sequence == 0) {
            return ReactorCheckpoint.START;
        }
        List<JournalEntry> entries = reader.read(sequence, 1);
        if (entries.size() != 1) {
            throw new IllegalArgumentException("no committed journal entry at the position position=" + sequence
                    + " journalPosition=" + reader.committedPosition());
        }
        return ReactorCheckpoint.of(entries.getFirst());
    }
}
