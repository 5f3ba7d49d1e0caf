package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import java.util.List;

/**
 * The journal around a reactor's checkpoint, for its check at start ({@link Reactor#checkAtStart}): the last entries
 * up to the checkpoint, whose effect must be there, and the first committed entries after it, whose effect must not.
 * The runtime sizes each side at twice a run of the reactor's (its entry limit, at most one journal read, or twice
 * the events limit, whichever fills first; a single entry goes whole), so each side holds at least one whole run and
 * the last transaction a database may have half kept after a crash lies inside it; its cost is bounded by the run
 * limits, not by the length of the journal.
 *
 * @param checkpoint the checkpoint's sequence
 * @param start      the checkpoint of the entry just before {@code before}, so a reactor can go back to any point
 *                   of the window
 * @param before     the entries up to and including the checkpoint, oldest first; empty at sequence 0
 * @param after      the committed entries after the checkpoint, oldest first
 */
public record CheckpointWindow(long checkpoint, ReactorCheckpoint start, List<JournalEntry> before,
                               List<JournalEntry> after) {
    public CheckpointWindow {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /**
     * Reads the window around {@code checkpoint}: on each side, entries until they number {@code entriesMax} or hold
     * {@code eventsMax} events, whichever comes first. The sizes come from the entries' headers first, so only the
     * entries of the window are decoded.
     */
    public static CheckpointWindow read(JournalReader reader, long checkpoint, int entriesMax, long eventsMax) {
        if (entriesMax < 1 || entriesMax > JournalReader.READ_ENTRIES_MAX || eventsMax < 1) {
            throw new IllegalArgumentException("a window holds at least one entry and one event, and at most one"
                    + " journal read entriesMax=" + entriesMax + " eventsMax=" + eventsMax);
        }
        List<JournalEntry> before = List.of();
        if (checkpoint > 0) {
            long from = Math.max(1, checkpoint - entriesMax + 1);
            int taken = entriesHolding(reader.eventCounts(from, checkpoint), true, eventsMax);
            before = reader.read(checkpoint - taken + 1, taken);
        }
        List<JournalEntry> after = List.of();
        long lastAfter = Math.min(reader.committedPosition(), checkpoint + entriesMax);
        if (lastAfter > checkpoint) {
            after = reader.read(checkpoint + 1, entriesHolding(reader.eventCounts(checkpoint + 1, lastAfter), false,
                    eventsMax));
        }
        long startSequence = before.isEmpty() ? checkpoint : before.getFirst().sequence() - 1;
        return new CheckpointWindow(checkpoint, JournalFence.at(startSequence, reader), before, after);
    }

    /**
     * How many of the entries with these event counts the window takes: from the nearest to the checkpoint (the last
     * ones when {@code backwards}) until they hold {@code eventsMax} events or none is left; at least one.
     */
    private static int entriesHolding(int[] counts, boolean backwards, long eventsMax) {
        int taken = 0;
        long events = 0;
        while (taken < counts.length && events < eventsMax) {
            events += counts[backwards ? counts.length - 1 - taken : taken];
            taken++;
        }
        return taken;
    }

    /** The checkpoint naming the entry at {@code sequence}, from the start of the window to its checkpoint. */
    public ReactorCheckpoint checkpointAt(long sequence) {
        if (sequence == start.sequence()) {
            return start;
        }
        for (JournalEntry entry : before) {
            if (entry.sequence() == sequence) {
                return ReactorCheckpoint.of(entry);
            }
        }
        throw new IllegalArgumentException("the sequence is outside the window sequence=" + sequence + " start="
                + start.sequence() + " checkpoint=" + checkpoint);
    }
}
