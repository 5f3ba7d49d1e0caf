package dev.corebank.ledger;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads a snapshot file front to back through one large buffer, so that decoding works on a byte array instead of
 * a stream call per field, and computes the CRC32C of every byte before the file's last four (the stored CRC) as the
 * bytes arrive. Records are decoded in place at {@link #position}; {@link #require} keeps enough bytes there.
 */
final class SnapshotInput {
    static final int BUFFER_BYTES = 8 << 20;

    private final StorageFile file;
    private final long size;
    private final long crcEnd;
    private final CRC32C crc = new CRC32C();
    final byte[] buffer = new byte[BUFFER_BYTES];
    /** The next unread byte in {@link #buffer}. */
    int position;
    /** The end of the bytes read into {@link #buffer}. */
    int limit;
    /** The file offset of {@code buffer[limit]}. */
    private long fileOffset;

    SnapshotInput(StorageFile file, long size) {
        this.file = file;
        this.size = size;
        this.crcEnd = size - 4;
    }

    /** Makes {@code bytes} bytes available from {@link #position}; the file must hold them. */
    void require(int bytes) throws IOException {
        if (!requireUpTo(bytes)) {
            throw new EOFException("snapshot ends early: " + bytes + " bytes needed at offset "
                    + (fileOffset - (limit - position)) + " of " + size);
        }
    }

    /** Makes up to {@code bytes} bytes available from {@link #position}; false if the file ends before them. */
    boolean requireUpTo(int bytes) throws IOException {
        if (limit - position >= bytes) {
            return true;
        }
        int kept = limit - position;
        System.arraycopy(buffer, position, buffer, 0, kept);
        position = 0;
        limit = kept;
        while (limit < bytes && fileOffset < size) {
            int room = (int) Math.min(buffer.length - limit, size - fileOffset);
            int read = file.read(ByteBuffer.wrap(buffer, limit, room), fileOffset);
            if (read < 0) {
                throw new EOFException("snapshot file shorter than its size " + size);
            }
            long covered = Math.min(fileOffset + read, crcEnd) - fileOffset;
            if (covered > 0) {
                crc.update(buffer, limit, (int) covered);
            }
            fileOffset += read;
            limit += read;
        }
        return limit - position >= bytes;
    }

    /** Copies the next {@code length} bytes out and moves past them. */
    byte[] take(int length) throws IOException {
        require(length);
        byte[] taken = java.util.Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return taken;
    }

    /** True once every byte of the file has been taken. */
    boolean atEnd() {
        return position == limit && fileOffset == size;
    }

    /** The CRC32C of every byte before the last four; complete once those bytes have been read. */
    int crc() {
        return (int) crc.getValue();
    }
}
