package dev.corebank.ledger;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes and loads snapshots of the whole ledger state. A snapshot is written to a temporary file, fsynced, and renamed
 * into place, so a crash leaves either the old snapshot or the new one, never half of one.
 *
 * <pre>
 * snapshot file
 *  0      8   magic "CBSNAPSH"
 *  8      4   format version (3). A snapshot of an older version (1: accounts without profiles; 2: without the
 *             business date, overdraft limits and value dates) is skipped with a warning naming its version, and
 *             recovery replays the journal instead, which holds everything the snapshot did.
 * 12      4   reserved, zero
 * 16      8   journal sequence the state includes
 * 24     32   chain hash of that journal entry
 * 56      8   last engine timestamp
 * 64      8   account count
 * 72      8   transfer count
 * 80    ...   the canonical state encoding (StateEncoding)
 * end-36 32   state hash: SHA-256 of the canonical state encoding
 * end-4   4   CRC32C of every byte before it
 * </pre>
 */
final class SnapshotStore {
    private static final System.Logger LOG = System.getLogger(SnapshotStore.class.getName());
    private static final byte[] MAGIC = "CBSNAPSH".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 3;
    private static final int HEADER_BYTES = 80;
    private static final String SUFFIX = ".snapshot";
    /** A snapshot being written is made durable in steps of this many bytes (see {@link SnapshotOutput}). */
    static final long SYNC_EVERY_BYTES = 1 << 20;
    /** An old snapshot is renamed to this while it is deleted, so a crash halfway never leaves a half snapshot. */
    private static final String DELETING_SUFFIX = ".deleting";
    /** An old snapshot is truncated in steps of this many bytes before it is deleted ({@link #shrinkThenDelete}). */
    static final long DELETE_STEP_BYTES = 8L << 20;
    /** How many snapshots to keep; older ones are deleted once a newer one is durable. */
    static final int SNAPSHOTS_KEPT = 2;

    /** A loaded snapshot. */
    record Loaded(LedgerState state, long sequence, byte[] chainHash, byte[] stateHash, Path file) {
    }

    private final Storage storage;
    private final Path directory;

    SnapshotStore(Storage storage, Path directory) {
        this.storage = storage;
        this.directory = directory;
    }

    /** Writes a snapshot of the state as of journal {@code sequence}; returns the state hash. */
    byte[] write(LedgerState state, long sequence, byte[] chainHash) {
        return write(state, sequence, chainHash, () -> false);
    }

