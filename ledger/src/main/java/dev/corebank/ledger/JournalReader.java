package dev.corebank.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Reads committed journal entries in order, for the rest of corebank (projections, publishers, audit, sagas). It
 * opens the segment files itself and reads only up to the committed position, so it never sees a half-written entry
 * and never blocks the writer. Each reader keeps its own cursor; use one per thread.
 */
public final class JournalReader implements AutoCloseable {
    /** Entries returned by one {@link #read} call at the most, so a caller's work per call is bounded. */
    public static final int READ_ENTRIES_MAX = 4096;

    private final Storage storage;
    private final Path directory;
    private final CommittedPosition committed;
    private final byte[] buffer;
    private final CRC32C crc = new CRC32C();
    private StorageFile channel;
    private Path segment;
    private long offset;
    private long nextSequence = -1;
    /** The chain hash of the entry before the cursor, so every entry read can name the one it follows. */
    private byte[] previousHash = new byte[JournalFormat.HASH_BYTES];

    JournalReader(Storage storage, Path directory, int entryBytesMax, CommittedPosition committed) {
        this.storage = storage;
        this.directory = directory;
        this.committed = committed;
        this.buffer = new byte[entryBytesMax];
    }

    /** The sequence of the latest committed entry. */
    public long committedPosition() {
        return committed.value();
    }

    /** Waits until an entry with at least this sequence is committed; false on timeout. */
    public boolean awaitPosition(long sequence, long timeout, TimeUnit unit) throws InterruptedException {
        return committed.await(sequence, unit.toNanos(timeout));
    }

    /**
     * Up to {@code entriesMax} committed entries starting at {@code fromSequence} (1 is the first entry). Returns an
     * empty list when nothing at or after it is committed yet.
     */
    public List<JournalEntry> read(long fromSequence, int entriesMax) {
        if (fromSequence < 1) {
            throw new IllegalArgumentException("journal sequences start at 1 fromSequence=" + fromSequence);
        }
        if (entriesMax < 1 || entriesMax > READ_ENTRIES_MAX) {
            throw new IllegalArgumentException("entriesMax must be in [1, " + READ_ENTRIES_MAX + "] entriesMax="
                    + entriesMax);
        }
        long last = Math.min(committed.value(), fromSequence + entriesMax - 1);
        List<JournalEntry> entries = new ArrayList<>((int) Math.max(0, last - fromSequence + 1));
        if (last < fromSequence) {
            return entries;
        }
        seek(fromSequence);
        while (nextSequence <= last) {
            entries.add(readNext());
        }
        return entries;
    }

    /**
     * The number of events in each committed entry from {@code fromSequence} through {@code toSequence}, read from the
     * entries' headers, each entry checked as {@link #read} checks it but not decoded: for a caller that chooses how
     * many entries to read by their size.
     */
    public int[] eventCounts(long fromSequence, long toSequence) {
        if (fromSequence < 1 || toSequence < fromSequence || toSequence > committed.value()
                || toSequence - fromSequence >= READ_ENTRIES_MAX) {
            throw new IllegalArgumentException("a range of at most " + READ_ENTRIES_MAX + " committed entries from"
                    + " sequence 1 on fromSequence=" + fromSequence + " toSequence=" + toSequence + " committed="
                    + committed.value());
        }
        int[] counts = new int[(int) (toSequence - fromSequence + 1)];
        for (int index = 0; index < counts.length; index++) {
            loadEntry(fromSequence + index);
            counts[index] = Bytes.getInt(buffer, JournalFormat.ENTRY_OFFSET_EVENT_COUNT);
        }
        return counts;
    }

    /**
     * For the snapshotter, which replays entries as bytes: loads the committed entry {@code sequence} into
     * {@link #entryBytes()}, checked as {@link #read} checks it but not decoded, and returns its length.
     */
    int loadEntry(long sequence) {
        if (sequence < 1 || sequence > committed.value()) {
            throw new IllegalArgumentException("not a committed sequence sequence=" + sequence + " committed="
                    + committed.value());
        }
        seek(sequence);
        return loadNext();
    }

    /** The bytes of the entry the last {@link #loadEntry} loaded; overwritten by the next call. */
    byte[] entryBytes() {
        return buffer;
    }

    private void seek(long sequence) {
        if (nextSequence == sequence && channel != null) {
            return;
        }
        List<Path> segments = JournalScanner.segments(storage, directory);
        Path holding = null;
        for (Path candidate : segments) {
            if (JournalFormat.firstSequenceOf(candidate) <= sequence) {
                holding = candidate;
            }
        }
        if (holding == null) {
            throw new JournalException("no journal segment holds the sequence", directory, 0, sequence);
        }
        open(holding);
        while (nextSequence < sequence) {
            skipNext();
        }
    }

