package dev.corebank.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A storage in front of a {@link MemoryStorage} that counts syncs and injects faults: the next sync fails, writes fail
 * as on a full disk, reads come back short, a bit flips at an offset, and a crash loses everything unsynced, optionally
 * tearing the last write at a chosen byte. Everything random (the length of a short read) follows from the seed.
 */
final class FaultStorage implements Storage {
    /** One sync call as the storage saw it: the file, its length when asked, and whether it was reported done. */
    record Sync(Path file, long length, boolean succeeded) {
    }

    /** The last write, kept so that a crash can tear it. */
    private record Write(Path file, long position, byte[] bytes) {
    }

    private final MemoryStorage memory;
    private final SplittableRandom random;
    private final List<Sync> syncs = new ArrayList<>();
    private boolean failNextSync;
    private boolean diskFull;
    private boolean shortReads;
    /** At or above zero: the next write keeps only this many of its bytes (modulo its length) and the power fails. */
    private int tearNextWriteDraw = -1;
    private Write lastWrite;

    FaultStorage(MemoryStorage memory, long seed) {
        this.memory = memory;
        this.random = new SplittableRandom(seed);
    }

    MemoryStorage memory() {
        return memory;
    }

    /** The next sync of any file throws and makes nothing durable. */
    synchronized void failNextSync() {
        failNextSync = true;
    }

    /** Every write from now on throws the way a full disk does. */
    synchronized void failWritesWithNoSpace() {
        diskFull = true;
    }

    /** Reads from now on return between one byte and what was asked, chosen by the seed. */
    synchronized void returnShortReads() {
        shortReads = true;
    }

    /**
     * The next write of any file is torn: only its first {@code bytesKeptDraw % length} bytes reach the disk, then the
     * power fails (as {@link #crash()}) and the write throws. Deterministic for a given draw.
     */
    synchronized void tearNextWrite(int bytesKeptDraw) {
        Check.that(bytesKeptDraw >= 0, "bytesKeptDraw must not be negative bytesKeptDraw=%d", bytesKeptDraw);
        tearNextWriteDraw = bytesKeptDraw;
    }

    /** No fault armed any more: syncs and writes succeed and reads are whole, as on a replaced disk. */
    synchronized void clearFaults() {
        failNextSync = false;
        diskFull = false;
        shortReads = false;
        tearNextWriteDraw = -1;
    }

    /** Flips one bit of a file's bytes, live and durable, as a bad sector would. */
    void flipBit(Path file, long offset, int bit) throws IOException {
        try (StorageFile opened = memory.open(file, OpenMode.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            Check.that(opened.read(one, offset) == 1, "no byte to flip file=%s offset=%d", file, offset);
            one.put(0, (byte) (one.get(0) ^ (1 << bit)));
            opened.write(one.rewind(), offset);
            opened.syncData();
        }
    }

    /** Power loss: everything not synced is gone, and the storage is down until {@link #restart()}. */
    synchronized void crash() {
        memory.crash();
    }

    /** Power loss during the last write: only its first {@code bytesKept} bytes reached the disk. */
    synchronized void crashTearingLastWrite(int bytesKept) {
        Check.that(lastWrite != null, "no write to tear");
        Check.that(bytesKept >= 0 && bytesKept < lastWrite.bytes.length, "bytesKept=%d outside the write of length=%d",
                bytesKept, lastWrite.bytes.length);
        byte[] prefix = java.util.Arrays.copyOf(lastWrite.bytes, bytesKept);
        memory.crashTearing(lastWrite.file, lastWrite.position, prefix);
    }

    /** The length of the last write, or 0 when nothing was written. */
    synchronized int lastWriteLength() {
        return lastWrite == null ? 0 : lastWrite.bytes.length;
    }

    synchronized void restart() {
        memory.restart();
    }

    /** Every sync call so far, in order. */
    synchronized List<Sync> syncs() {
        return List.copyOf(syncs);
    }

    synchronized long syncsSucceeded() {
        return syncs.stream().filter(Sync::succeeded).count();
    }

    @Override
    public StorageFile open(Path file, OpenMode mode) throws IOException {
        return new Handle(memory.open(file, mode));
    }

    @Override
    public List<Path> list(Path directory) throws IOException {
        return memory.list(directory);
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        memory.createDirectories(directory);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        memory.moveAtomically(source, target);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
        memory.deleteIfExists(file);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        memory.syncDirectory(directory);
    }

    private synchronized void beforeSync(StorageFile file) throws IOException {
        long length = memory.liveLength(file.path());
        if (failNextSync) {
            failNextSync = false;
            syncs.add(new Sync(file.path(), length, false));
            throw new IOException("Input/output error (injected fsync failure) file=" + file.path());
        }
    }

    private synchronized void afterSync(StorageFile file) {
        syncs.add(new Sync(file.path(), memory.liveLength(file.path()), true));
    }

    /** One open file, with the faults applied on the way through. */
    private final class Handle implements StorageFile {
        private final StorageFile inner;

        Handle(StorageFile inner) {
            this.inner = inner;
        }

        @Override
        public Path path() {
            return inner.path();
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            int asked = target.remaining();
            int allowed;
            synchronized (FaultStorage.this) {
                allowed = shortReads && asked > 1 ? 1 + random.nextInt(asked - 1) : asked;
            }
            ByteBuffer limited = target.slice(target.position(), allowed);
            int read = inner.read(limited, position);
            if (read > 0) {
                target.position(target.position() + read);
            }
            return read;
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            synchronized (FaultStorage.this) {
                if (diskFull) {
                    throw new IOException("No space left on device (injected) file=" + path());
                }
                byte[] bytes = new byte[source.remaining()];
                source.duplicate().get(bytes);
                lastWrite = new Write(path(), position, bytes);
                if (tearNextWriteDraw >= 0 && bytes.length > 0) {
                    int kept = tearNextWriteDraw % bytes.length;
                    tearNextWriteDraw = -1;
                    memory.crashTearing(path(), position, java.util.Arrays.copyOf(bytes, kept));
                    throw new IOException("power lost during a write (injected) file=" + path() + " bytesKept="
                            + kept + " of=" + bytes.length);
                }
            }
            return inner.write(source, position);
        }

        @Override
        public void syncData() throws IOException {
            beforeSync(this);
            inner.syncData();
            afterSync(this);
        }

        @Override
        public void syncAll() throws IOException {
            beforeSync(this);
            inner.syncAll();
            afterSync(this);
        }

        @Override
        public void truncate(long size) throws IOException {
            inner.truncate(size);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
