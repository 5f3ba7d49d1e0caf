package dev.corebank.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads the journal's segments in order and checks every entry: length, CRC32C, contiguous sequence numbers,
 * strictly increasing timestamps and the SHA-256 hash chain. Recovery, verification and readers all use it.
 *
 * <p>What it does with a bad entry is decided by this table, walked row by row by JournalRecoveryTest:
 *
 * <pre>
 * | what is found at the offset                                   | last segment          | earlier segment |
 * |---------------------------------------------------------------|-----------------------|-----------------|
 * | segment shorter than its header, or only a bad header         | torn: delete segment  | corrupt: stop   |
 * | fewer bytes left than an entry header                         | torn: truncate here   | corrupt: stop   |
 * | length field outside [header, entryBytesMax], rest all zeros  | torn: truncate here   | corrupt: stop   |
 * | length field outside [header, entryBytesMax], other bytes     | corrupt: stop         | corrupt: stop   |
 * | length runs past the end of the file                          | torn: truncate here   | corrupt: stop   |
 * | CRC mismatch, last entry, its tail sectors unwritten (zeros)  | torn: truncate here   | corrupt: stop   |
 * | CRC mismatch, last entry, written whole                       | corrupt: stop         | corrupt: stop   |
 * | CRC mismatch, more bytes follow                               | corrupt: stop         | corrupt: stop   |
 * | CRC ok, but sequence, timestamp or chain hash out of order    | corrupt: stop         | corrupt: stop   |
 * | length corrupt, but a shorter length gives a whole valid entry | corrupt: stop         | corrupt: stop   |
 * | v2 header CRC mismatch, entry runs past the end of the file    | torn: truncate here   | corrupt: stop   |
 * | v2 header CRC mismatch, entry ends with the file, tail unwritten | torn: truncate here | corrupt: stop   |
 * | v2 header CRC mismatch, entry ends with the file, written whole | corrupt: stop        | corrupt: stop   |
 * | v2 header CRC mismatch, more bytes follow the stated length    | corrupt: stop         | corrupt: stop   |
 * | entry header all zeros, bytes of a later write after it        | torn: truncate here   | corrupt: stop   |
 * | unknown entry format version, other bytes                      | corrupt: stop         | corrupt: stop   |
 * </pre>
 *
 * <p>In a version 1 entry no checksum covers the length field, so the row "length corrupt, but a shorter length gives
 * a whole valid entry" guards the "torn" rows that depend on it: a torn write never leaves a whole entry behind a wrong
 * length, so when the stored CRC and chain hash match a shorter length the length was damaged in place, and the
 * entries after it are committed data that must not be cut. A version 2 entry has a header CRC over the length, so a
 * damaged length is caught before it is used; the same guard still runs before a v2 tail with a bad header is cut.
 *
 * <p>A last entry that is all there but fails its CRC is not taken for a torn write unless the sectors at its end
 * were never written: the disk writes a {@value #SECTOR_BYTES}-byte sector whole or not at all, so a write torn after
 * its file grew leaves whole zero sectors at the end, while a bit that rotted in an acknowledged entry leaves every
 * sector written. Cutting that entry would silently lose an acknowledged transfer, so recovery stops instead. The zero
 * tail must be at least {@value #UNWRITTEN_TAIL_BYTES_MIN} bytes, because a genuine entry may end in a few zeros; a
 * write torn with a shorter unwritten part is refused as damage too, which stops the engine with a clear message rather
 * than guess. (The simulator in LedgerModelPropertyTest found both: the row used to cut any last entry with a bad CRC,
 * and a first fix took a one-byte zero tail for an unwritten sector.)
 *
 * "Truncate" only happens when the caller asks for repair (recovery on start-up), and is logged as a warning naming
 * the file and offset. "Stop" throws {@link JournalException} naming the file, offset and sequence.
 */
final class JournalScanner {
    private static final System.Logger LOG = System.getLogger(JournalScanner.class.getName());
    /** The unit a disk writes atomically; the smallest in use, so that every torn write is still recognised. */
    static final int SECTOR_BYTES = 512;
    /**
     * The fewest zero bytes at the end of a whole-length last entry that are taken for unwritten sectors. A genuine
     * entry can end in a few zero bytes (an empty reference, a small flag), so a shorter zero tail proves nothing and
     * the entry is treated as damaged: recovery stops rather than risk cutting an acknowledged entry.
     */
    static final int UNWRITTEN_TAIL_BYTES_MIN = 64;

    /** Called for each valid entry; the entry occupies {@code bytes[0, length)}. */
    interface Visitor {
        void entry(Path segment, long offset, byte[] bytes, int length);

        /** Called when a segment starts, with the chain hash its header says came before it. */
        default void segment(Path segment, long firstSequence, byte[] previousHash) {
        }
    }

    /** Where the journal ends. {@code lastSegment} is null for an empty journal. */
    record End(long lastSequence, byte[] lastChainHash, long lastTimestamp, Path lastSegment, long lastSegmentBytes,
               long entriesVisited, long bytesTruncated) {
    }

    private final Storage storage;
    private final int entryBytesMax;
    private final byte[] buffer;
    private final CRC32C crc = new CRC32C();
    private final MessageDigest sha256 = JournalWriter.sha256();

    JournalScanner(Storage storage, int entryBytesMax) {
        this.storage = storage;
        this.entryBytesMax = entryBytesMax;
        this.buffer = new byte[entryBytesMax];
    }

    /** The segment files of a journal directory, ordered by their first sequence. */
    static List<Path> segments(Storage storage, Path directory) {
        try {
            return storage.list(directory).stream().filter(path -> JournalFormat.firstSequenceOf(path) > 0)
                    .sorted(Comparator.comparingLong(JournalFormat::firstSequenceOf))
                    .toList();
        } catch (IOException failure) {
            throw new JournalException("cannot list journal directory", directory, 0, 0, failure);
        }
    }

    /**
     * Scans from the segment that holds {@code startSequence} to the end. With {@code repair}, a torn tail in the last
     * segment is cut off; without it, a torn tail is reported as corruption.
     */
    End scan(Path directory, long startSequence, boolean repair, Visitor visitor) {
        List<Path> segments = segments(storage, directory);
        int first = 0;
        for (int index = 0; index < segments.size(); index++) {
            if (JournalFormat.firstSequenceOf(segments.get(index)) <= startSequence) {
                first = index;
            }
        }
        long lastSequence = 0;
        byte[] chainHash = new byte[JournalFormat.HASH_BYTES];
        long lastTimestamp = 0;
        Path lastSegment = null;
        long lastSegmentBytes = 0;
        long visited = 0;
        long truncated = 0;
        for (int index = first; index < segments.size(); index++) {
            Path segment = segments.get(index);
            boolean last = index == segments.size() - 1;
            SegmentScan scan = new SegmentScan(segment, last, repair, index == first, lastSequence, chainHash,
                    lastTimestamp);
            scan.run(visitor);
            if (scan.deleted) {
                continue;
            }
            lastSequence = scan.sequence;
            chainHash = scan.chainHash;
            lastTimestamp = scan.timestamp;
            lastSegment = segment;
            lastSegmentBytes = scan.validBytes;
            visited += scan.entries;
            truncated += scan.truncatedBytes;
        }
        return new End(lastSequence, chainHash, lastTimestamp, lastSegment, lastSegmentBytes, visited, truncated);
    }

    /** The scan of one segment file. */
    private final class SegmentScan {
        final Path segment;
        final boolean last;
        final boolean repair;
        final boolean firstScanned;
        long sequence;
        byte[] chainHash;
        long timestamp;
        long validBytes;
        long entries;
        long truncatedBytes;
        boolean deleted;

        SegmentScan(Path segment, boolean last, boolean repair, boolean firstScanned, long sequence, byte[] chainHash,
                    long timestamp) {
            this.segment = segment;
            this.last = last;
            this.repair = repair;
            this.firstScanned = firstScanned;
            this.sequence = sequence;
            this.chainHash = chainHash;
            this.timestamp = timestamp;
        }

        void run(Visitor visitor) {
            try (StorageFile channel = storage.open(segment, repair && last ? OpenMode.WRITE : OpenMode.READ)) {
                long size = channel.size();
                if (!readSegmentHeader(channel, size, visitor)) {
                    return;
                }
                long offset = JournalFormat.SEGMENT_HEADER_BYTES;
                while (offset < size) {
                    int length = readEntry(channel, offset, size);
                    if (length < 0) {
                        truncate(channel, offset, size);
                        return;
                    }
                    visitor.entry(segment, offset, buffer, length);
                    entries++;
                    offset += length;
                }
                validBytes = size;
            } catch (IOException failure) {
                throw new JournalException("cannot read journal segment", segment, validBytes, sequence, failure);
            }
        }

        private boolean readSegmentHeader(StorageFile channel, long size, Visitor visitor) throws IOException {
            long firstSequence = JournalFormat.firstSequenceOf(segment);
            boolean valid = size >= JournalFormat.SEGMENT_HEADER_BYTES
                    && readFully(channel, 0, JournalFormat.SEGMENT_HEADER_BYTES)
                    && Arrays.equals(buffer, 0, 8, JournalFormat.SEGMENT_MAGIC, 0, 8)
                    && crcOf(0, JournalFormat.SEGMENT_OFFSET_CRC)
                            == Bytes.getInt(buffer, JournalFormat.SEGMENT_OFFSET_CRC);
            if (!valid) {
                if (last && repair && size <= JournalFormat.SEGMENT_HEADER_BYTES) {
                    LOG.log(System.Logger.Level.WARNING, "journal: deleting torn segment with no entries file="
                            + segment + " bytes=" + size);
                    storage.deleteIfExists(segment);
                    deleted = true;
                    return false;
                }
                throw new JournalException("journal segment header is corrupt", segment, 0, firstSequence);
            }
            int version = Bytes.getInt(buffer, JournalFormat.SEGMENT_OFFSET_VERSION);
            if (version != JournalFormat.SEGMENT_VERSION) {
                throw new JournalException("unsupported journal segment version=" + version, segment, 0, firstSequence);
            }
            long headerSequence = Bytes.getLong(buffer, JournalFormat.SEGMENT_OFFSET_FIRST_SEQUENCE);
            byte[] previousHash = Arrays.copyOfRange(buffer, JournalFormat.SEGMENT_OFFSET_PREVIOUS_HASH,
                    JournalFormat.SEGMENT_OFFSET_PREVIOUS_HASH + JournalFormat.HASH_BYTES);
            if (headerSequence != firstSequence) {
                throw new JournalException("segment header names another first sequence=" + headerSequence,
                        segment, 0, firstSequence);
            }
            if (!firstScanned && (firstSequence != sequence + 1 || !Arrays.equals(previousHash, chainHash))) {
                throw new JournalException("segment does not continue the previous one (sequence or chain hash)",
                        segment, 0, firstSequence);
            }
            sequence = firstSequence - 1;
            chainHash = previousHash;
            visitor.segment(segment, firstSequence, previousHash);
            validBytes = JournalFormat.SEGMENT_HEADER_BYTES;
            return true;
        }

        /** Reads and checks the entry at offset into the buffer; returns its length, or -1 for a torn tail. */
        private int readEntry(StorageFile channel, long offset, long size) throws IOException {
            long expected = sequence + 1;
            if (size - offset < JournalFormat.ENTRY_HEADER_BYTES_V1) {
                return torn("fewer bytes than an entry header remain", offset, expected);
            }
            readFully(channel, offset, JournalFormat.ENTRY_HEADER_BYTES_V1);
            int version = JournalFormat.version(buffer, 0);
            int length = Bytes.getInt(buffer, JournalFormat.ENTRY_OFFSET_LENGTH);
            if (JournalFormat.hasHeaderCrc(version)) {
                int headerChecked = checkHeader(channel, offset, size, length, expected);
                if (headerChecked < 0) {
                    return headerChecked;
                }
            } else if (version != JournalFormat.ENTRY_VERSION_V1) {
                if (allZero(channel, offset, size)) {
                    return torn("zeroed entry header", offset, expected);
                }
                if (isZero(buffer, JournalFormat.ENTRY_HEADER_BYTES_V1)) {
                    // Never written, with bytes after it: a later write reached the disk before this one did. Nothing
                    // from here on was acknowledged, because an acknowledgement waits for an fsync, and an fsync makes
                    // every earlier write of the file durable too.
                    return torn("zeroed entry header before bytes of a later write", offset, expected);
                }
                throw new JournalException("journal entry has an unsupported format version=" + version, segment,
                        offset, expected);
            }
            if (length < JournalFormat.headerBytes(version) || length > entryBytesMax) {
                if (allZero(channel, offset, size)) {
                    return torn("zeroed entry header", offset, expected);
                }
                throw new JournalException("journal entry has an impossible length=" + length, segment, offset,
                        expected);
            }
            if (offset + length > size) {
                if (version == JournalFormat.ENTRY_VERSION_V1) {
                    refuseIfLengthIsCorrupt(channel, offset, size, expected);
                }
                return torn("entry runs past the end of the file length=" + length, offset, expected);
            }
            readFully(channel, offset, length);
            int crcStored = Bytes.getInt(buffer, JournalFormat.ENTRY_OFFSET_CRC);
            if (crcOf(JournalFormat.ENTRY_CRC_FROM, length) != crcStored) {
                if (offset + length == size) {
                    if (version == JournalFormat.ENTRY_VERSION_V1) {
                        refuseIfLengthIsCorrupt(channel, offset, size, expected);
                    }
                    if (endsInUnwrittenSectors(channel, offset, size)) {
                        return torn("CRC mismatch in the last entry, whose last sectors were never written", offset,
                                expected);
                    }
                    throw new JournalException("journal entry is corrupt (CRC mismatch in the last entry, which was"
                            + " written whole: damage, not a torn write)", segment, offset, expected);
                }
                throw new JournalException("journal entry is corrupt (CRC mismatch)", segment, offset, expected);
            }
            checkOrder(offset, length, expected);
            return length;
        }

        /**
         * Checks a version 2 header, whose own CRC covers the length field: once it matches, the length can be
         * trusted. Returns 0 when the header is sound, -1 for a torn tail; throws for corruption.
         */
        private int checkHeader(StorageFile channel, long offset, long size, int length, long expected)
                throws IOException {
            if (size - offset < JournalFormat.ENTRY_HEADER_BYTES) {
                return torn("fewer bytes than an entry header remain", offset, expected);
            }
            readFully(channel, offset, JournalFormat.ENTRY_HEADER_BYTES);
            if (JournalFormat.headerCrcMatches(buffer, 0, crc)) {
                return 0;
            }
            if (allZero(channel, offset, size)) {
                return torn("zeroed entry header", offset, expected);
            }
            // A torn write leaves the file ending inside the entry it was writing; a damaged header with whole data
            // after it is corruption, and so is a length that was damaged in place.
            boolean endsInside = length < JournalFormat.ENTRY_HEADER_BYTES || offset + (long) length > size;
            if (endsInside) {
                refuseIfLengthIsCorrupt(channel, offset, size, expected);
                return torn("header CRC mismatch in the last entry", offset, expected);
            }
            if (offset + (long) length == size) {
                refuseIfLengthIsCorrupt(channel, offset, size, expected);
                if (endsInUnwrittenSectors(channel, offset, size)) {
                    return torn("header CRC mismatch in the last entry, whose last sectors were never written",
                            offset, expected);
                }
                throw new JournalException("journal entry header is corrupt (header CRC mismatch in the last entry,"
                        + " which was written whole: damage, not a torn write) length=" + length, segment, offset,
                        expected);
            }
            throw new JournalException("journal entry header is corrupt (header CRC mismatch: the length or another"
                    + " header field is damaged) length=" + length, segment, offset, expected);
        }

        private void checkOrder(long offset, int length, long expected) {
            long entrySequence = Bytes.getLong(buffer, JournalFormat.ENTRY_OFFSET_SEQUENCE);
            if (entrySequence != expected) {
                throw new JournalException("journal sequence is not contiguous found=" + entrySequence, segment,
                        offset, expected);
            }
            long entryTimestamp = Bytes.getLong(buffer, JournalFormat.ENTRY_OFFSET_TIMESTAMP);
            if (entryTimestamp <= timestamp) {
                throw new JournalException("journal timestamp does not increase timestamp=" + entryTimestamp,
                        segment, offset, expected);
            }
            sha256.reset();
            sha256.update(chainHash);
            sha256.update(buffer, JournalFormat.ENTRY_HASHED_FROM, length - JournalFormat.ENTRY_HASHED_FROM);
            byte[] computed = sha256.digest();
            if (!Arrays.equals(computed, 0, JournalFormat.HASH_BYTES, buffer, JournalFormat.ENTRY_OFFSET_HASH,
                    JournalFormat.ENTRY_OFFSET_HASH + JournalFormat.HASH_BYTES)) {
                throw new JournalException("journal hash chain is broken", segment, offset, expected);
            }
            chainHash = computed;
            sequence = entrySequence;
            timestamp = entryTimestamp;
        }

        /**
         * Before a tail is cut as torn: if some shorter length makes the bytes at offset a whole entry whose CRC and
         * chain hash both match, the entry was written completely and only its length field is damaged.
         */
        private void refuseIfLengthIsCorrupt(StorageFile channel, long offset, long size, long expected)
                throws IOException {
            int available = (int) Math.min(size - offset, entryBytesMax);
            readFully(channel, offset, available);
            int crcStored = Bytes.getInt(buffer, JournalFormat.ENTRY_OFFSET_CRC);
            if (available < JournalFormat.ENTRY_HEADER_BYTES_V1) {
                return;
            }
            crc.reset();
            crc.update(buffer, JournalFormat.ENTRY_CRC_FROM,
                    JournalFormat.ENTRY_HEADER_BYTES_V1 - JournalFormat.ENTRY_CRC_FROM);
            for (int length = JournalFormat.ENTRY_HEADER_BYTES_V1; length <= available; length++) {
                if ((int) crc.getValue() == crcStored && chainHashMatches(length)) {
                    throw new JournalException("journal entry length is corrupt; a whole entry of length=" + length
                            + " is there", segment, offset, expected);
                }
                if (length < available) {
                    crc.update(buffer[length]);
                }
            }
        }

        private boolean chainHashMatches(int length) {
            sha256.reset();
            sha256.update(chainHash);
            sha256.update(buffer, JournalFormat.ENTRY_HASHED_FROM, length - JournalFormat.ENTRY_HASHED_FROM);
            return Arrays.equals(sha256.digest(), 0, JournalFormat.HASH_BYTES, buffer, JournalFormat.ENTRY_OFFSET_HASH,
                    JournalFormat.ENTRY_OFFSET_HASH + JournalFormat.HASH_BYTES);
        }

        private int torn(String what, long offset, long expected) {
            if (!last || !repair) {
                throw new JournalException("journal entry is incomplete (" + what + ")", segment, offset, expected);
            }
            LOG.log(System.Logger.Level.WARNING, "journal: truncating torn last entry (" + what + ") file=" + segment
                    + " offset=" + offset + " sequence=" + expected);
            return -1;
        }

        private void truncate(StorageFile channel, long offset, long size) throws IOException {
            channel.truncate(offset);
            // fsync with metadata: the cut must be durable before anything is appended after it.
            channel.syncAll();
            truncatedBytes = size - offset;
            validBytes = offset;
        }

        /**
         * Whether the entry that starts at {@code offset} and ends at {@code end} ends in whole sectors that were never
         * written: from the first sector boundary after its start, every byte is zero.
         */
        private boolean endsInUnwrittenSectors(StorageFile channel, long offset, long end) throws IOException {
            long boundary = (offset / SECTOR_BYTES + 1) * SECTOR_BYTES;
            return end - boundary >= UNWRITTEN_TAIL_BYTES_MIN && allZero(channel, boundary, end);
        }

        private static boolean isZero(byte[] bytes, int length) {
            for (int index = 0; index < length; index++) {
                if (bytes[index] != 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean allZero(StorageFile channel, long offset, long size) throws IOException {
            for (long position = offset; position < size; position += buffer.length) {
                int chunk = (int) Math.min(buffer.length, size - position);
                readFully(channel, position, chunk);
                for (int index = 0; index < chunk; index++) {
                    if (buffer[index] != 0) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private boolean readFully(StorageFile channel, long position, int length) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        while (target.hasRemaining()) {
            int read = channel.read(target, position + target.position());
            if (read < 0) {
                return false;
            }
        }
        return true;
    }

    private long crcOf(int from, int to) {
        crc.reset();
        crc.update(buffer, from, to - from);
        return (int) crc.getValue();
    }
}