    private void open(Path next) {
        closeChannel();
        try {
            channel = storage.open(next, OpenMode.READ);
        } catch (IOException failure) {
            throw new JournalException("cannot open journal segment", next, 0, 0, failure);
        }
        segment = next;
        offset = JournalFormat.SEGMENT_HEADER_BYTES;
        nextSequence = JournalFormat.firstSequenceOf(next);
        try {
            readFully(0, JournalFormat.SEGMENT_HEADER_BYTES);
        } catch (IOException failure) {
            throw new JournalException("cannot read journal segment header", next, 0, nextSequence, failure);
        }
        previousHash = java.util.Arrays.copyOfRange(buffer, JournalFormat.SEGMENT_OFFSET_PREVIOUS_HASH,
                JournalFormat.SEGMENT_OFFSET_PREVIOUS_HASH + JournalFormat.HASH_BYTES);
    }

    private JournalEntry readNext() {
        byte[] before = previousHash;
        int length = loadNext();
        long sequence = Bytes.getLong(buffer, JournalFormat.ENTRY_OFFSET_SEQUENCE);
        long timestamp = Bytes.getLong(buffer, JournalFormat.ENTRY_OFFSET_TIMESTAMP);
        int version = JournalFormat.version(buffer, 0);
        TraceId traceId = new TraceId(Bytes.getLong(buffer, JournalFormat.ENTRY_OFFSET_TRACE_ID),
                Bytes.getLong(buffer, JournalFormat.ENTRY_OFFSET_TRACE_ID + 8));
        Provenance provenance = ProvenanceCodec.read(buffer, JournalFormat.headerBytes(version),
                JournalFormat.provenanceLength(buffer, 0), traceId);
        EventCodec.Decoder decoder = new EventCodec.Decoder(buffer, JournalFormat.eventsOffset(buffer, 0), length,
                version);
        List<LedgerEvent> events = new ArrayList<>(Bytes.getInt(buffer, JournalFormat.ENTRY_OFFSET_EVENT_COUNT));
        while (decoder.hasNext()) {
            events.add(decoder.next());
        }
        return new JournalEntry(sequence, timestamp, version, provenance, previousHash, before, List.copyOf(events),
                BusinessDate.date(JournalFormat.valueDay(buffer, 0)));
    }

    private void skipNext() {
        loadNext();
    }

    /** Reads the entry at the cursor into the buffer, checks it, and moves the cursor past it. */
    private int loadNext() {
        try {
            if (offset >= channel.size()) {
                // The committed entry must be in the next segment.
                Path next = directory.resolve(JournalFormat.segmentName(nextSequence));
                open(next);
            }
            readFully(offset, JournalFormat.ENTRY_HEADER_BYTES_V1);
            int version = JournalFormat.version(buffer, 0);
            if (!JournalFormat.knownVersion(version)) {
                throw new JournalException("journal entry has an unsupported format version=" + version, segment,
                        offset, nextSequence);
            }
            if (version != JournalFormat.ENTRY_VERSION_V1) {
                readFully(offset, JournalFormat.ENTRY_HEADER_BYTES);
                if (!JournalFormat.headerCrcMatches(buffer, 0, crc)) {
                    throw new JournalException("journal entry header is corrupt (header CRC mismatch)", segment,
                            offset, nextSequence);
                }
            }
            int length = Bytes.getInt(buffer, JournalFormat.ENTRY_OFFSET_LENGTH);
            if (length < JournalFormat.headerBytes(version) || length > buffer.length) {
                throw new JournalException("journal entry has an impossible length=" + length, segment, offset,
                        nextSequence);
            }
            readFully(offset, length);
            crc.reset();
            crc.update(buffer, JournalFormat.ENTRY_CRC_FROM, length - JournalFormat.ENTRY_CRC_FROM);
            long sequence = Bytes.getLong(buffer, JournalFormat.ENTRY_OFFSET_SEQUENCE);
            if ((int) crc.getValue() != Bytes.getInt(buffer, JournalFormat.ENTRY_OFFSET_CRC)
                    || sequence != nextSequence) {
                throw new JournalException("journal entry is corrupt or out of order", segment, offset, nextSequence);
            }
            offset += length;
            nextSequence++;
            previousHash = java.util.Arrays.copyOfRange(buffer, JournalFormat.ENTRY_OFFSET_HASH,
                    JournalFormat.ENTRY_OFFSET_HASH + JournalFormat.HASH_BYTES);
            return length;
        } catch (IOException failure) {
            throw new JournalException("cannot read journal segment", segment, offset, nextSequence, failure);
        }
    }

    private void readFully(long position, int length) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                throw new JournalException("journal segment ends inside a committed entry", segment, position,
                        nextSequence);
            }
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // A read-only channel has nothing to lose on close.
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        closeChannel();
    }
}
