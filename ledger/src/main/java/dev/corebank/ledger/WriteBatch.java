package dev.corebank.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Journal entries built by the engine thread and handed to the sync thread in one piece, together with the futures
 * to complete once they are durable. Entries lie back to back in one preallocated byte array, so a whole group is
 * written with one call and made durable with one fsync. Batches are recycled: building one allocates nothing but the
 * completion lists' growth.
 */
final class WriteBatch {
    final byte[] bytes;
    /** End of the bytes written so far; the state machine appends events here. */
    int position;
    /** Events in the entry being built. */
    int eventCount;
    private int entryStart = -1;
    private int[] entryStarts = new int[64];
    private int entries;
    private final List<CompletableFuture<Object>> futures = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private final java.util.zip.CRC32C headerCrc = new java.util.zip.CRC32C();
    /** Sequence of the last entry in this batch, or of the last entry before it when it has none. */
    long lastSequence;

    WriteBatch(int bytesMax) {
        this.bytes = new byte[bytesMax];
    }

    void reset(long sequenceBefore) {
        position = 0;
        eventCount = 0;
        entryStart = -1;
        entries = 0;
        futures.clear();
        values.clear();
        lastSequence = sequenceBefore;
    }

    /** True when a new entry whose events take at most {@code eventBytesMax} bytes still fits. */
    boolean hasRoomForEntry(int eventBytesMax) {
        return position + (long) JournalFormat.ENTRY_HEADER_BYTES + Provenance.ENCODED_BYTES_MAX + eventBytesMax
                <= bytes.length;
    }

    /** Opens an entry whose postings are booked on {@code valueDay} (an epoch day; see {@link BusinessDate}). */
    void openEntry(Provenance provenance, int valueDay) {
        Check.that(entryStart < 0, "an entry is already open");
        entryStart = position;
        Bytes.putInt(bytes, entryStart + JournalFormat.ENTRY_OFFSET_VALUE_DAY, valueDay);
        eventCount = 0;
        TraceId traceId = provenance.traceId();
        Bytes.putLong(bytes, entryStart + JournalFormat.ENTRY_OFFSET_TRACE_ID, traceId.high());
        Bytes.putLong(bytes, entryStart + JournalFormat.ENTRY_OFFSET_TRACE_ID + 8, traceId.low());
        int provenanceLength = provenance.equals(Provenance.NONE) ? 0
                : ProvenanceCodec.write(bytes, entryStart + JournalFormat.ENTRY_HEADER_BYTES, provenance);
        Bytes.putShort(bytes, entryStart + JournalFormat.ENTRY_OFFSET_PROVENANCE_LENGTH, provenanceLength);
        position += JournalFormat.ENTRY_HEADER_BYTES + provenanceLength;
    }

    /**
     * Closes the open entry. An entry without events is dropped; otherwise it gets the next sequence number and
     * its header is filled in, all but the CRC and chain hash, which the sync thread adds. True when it was kept.
     */
    boolean closeEntry(long timestamp) {
        Check.that(entryStart >= 0, "no entry is open");
        boolean written = eventCount > 0;
        if (!written) {
            position = entryStart;
        } else {
            int length = position - entryStart;
            lastSequence++;
            Bytes.putInt(bytes, entryStart + JournalFormat.ENTRY_OFFSET_LENGTH, length);
            Bytes.putLong(bytes, entryStart + JournalFormat.ENTRY_OFFSET_SEQUENCE, lastSequence);
            Bytes.putLong(bytes, entryStart + JournalFormat.ENTRY_OFFSET_TIMESTAMP, timestamp);
            Bytes.putShort(bytes, entryStart + JournalFormat.ENTRY_OFFSET_VERSION, JournalFormat.ENTRY_VERSION);
            Bytes.putInt(bytes, entryStart + JournalFormat.ENTRY_OFFSET_EVENT_COUNT, eventCount);
            Bytes.putInt(bytes, entryStart + JournalFormat.ENTRY_OFFSET_HEADER_CRC,
                    JournalFormat.headerCrc(bytes, entryStart, headerCrc));
            if (entries == entryStarts.length) {
                entryStarts = java.util.Arrays.copyOf(entryStarts, entries * 2);
            }
            entryStarts[entries++] = entryStart;
        }
        entryStart = -1;
        eventCount = 0;
        return written;
    }

    int mark() {
        return position;
    }

    void rewind(int mark, int eventCountAtMark) {
        position = mark;
        eventCount = eventCountAtMark;
    }

    int entries() {
        return entries;
    }

    int entryStart(int index) {
        return entryStarts[index];
    }

    int entryLength(int index) {
        return Bytes.getInt(bytes, entryStarts[index] + JournalFormat.ENTRY_OFFSET_LENGTH);
    }

    @SuppressWarnings("unchecked")
    void complete(CompletableFuture<?> future, Object value) {
        futures.add((CompletableFuture<Object>) future);
        values.add(value);
    }

    /** Completes every future of the batch, in submission order. */
    void completeAll() {
        for (int index = 0; index < futures.size(); index++) {
            futures.get(index).complete(values.get(index));
        }
    }

    void failAll(Throwable failure) {
        for (CompletableFuture<Object> future : futures) {
            future.completeExceptionally(failure);
        }
    }

    int completions() {
        return futures.size();
    }
}