    /**
     * Writes a snapshot of the state as of journal {@code sequence} and returns the state hash, or returns null, with
     * the temporary file deleted, when {@code abandon} turns true while it is written (the engine is stopping). One
     * snapshot is written at a time: the engine (on close, or when asked) and the snapshotter share this store.
     */
    synchronized byte[] write(LedgerState state, long sequence, byte[] chainHash, BooleanSupplier abandon) {
        Path target = directory.resolve(String.format("%020d%s", sequence, SUFFIX));
        Path temporary = directory.resolve(target.getFileName() + ".tmp");
        MessageDigest stateDigest = JournalWriter.sha256();
        byte[] stateHash;
        try {
            CRC32C crc = new CRC32C();
            try (StorageFile opened = storage.open(temporary, OpenMode.CREATE_OR_TRUNCATE)) {
                OutputStream file = new SnapshotOutput(opened, abandon);
                CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), crc);
                checked.write(header(state, sequence, chainHash));
                StateEncoding.write(state, new DigestOutputStream(checked, stateDigest));
                stateHash = stateDigest.digest();
                checked.write(stateHash);
                checked.flush();
                byte[] crcBytes = new byte[4];
                Bytes.putInt(crcBytes, 0, (int) crc.getValue());
                file.write(crcBytes);
                // fsync with metadata before the rename, so the new name never points at bytes still in flight.
                opened.syncAll();
            }
            storage.moveAtomically(temporary, target);
            storage.syncDirectory(directory);
        } catch (InterruptedIOException abandoned) {
            try {
                storage.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // A temporary file left behind is truncated by the next write and never loaded.
            }
            return null;
        } catch (IOException failure) {
            throw new JournalException("cannot write snapshot", temporary, 0, sequence, failure);
        }
        deleteOlderThan(SNAPSHOTS_KEPT);
        return stateHash;
    }

    /**
     * The file a snapshot is written to: it stops once {@code abandon} turns true (checked at every buffer), and it
     * makes its bytes durable every {@link #SYNC_EVERY_BYTES} as it goes. Without those syncs the whole snapshot
     * would be dirty in the page cache at its final fsync, and the journal's group commit, on the same disk and file
     * system, would wait behind that one large flush.
     */
    private static final class SnapshotOutput extends FilterOutputStream {
        private final StorageFile file;
        private final BooleanSupplier abandon;
        private long unsynced;

        SnapshotOutput(StorageFile file, BooleanSupplier abandon) {
            super(new StorageOutput(file));
            this.file = file;
            this.abandon = abandon;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (abandon.getAsBoolean()) {
                throw new InterruptedIOException("snapshot abandoned");
            }
            out.write(bytes, offset, length);
            unsynced += length;
            if (unsynced >= SYNC_EVERY_BYTES) {
                file.syncData();
                unsynced = 0;
            }
        }
    }

    private static byte[] header(LedgerState state, long sequence, byte[] chainHash) {
        byte[] header = new byte[HEADER_BYTES];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        Bytes.putInt(header, 8, VERSION);
        Bytes.putLong(header, 16, sequence);
        System.arraycopy(chainHash, 0, header, 24, JournalFormat.HASH_BYTES);
        Bytes.putLong(header, 56, state.lastTimestamp);
        Bytes.putLong(header, 64, state.accountCount());
        Bytes.putLong(header, 72, state.transferCount());
        return header;
    }

    /** The newest snapshot that loads and checks out, or null. A bad one is skipped with a warning naming it. */
    Loaded loadNewest(LedgerConfig config) {
        List<Path> snapshots = list();
        for (int index = snapshots.size() - 1; index >= 0; index--) {
            Path file = snapshots.get(index);
            try {
                return load(file, config);
            } catch (IOException | RuntimeException unusable) {
                LOG.log(System.Logger.Level.WARNING, "snapshot: skipping unusable snapshot file=" + file + " reason="
                        + unusable.getMessage());
            }
        }
        return null;
    }

    /**
     * Loads one snapshot: the header, the state, the state hash and the CRC32C, which must match every byte before it.
     * The state hash is not recomputed here: recovery computes the state hash once, after the journal's tail is
     * replayed, and compares it with this one when nothing was replayed (see {@link Recovery}).
     */
    Loaded load(Path file, LedgerConfig config) throws IOException {
        try (StorageFile opened = storage.open(file, OpenMode.READ)) {
            long size = opened.size();
            if (size < HEADER_BYTES + JournalFormat.HASH_BYTES + 4) {
                throw new IOException("snapshot too short bytes=" + size);
            }
            SnapshotInput in = new SnapshotInput(opened, size);
            byte[] header = in.take(HEADER_BYTES);
            int version = Bytes.getInt(header, 8);
            if (!Arrays.equals(header, 0, 8, MAGIC, 0, 8) || version != VERSION) {
                throw new IOException("not a version " + VERSION + " snapshot version=" + version
                        + " (older snapshots are not read; the journal is replayed instead)");
            }
            long sequence = Bytes.getLong(header, 16);
            byte[] chainHash = Arrays.copyOfRange(header, 24, 24 + JournalFormat.HASH_BYTES);
            LedgerState state = new LedgerState(config);
            StateEncoding.read(in, Bytes.getLong(header, 64), Bytes.getLong(header, 72), state);
            state.lastTimestamp = Bytes.getLong(header, 56);
            byte[] stateHash = in.take(JournalFormat.HASH_BYTES);
            int crcComputed = in.crc();
            byte[] crcBytes = in.take(4);
            if (crcComputed != Bytes.getInt(crcBytes, 0) || !in.atEnd()) {
                throw new IOException("snapshot checksum mismatch bytes=" + size);
            }
            state.checkTotals();
            return new Loaded(state, sequence, chainHash, stateHash, file);
        }
    }

    List<Path> list() {
        try {
            return storage.list(directory).stream().filter(path -> path.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException failure) {
            throw new JournalException("cannot list snapshot directory", directory, 0, 0, failure);
        }
    }

    private void deleteOlderThan(int kept) {
        List<Path> snapshots = list();
        for (int index = 0; index < snapshots.size() - kept; index++) {
            Path file = snapshots.get(index);
            try {
                Path deleting = file.resolveSibling(file.getFileName() + DELETING_SUFFIX);
                storage.moveAtomically(file, deleting);
                shrinkThenDelete(deleting);
            } catch (IOException failure) {
                LOG.log(System.Logger.Level.WARNING, "snapshot: cannot delete old snapshot file=" + file
                        + " reason=" + failure.getMessage());
            }
        }
        try {
            for (Path left : storage.list(directory)) {
                // One a crash stopped halfway; renamed first, so it was never a snapshot to load again.
                if (left.getFileName().toString().endsWith(DELETING_SUFFIX)) {
                    shrinkThenDelete(left);
                }
            }
        } catch (IOException failure) {
            LOG.log(System.Logger.Level.WARNING, "snapshot: cannot delete a snapshot left half deleted reason="
                    + failure.getMessage());
        }
    }

    /**
     * Deletes a file by truncating it in steps of {@link #DELETE_STEP_BYTES}, each made durable, before the unlink.
     * Unlinked at once, a snapshot of a gigabyte frees all its blocks in one file-system commit (on a file system
     * mounted with online discard, trimming them there), and the journal's next fsync on the same file system waits
     * behind that commit: up to 66 ms here, against 8 ms in steps (docs/BENCHMARKS.md, recovery).
     */
    private void shrinkThenDelete(Path file) throws IOException {
        try (StorageFile opened = storage.open(file, OpenMode.WRITE)) {
            for (long size = opened.size(); size > 0; ) {
                size = Math.max(0, size - DELETE_STEP_BYTES);
                opened.truncate(size);
                opened.syncAll();
            }
        }
        storage.deleteIfExists(file);
    }
}
