package dev.corebank.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A storage held in memory that knows what a power loss would keep. Every file has its live bytes and its durable
 * bytes (as of its last successful sync); every directory has its live names and its durable names (as of its last
 * directory sync). {@link #crash()} throws away everything not durable and takes the storage down, so that the
 * threads of the engine that was running get an {@link IOException} on their next call; {@link #restart()} brings it
 * back for the next engine. Directories themselves are durable as soon as they are created. Thread-safe: one lock.
 */
final class MemoryStorage implements Storage {
    /** The bytes of one file, shared by every name and handle that points at it. */
    private static final class Inode {
        byte[] live = new byte[0];
        byte[] durable = new byte[0];
    }

    private final Set<Path> directories = new HashSet<>();
    private Map<Path, Inode> names = new HashMap<>();
    private Map<Path, Inode> durableNames = new HashMap<>();
    private int generation;
    private boolean down;

    @Override
    public synchronized StorageFile open(Path file, OpenMode mode) throws IOException {
        checkUp();
        Inode inode = names.get(file);
        if (!directories.contains(file.getParent())) {
            throw new NoSuchFileException(file.toString(), null, "no such directory");
        }
        switch (mode) {
            case READ, WRITE -> {
                if (inode == null) {
                    throw new NoSuchFileException(file.toString());
                }
            }
            case CREATE_NEW -> {
                if (inode != null) {
                    throw new FileAlreadyExistsException(file.toString());
                }
                inode = new Inode();
                names.put(file, inode);
            }
            case CREATE_OR_TRUNCATE -> {
                if (inode == null) {
                    inode = new Inode();
                    names.put(file, inode);
                }
                inode.live = new byte[0];
            }
        }
        return new Handle(file, inode, mode != OpenMode.READ, generation);
    }

    @Override
    public synchronized List<Path> list(Path directory) throws IOException {
        checkUp();
        List<Path> found = new ArrayList<>();
        for (Path name : names.keySet()) {
            if (directory.equals(name.getParent())) {
                found.add(name);
            }
        }
        return found;
    }

    @Override
    public synchronized void createDirectories(Path directory) throws IOException {
        checkUp();
        for (Path each = directory; each != null; each = each.getParent()) {
            directories.add(each);
        }
    }

    @Override
    public synchronized void moveAtomically(Path source, Path target) throws IOException {
        checkUp();
        Inode inode = names.remove(source);
        if (inode == null) {
            throw new NoSuchFileException(source.toString());
        }
        names.put(target, inode);
    }

    @Override
    public synchronized void deleteIfExists(Path file) throws IOException {
        checkUp();
        names.remove(file);
    }

    @Override
    public synchronized void syncDirectory(Path directory) throws IOException {
        checkUp();
        durableNames.keySet().removeIf(name -> directory.equals(name.getParent()));
        names.forEach((name, inode) -> {
            if (directory.equals(name.getParent())) {
                durableNames.put(name, inode);
            }
        });
    }

    /** Power loss: only durable names and durable bytes remain, and every call fails until {@link #restart()}. */
    synchronized void crash() {
        names = new HashMap<>(durableNames);
        for (Inode inode : names.values()) {
            inode.live = inode.durable.clone();
        }
        generation++;
        down = true;
    }

    /**
     * As {@link #crash()}, but the disk had written the first bytes of one more write: {@code prefix} lands at
     * {@code position} of {@code file} (a gap before it reads as zeros), as a torn write leaves it.
     */
    synchronized void crashTearing(Path file, long position, byte[] prefix) {
        crash();
        Inode inode = names.get(file);
        if (inode != null) {
            inode.live = place(inode.live, position, prefix);
            inode.durable = inode.live.clone();
        }
    }

    /** Power back on: calls work again. Handles opened before the crash stay dead. */
    synchronized void restart() {
        down = false;
    }

    /** The durable bytes of every file under a durable name in {@code directory}, ordered by name. */
    synchronized Map<Path, byte[]> durableFiles(Path directory) {
        Map<Path, byte[]> files = new TreeMap<>();
        durableNames.forEach((name, inode) -> {
            if (directory.equals(name.getParent())) {
                files.put(name, inode.durable.clone());
            }
        });
        return files;
    }

    /** The live length of a file, or -1 when it does not exist. */
    synchronized long liveLength(Path file) {
        Inode inode = names.get(file);
        return inode == null ? -1 : inode.live.length;
    }

    private void checkUp() throws IOException {
        if (down) {
            throw new IOException("storage is down after a simulated crash");
        }
    }

    private static byte[] place(byte[] content, long position, byte[] bytes) {
        int end = Math.toIntExact(position + bytes.length);
        byte[] result = end > content.length ? Arrays.copyOf(content, end) : content;
        System.arraycopy(bytes, 0, result, (int) position, bytes.length);
        return result;
    }

    /** One open file; dead once the storage has crashed after it was opened. */
    private final class Handle implements StorageFile {
        private final Path path;
        private final Inode inode;
        private final boolean writable;
        private final int openedInGeneration;

        Handle(Path path, Inode inode, boolean writable, int openedInGeneration) {
            this.path = path;
            this.inode = inode;
            this.writable = writable;
            this.openedInGeneration = openedInGeneration;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public long size() throws IOException {
            synchronized (MemoryStorage.this) {
                checkAlive();
                return inode.live.length;
            }
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            synchronized (MemoryStorage.this) {
                checkAlive();
                if (position >= inode.live.length) {
                    return -1;
                }
                int count = (int) Math.min(target.remaining(), inode.live.length - position);
                target.put(inode.live, (int) position, count);
                return count;
            }
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            synchronized (MemoryStorage.this) {
                checkWritable();
                byte[] bytes = new byte[source.remaining()];
                source.get(bytes);
                inode.live = place(inode.live, position, bytes);
                return bytes.length;
            }
        }

        @Override
        public void syncData() throws IOException {
            syncAll();
        }

        @Override
        public void syncAll() throws IOException {
            synchronized (MemoryStorage.this) {
                checkAlive();
                inode.durable = inode.live.clone();
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            synchronized (MemoryStorage.this) {
                checkWritable();
                if (size < inode.live.length) {
                    inode.live = Arrays.copyOf(inode.live, (int) size);
                }
            }
        }

        @Override
        public void close() {
        }

        private void checkWritable() throws IOException {
            checkAlive();
            if (!writable) {
                throw new IOException("file is open for reading only file=" + path);
            }
        }

        private void checkAlive() throws IOException {
            checkUp();
            if (openedInGeneration != generation) {
                throw new IOException("file was opened before a simulated crash file=" + path);
            }
        }
    }
}
