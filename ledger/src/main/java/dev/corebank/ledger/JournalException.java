package dev.corebank.ledger;

import java.nio.file.Path;

/**
 * A journal that cannot be trusted or written: a corrupt or out-of-order entry, a broken hash chain, or an I/O
 * failure. The message always names the file and byte offset, and the sequence number when it is known.
 */
public final class JournalException extends RuntimeException {
    private final Path file;
    private final long offset;
    private final long sequence;

    public JournalException(String problem, Path file, long offset, long sequence, Throwable cause) {
        super(problem + " file=" + file + " offset=" + offset + (sequence > 0 ? " sequence=" + sequence : ""), cause);
        this.file = file;
        this.offset = offset;
        this.sequence = sequence;
    }

    public JournalException(String problem, Path file, long offset, long sequence) {
        this(problem, file, offset, sequence, null);
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    /** The sequence number of the entry concerned, or 0 when it is not known. */
    public long sequence() {
        return sequence;
    }
}
