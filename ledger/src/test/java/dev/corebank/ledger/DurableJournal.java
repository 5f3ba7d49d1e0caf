package dev.corebank.ledger;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a power loss would leave of a journal, read from a {@link MemoryStorage}'s durable bytes: the sequence of the
 * last whole entry. Written from the documented segment layout, not with the engine's reader, so that the check does
 * not trust the code it checks.
 */
final class DurableJournal {
    private DurableJournal() {
    }

    /** The sequence of the last entry whose every byte is durable, or 0 when there is none. */
    static long lastDurableSequence(MemoryStorage memory, Path journalDirectory) {
        long last = 0;
        for (Map.Entry<Path, byte[]> segment : memory.durableFiles(journalDirectory).entrySet()) {
            if (JournalFormat.firstSequenceOf(segment.getKey()) <= 0) {
                continue;
            }
            byte[] bytes = segment.getValue();
            int offset = JournalFormat.SEGMENT_HEADER_BYTES;
            while (offset + JournalFormat.ENTRY_HEADER_BYTES_V1 <= bytes.length) {
                int length = Bytes.getInt(bytes, offset + JournalFormat.ENTRY_OFFSET_LENGTH);
                if (length < JournalFormat.ENTRY_HEADER_BYTES_V1 || offset + (long) length > bytes.length) {
                    break;
                }
                last = Math.max(last, Bytes.getLong(bytes, offset + JournalFormat.ENTRY_OFFSET_SEQUENCE));
                offset += length;
            }
        }
        return last;
    }
}
