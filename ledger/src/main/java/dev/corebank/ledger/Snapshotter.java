package dev.corebank.ledger;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes the periodic snapshots without stopping the engine. It keeps a <b>replica</b> of the ledger state: the
 * newest snapshot, then every committed journal entry after it, applied with the {@link Replayer} that recovery uses.
 * Each time the replica reaches a journal sequence that is a multiple of {@code snapshotEveryEntries}, it writes a
 * snapshot of the replica at exactly that sequence. The engine thread never waits for it: the engine's only share of
 * the work is the journal it writes anyway.
 *
 * <p>The cost is a second copy of the state in memory and the replay's CPU (a fraction of the engine's, since replay
 * decides nothing). A replica that falls behind (a snapshot of a large state takes seconds) catches up afterwards; it
 * reads the journal files, so nothing queues up in memory.
 *
 * <p>A failure (a snapshot that cannot be written, an fsync error on one, an entry that does not replay, a snapshot
 * that is not this journal's history) stops the snapshotter for good: it is logged, reported by {@link #failure()},
 * and never retried. The engine goes on, because the journal is the record and a snapshot only shortens the next
 * start; that start replays from the last good snapshot.
 *
 * <p>In production it runs on its own thread ({@link #start()}). The deterministic simulator drives it step by step
 * instead ({@link #catchUp(long)} on the simulator's thread), so a seed's trace does not depend on thread timing.
 */
final class Snapshotter {
    private static final System.Logger LOG = System.getLogger(Snapshotter.class.getName());
    /**
     * The nice value of the thread that writes snapshots (the encoding, the hashes and the writes, CPU-bound for
     * seconds): a weight about a tenth of the engine's threads' (Linux CFS), so when both want a core the engine, its
     * sync thread and the request threads run first, and the snapshot uses what is left; a write takes longer under
     * load. The replica is applied at the engine's priority, so it keeps up with the journal as before; it waits
     * while a snapshot of it is written.
     */
    static final int WRITER_NICENESS = 10;
    /** How long the thread waits for a new committed entry before it checks whether it should stop. */
    private static final long IDLE_WAIT_MILLIS = 100;

    private final LedgerConfig config;
    private final SnapshotStore store;
    private final JournalReader reader;
    private final long everyEntries;
    private final Object lock = new Object();
    private Thread thread;
    /** Writes the snapshots at a lower CPU priority; null in stepped mode, where the stepping thread writes them. */
    private ExecutorService writer;
    private LedgerState replica;
    private Replayer replayer;
    /** The journal sequence the replica includes. */
    private volatile long position = -1;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile long lastSnapshotSequence;
    private volatile long lastSnapshotMillis;
    private volatile long snapshotsWritten;
    /** True while a snapshot is being written, for operators and the benchmark that compares latency during one. */
    private volatile boolean writing;

    Snapshotter(LedgerConfig config, SnapshotStore store, JournalReader reader) {
        this.config = config;
        this.store = store;
        this.reader = reader;
        this.everyEntries = config.snapshotEveryEntries();
        if (everyEntries < 1) {
            throw new IllegalArgumentException("a snapshotter needs snapshotEveryEntries >= 1 snapshotEveryEntries="
                    + everyEntries);
        }
    }

    /** Starts the snapshotter's own thread, and the thread that writes its snapshots at a lower CPU priority. */
    void start() {
        writer = Executors.newSingleThreadExecutor(task -> {
            Thread lowered = new Thread(() -> {
                String kept = ThreadNiceness.lowerCurrentThread(WRITER_NICENESS);
                if (kept != null) {
                    LOG.log(System.Logger.Level.INFO, "snapshots are written at the engine's CPU priority: " + kept);
                }
                task.run();
            }, "ledger-snapshot-writer");
            lowered.setDaemon(true);
            return lowered;
        });
        Thread started = new Thread(this::run, "ledger-snapshotter");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    private void run() {
        try {
            while (!stopping && failure == null) {
                long committed = reader.committedPosition();
                if (position >= 0 && committed <= position) {
                    reader.awaitPosition(position + 1, IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    continue;
                }
                catchUp(committed);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Applies every committed entry up to {@code through} to the replica, writing each snapshot that falls due on the
     * way. The first call builds the replica from the newest snapshot. Does nothing once stopped or failed.
     */
    void catchUp(long through) {
        synchronized (lock) {
            try {
                if (replica == null) {
                    loadReplica();
                }
                while (position < through && !stopping && failure == null) {
                    applyNext();
                    if (position % everyEntries == 0) {
                        writeSnapshot();
                    }
                }
            } catch (RuntimeException | Error failed) {
                fail(failed);
            }
        }
    }

    private void loadReplica() {
        SnapshotStore.Loaded newest = store.loadNewest(config);
        replica = newest == null ? new LedgerState(config) : newest.state();
        replayer = new Replayer(replica);
        position = newest == null ? 0 : newest.sequence();
        if (newest != null && position > 0) {
            // The snapshot must be of this journal's history: its chain hash is the hash of the entry it stops at.
            reader.loadEntry(position);
            byte[] entry = reader.entryBytes();
            if (!Arrays.equals(entry, JournalFormat.ENTRY_OFFSET_HASH, JournalFormat.ENTRY_OFFSET_HASH
                    + JournalFormat.HASH_BYTES, newest.chainHash(), 0, JournalFormat.HASH_BYTES)) {
                throw new JournalException("snapshot does not match the journal's hash chain", newest.file(), 0,
                        position);
            }
        }
    }

    private void applyNext() {
        long sequence = position + 1;
        int length = reader.loadEntry(sequence);
        byte[] entry = reader.entryBytes();
        replayer.applyEntry(entry, length);
        // An entry's timestamp can be later than its last event (an idempotent repeat takes a timestamp and
        // journals nothing); a snapshot at this entry must carry it, as recovery's state would.
        replica.lastTimestamp = Math.max(replica.lastTimestamp, Bytes.getLong(entry,
                JournalFormat.ENTRY_OFFSET_TIMESTAMP));
        position = sequence;
    }

    private void writeSnapshot() {
        long started = System.nanoTime();
        byte[] entry = reader.entryBytes();
        byte[] chainHash = Arrays.copyOfRange(entry, JournalFormat.ENTRY_OFFSET_HASH,
                JournalFormat.ENTRY_OFFSET_HASH + JournalFormat.HASH_BYTES);
        writing = true;
        byte[] written;
        try {
            written = writer == null ? store.write(replica, position, chainHash, () -> stopping)
                    : onWriter(() -> store.write(replica, position, chainHash, () -> stopping));
        } finally {
            writing = false;
        }
        if (written == null) {
            return;
        }
        lastSnapshotMillis = (System.nanoTime() - started) / 1_000_000;
        lastSnapshotSequence = position;
        snapshotsWritten++;
        LOG.log(System.Logger.Level.INFO, "snapshot: written by the snapshotter sequence=" + position
                + " transfers=" + replica.transferCount() + " millis=" + lastSnapshotMillis);
    }

    /**
     * Runs a snapshot's write on the writer thread and waits for it; the replica does not move meanwhile, since this
     * thread, the only one that applies entries, waits. A failure of the write is this thread's failure.
     */
    private byte[] onWriter(Callable<byte[]> write) {
        Future<byte[]> done = writer.submit(write);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException wait) {
                    interrupted = true;
                } catch (ExecutionException failed) {
                    if (failed.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (failed.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("snapshot write failed", failed.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fail(Throwable cause) {
        failure = cause;
        // The replica is as large as the engine's state; a snapshotter that stopped for good gives the memory back.
        replica = null;
        replayer = null;
        LOG.log(System.Logger.Level.ERROR, "snapshotter stopped for good at position=" + position
                + "; the engine goes on, and the next start replays the journal from the last good snapshot cause="
                + cause, cause);
    }

    /**
     * Stops the snapshotter and waits for it: a snapshot being written is abandoned, its temporary file deleted.
     * Idempotent.
     */
    void stop() {
        stopping = true;
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            reader.close();
        }
        if (writer != null) {
            writer.shutdown();
        }
    }

    /** The failure that stopped it for good, or null. */
    Throwable failure() {
        return failure;
    }

    LedgerEngine.SnapshotterStatus status() {
        Throwable failed = failure;
        return new LedgerEngine.SnapshotterStatus(Math.max(0, position), writing, lastSnapshotSequence,
                lastSnapshotMillis, snapshotsWritten, failed == null ? null : failed.toString());
    }
}
