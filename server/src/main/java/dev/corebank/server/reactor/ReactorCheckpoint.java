package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;

/**
 * Where a reactor stands in the journal: the last entry it applied and that entry's engine timestamp. The timestamp
 * lets the runtime prove at start that the journal it reads is the one the checkpoint was taken from.
 *
 * @param sequence       the last journal sequence applied; 0 before the first entry
 * @param entryTimestamp the engine timestamp of the entry at {@code sequence}; 0 when {@code sequence} is 0
 */
public record ReactorCheckpoint(long sequence, long entryTimestamp) {
    /** Before the first entry. */
    public static final ReactorCheckpoint START = new ReactorCheckpoint(0, 0);

    public ReactorCheckpoint {
        if (sequence < 0) {
            throw new IllegalArgumentException("a checkpoint sequence is never negative sequence=" + sequence);
        }
    }

    /** The checkpoint naming {@code entry}: where a reactor stands once it has applied it. */
    public static ReactorCheckpoint of(JournalEntry entry) {
        return new ReactorCheckpoint(entry.sequence(), entry.timestamp());
    }
}
