package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    /** Entries read at a time, so a window of a few large entries reads no more than it needs. */
    static final int READ_CHUNK_ENTRIES = 64;

    public CheckpointWindow {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /**
     * Reads the window around {@code checkpoint}: on each side, entries until they number {@code entriesMax} or hold
     * {@code eventsMax} events, whichever comes first.
     */
    public static CheckpointWindow read(JournalReader reader, long checkpoint, int entriesMax, long eventsMax) {
        if (entriesMax < 1 || entriesMax > JournalReader.READ_ENTRIES_MAX || eventsMax < 1) {
            throw new IllegalArgumentException("a window holds at least one entry and one event, and at most one"
                    + " journal read entriesMax=" + entriesMax + " eventsMax=" + eventsMax);
        }
        Deque<JournalEntry> before = new ArrayDeque<>();
        long events = 0;
        long to = checkpoint;
        while (to >= 1 && before.size() < entriesMax && events < eventsMax) {
            long from = Math.max(1, to - READ_CHUNK_ENTRIES + 1);
            List<JournalEntry> chunk = reader.read(from, (int) (to - from + 1));
            for (int index = chunk.size() - 1; index >= 0 && before.size() < entriesMax && events < eventsMax;
                    index--) {
                before.addFirst(chunk.get(index));
                events += chunk.get(index).events().size();
            }
            to = from - 1;
        }
        List<JournalEntry> after = new ArrayList<>();
        events = 0;
        long next = checkpoint + 1;
        while (after.size() < entriesMax && events < eventsMax) {
            List<JournalEntry> chunk = reader.read(next, READ_CHUNK_ENTRIES);
            for (int index = 0; index < chunk.size() && after.size() < entriesMax && events < eventsMax; index++) {
                after.add(chunk.get(index));
                events += chunk.get(index).events().size();
            }
            if (chunk.size() < READ_CHUNK_ENTRIES) {
                break;
            }
            next += READ_CHUNK_ENTRIES;
        }
        long startSequence = before.isEmpty() ? checkpoint : before.getFirst().sequence() - 1;
        return new CheckpointWindow(checkpoint, JournalFence.at(startSequence, reader), new ArrayList<>(before),
                after);
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
