package dev.corebank.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;

/**
 * Appends entries to the segment files and makes them durable. Used by the engine's sync thread only. Every entry's
 * CRC and chain hash are computed here, off the engine thread, just before the bytes are written.
 */
final class JournalWriter implements AutoCloseable {
    private final Storage storage;
    private final Path directory;
    private final long segmentBytesMax;
    private final Durability durability;
    private final MessageDigest sha256;
    private final CRC32C crc = new CRC32C();
    private final byte[] chainHash = new byte[JournalFormat.HASH_BYTES];
    private StorageFile channel;
    private Path segment;
    private long segmentBytes;
    private long lastSequence;

    /**
     * Opens for appending after recovery. {@code segment} is the last segment with {@code validBytes} valid bytes, or
     * null when there is none yet.
     */
    JournalWriter(Storage storage, Path directory, long segmentBytesMax, Durability durability, Path segment,
                  long validBytes, long lastSequence, byte[] lastChainHash) {
        this.storage = storage;
        this.directory = directory;
        this.segmentBytesMax = segmentBytesMax;
        this.durability = durability;
        this.sha256 = sha256();
        this.lastSequence = lastSequence;
        System.arraycopy(lastChainHash, 0, chainHash, 0, JournalFormat.HASH_BYTES);
        if (segment != null) {
            try {
                this.channel = storage.open(segment, OpenMode.WRITE);
            } catch (IOException failure) {
                throw new JournalException("cannot open journal segment for append", segment, validBytes, 0, failure);
            }
            this.segment = segment;
            this.segmentBytes = validBytes;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", missing);
        }
    }

    long lastSequence() {
        return lastSequence;
    }

    byte[] chainHash() {
        return chainHash.clone();
    }

    /**
     * Seals every entry of the batch (CRC and chain hash) and writes them; they are durable only after {@link #sync()}.
     * A segment is rolled only at an entry boundary.
     */
    void append(WriteBatch batch) {
        byte[] bytes = batch.bytes;
        int runStart = batch.entries() == 0 ? 0 : batch.entryStart(0);
        for (int index = 0; index < batch.entries(); index++) {
            int start = batch.entryStart(index);
            int length = batch.entryLength(index);
            long sequence = Bytes.getLong(bytes, start + JournalFormat.ENTRY_OFFSET_SEQUENCE);
            Check.that(sequence == lastSequence + 1, "journal sequence gap expected=%d got=%d", lastSequence + 1,
                    sequence);
            if (channel == null || (segmentBytes + (start - runStart) + length > segmentBytesMax
                    && segmentBytes + (start - runStart) > JournalFormat.SEGMENT_HEADER_BYTES)) {
                // Roll before sealing: the new segment's header records the chain hash of the entry before it.
                writeRun(bytes, runStart, start, sequence);
                startSegment(sequence);
                runStart = start;
            }
            seal(bytes, start, length);
            lastSequence = sequence;
        }
        writeRun(bytes, runStart, batch.position, lastSequence);
    }

    private void writeRun(byte[] bytes, int from, int to, long sequence) {
        if (to > from) {
            writeFully(ByteBuffer.wrap(bytes, from, to - from), sequence);
            segmentBytes += to - from;
        }
    }

    /** Adds the chain hash and then the CRC, which covers the hash. */
    private void seal(byte[] bytes, int start, int length) {
        sha256.reset();
        sha256.update(chainHash);
        sha256.update(bytes, start + JournalFormat.ENTRY_HASHED_FROM, length - JournalFormat.ENTRY_HASHED_FROM);
        try {
            sha256.digest(bytes, start + JournalFormat.ENTRY_OFFSET_HASH, JournalFormat.HASH_BYTES);
        } catch (java.security.DigestException impossible) {
            throw new IllegalStateException("SHA-256 digest does not fit its field", impossible);
        }
        System.arraycopy(bytes, start + JournalFormat.ENTRY_OFFSET_HASH, chainHash, 0, JournalFormat.HASH_BYTES);
        crc.reset();
        crc.update(bytes, start + JournalFormat.ENTRY_CRC_FROM, length - JournalFormat.ENTRY_CRC_FROM);
        Bytes.putInt(bytes, start + JournalFormat.ENTRY_OFFSET_CRC, (int) crc.getValue());
    }

    /** Makes everything appended so far durable, as the configured durability level demands. */
    void sync() {
        if (durability == Durability.FSYNC && channel != null) {
            try {
                // fdatasync: the file's length is data too, so appended bytes are covered without the metadata flush.
                channel.syncData();
            } catch (IOException failure) {
                throw new JournalException("fsync of journal segment failed", segment, segmentBytes, lastSequence,
                        failure);
            }
        }
    }

    private void startSegment(long firstSequence) {
        closeSegment();
        Path next = directory.resolve(JournalFormat.segmentName(firstSequence));
        byte[] header = segmentHeader(firstSequence, chainHash);
        try {
            channel = storage.open(next, OpenMode.CREATE_NEW);
            segment = next;
            segmentBytes = 0;
            writeFully(ByteBuffer.wrap(header), firstSequence);
            segmentBytes = header.length;
            if (durability == Durability.FSYNC) {
                // fsync with metadata, then the directory: the new file's name must survive a crash too.
                channel.syncAll();
                storage.syncDirectory(directory);
            }
        } catch (IOException failure) {
            throw new JournalException("cannot create journal segment", next, 0, firstSequence, failure);
        }
    }

    static byte[] segmentHeader(long firstSequence, byte[] previousHash) {
        byte[] header = new byte[JournalFormat.SEGMENT_HEADER_BYTES];
        System.arraycopy(JournalFormat.SEGMENT_MAGIC, 0, header, 0, JournalFormat.SEGMENT_MAGIC.length);
        Bytes.putInt(header, JournalFormat.SEGMENT_OFFSET_VERSION, JournalFormat.SEGMENT_VERSION);
        Bytes.putLong(header, JournalFormat.SEGMENT_OFFSET_FIRST_SEQUENCE, firstSequence);
        System.arraycopy(previousHash, 0, header, JournalFormat.SEGMENT_OFFSET_PREVIOUS_HASH, JournalFormat.HASH_BYTES);
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(header, 0, JournalFormat.SEGMENT_OFFSET_CRC);
        Bytes.putInt(header, JournalFormat.SEGMENT_OFFSET_CRC, (int) headerCrc.getValue());
        return header;
    }

    private void writeFully(ByteBuffer buffer, long sequence) {
        try {
            long position = segmentBytes;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        } catch (IOException failure) {
            throw new JournalException("write to journal segment failed", segment, segmentBytes, sequence, failure);
        }
    }

    private void closeSegment() {
        if (channel != null) {
            sync();
            try {
                channel.close();
            } catch (IOException failure) {
                throw new JournalException("cannot close journal segment", segment, segmentBytes, lastSequence,
                        failure);
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        closeSegment();
    }

    /** Closes the file after a failure, without syncing: the failure is already being reported. */
    void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The engine has already failed with the first error; this one adds nothing.
            }
            channel = null;
        }
    }

    Path directory() {
        return directory;
    }
}
