package dev.corebank.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The file system as the journal, snapshots and recovery see it: the one seam between the engine and the disk.
 * {@link FileStorage#INSTANCE} is production; tests put a storage in front of it (or in place of it) that injects
 * faults and simulates crashes. Every failure is an {@link IOException}; callers wrap it in a
 * {@link JournalException} naming the file and offset.
 */
public interface Storage {
    StorageFile open(Path file, OpenMode mode) throws IOException;

    /** The files directly in {@code directory}, in no particular order; empty when it does not exist. */
    List<Path> list(Path directory) throws IOException;

    void createDirectories(Path directory) throws IOException;

    /** Renames in one step: a crash leaves the old name or the new one. Durable only after {@link #syncDirectory}. */
    void moveAtomically(Path source, Path target) throws IOException;

    /** Deletes the file if it exists; durable only after {@link #syncDirectory}. */
    void deleteIfExists(Path file) throws IOException;

    /** Makes the creations, renames and deletions in {@code directory} durable. */
    void syncDirectory(Path directory) throws IOException;

    /**
     * Puts {@code content} in {@code file} so that a crash leaves the old file or the whole new one: written to a
     * temporary sibling, fsynced, renamed into place, and the directory fsynced.
     */
    default void replaceDurably(Path file, byte[] content) throws IOException {
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        try (StorageFile opened = open(written, OpenMode.CREATE_OR_TRUNCATE)) {
            ByteBuffer remaining = ByteBuffer.wrap(content);
            while (remaining.hasRemaining()) {
                opened.write(remaining, remaining.position());
            }
            opened.syncAll();
        }
        moveAtomically(written, file);
        syncDirectory(file.getParent());
    }

    /** The size of a file, read by opening it. */
    default long size(Path file) throws IOException {
        try (StorageFile opened = open(file, OpenMode.READ)) {
            return opened.size();
        }
    }
}
