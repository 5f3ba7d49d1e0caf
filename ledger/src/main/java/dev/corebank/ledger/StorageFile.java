package dev.corebank.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One open file of a {@link Storage}. Reads and writes are positional, so a handle keeps no cursor. Bytes written are
 * durable only after {@link #syncData()} or {@link #syncAll()}; which of the two a caller needs is its decision, made
 * explicit where it is called.
 */
public interface StorageFile extends AutoCloseable {
    Path path();

    long size() throws IOException;

    /** Reads into {@code target} from {@code position}; returns the bytes read, possibly fewer than asked, or -1 at the end. */
    int read(ByteBuffer target, long position) throws IOException;

    /** Writes from {@code source} at {@code position}; returns the bytes written, possibly fewer than remain. */
    int write(ByteBuffer source, long position) throws IOException;

    /** fdatasync: the file's content and length are durable, without the rest of its metadata. */
    void syncData() throws IOException;

    /** fsync: the file's content and all of its metadata are durable. */
    void syncAll() throws IOException;

    /** Cuts the file to {@code size} bytes; durable only after a sync. */
    void truncate(long size) throws IOException;

    @Override
    void close() throws IOException;
}
