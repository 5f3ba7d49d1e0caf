package dev.corebank.server.projection;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The one thread that keeps the read model up to date. It reads committed journal entries in order and applies them
 * in bounded runs, one database transaction per run, with the checkpoint moved in the same transaction. On start it
 * resumes after the stored checkpoint, so a restart after any stop, clean or abrupt, continues with no gap and no
 * entry applied twice.
 *
 * <p>Decision table for a run:
 * <pre>
 * stored checkpoint vs. this projector's | outcome
 * ---------------------------------------+-------------------------------------------------------------
 * equal                                  | apply the run, move the checkpoint, commit
 * ahead (another instance applied it)    | write nothing, continue after the stored checkpoint
 * behind                                 | fail: committed entries never disappear
 * database or journal error              | roll back, pause (doubling up to the maximum), retry the run
 * </pre>
 */
final class Projector implements SmartLifecycle {
    /**
     * Starts before the web server and stops after it, so requests waiting for a position during a graceful shutdown
     * still see the projection move.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    private static final long STOP_WAIT_MILLIS_MAX = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    private final LedgerEngine engine;
    private final BatchApplier applier;
    private final CheckpointStore checkpoints;
    private final ProjectionPosition position;
    private final ProjectionProperties properties;
    private final AtomicLong eventsProjected = new AtomicLong();
    /** Entries read from the journal but not yet applied; kept across a failed attempt so the reader never seeks back. */
    private final Deque<JournalEntry> buffered = new ArrayDeque<>();
    private volatile boolean running;
    private volatile RuntimeException lastFailure;
    private CountDownLatch stopping;
    private Thread thread;
    private JournalReader reader;
    private Checkpoint checkpoint;

    Projector(LedgerEngine engine, BatchApplier applier, CheckpointStore checkpoints, ProjectionPosition position,
              ProjectionProperties properties) {
        this.engine = engine;
        this.applier = applier;
        this.checkpoints = checkpoints;
        this.position = position;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        checkpoint = checkpoints.load();
        reader = engine.openReader();
        try {
            checkSameJournal(checkpoint);
        } catch (RuntimeException refused) {
            reader.close();
            throw refused;
        }
        position.moveTo(checkpoint.sequence());
        buffered.clear();
        stopping = new CountDownLatch(1);
        running = true;
        thread = new Thread(this::run, "projection");
        thread.start();
        LOG.info("projection started checkpoint={} journalPosition={}", checkpoint.sequence(),
                engine.committedPosition());
    }

    /**
     * Refuses a read model built from another journal (a data directory replaced, a database restored from elsewhere):
     * extending it would mix two histories. The fix is to drop the read model and let it rebuild from the journal.
     */
    private void checkSameJournal(Checkpoint stored) {
        if (stored.sequence() == 0) {
            return;
        }
        long committed = engine.committedPosition();
        if (stored.sequence() > committed) {
            throw new IllegalStateException("the read model is ahead of the journal; it was built from another"
                    + " journal checkpoint=" + stored.sequence() + " journalPosition=" + committed);
        }
        List<JournalEntry> entries = reader.read(stored.sequence(), 1);
        if (entries.size() != 1 || entries.getFirst().timestamp() != stored.entryTimestamp()) {
            throw new IllegalStateException("the read model was built from another journal checkpoint="
                    + stored.sequence() + " checkpointTimestamp=" + stored.entryTimestamp() + " journalTimestamp="
                    + (entries.isEmpty() ? "none" : entries.getFirst().timestamp()));
        }
    }

    @Override
    public void stop() {
        Thread stopped;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping.countDown();
            stopped = thread;
        }
        // No interrupt: an interrupted thread can break an embedded database's file channel. The loop notices the
        // flag within one idle wait or one run.
        try {
            stopped.join(STOP_WAIT_MILLIS_MAX);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (stopped.isAlive()) {
            LOG.warn("projection thread did not stop within stopWaitMillis={}", STOP_WAIT_MILLIS_MAX);
        } else {
            LOG.info("projection stopped checkpoint={}", position.position());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Events applied since start, rejected attempts included. */
    long eventsProjected() {
        return eventsProjected.get();
    }

    /** The failure of the latest attempt, or null when it succeeded. */
    RuntimeException lastFailure() {
        return lastFailure;
    }

    private void run() {
        long backoffMillis = 0;
        try {
            while (running) {
                try {
                    boolean applied = projectOnce();
                    lastFailure = null;
                    backoffMillis = 0;
                    if (!applied) {
                        reader.awaitPosition(checkpoint.sequence() + 1, properties.idleWaitMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                } catch (RuntimeException failure) {
                    lastFailure = failure;
                    backoffMillis = Math.min(properties.retryBackoffMillisMax(),
                            Math.max(ProjectionProperties.RETRY_BACKOFF_MILLIS_MIN, backoffMillis * 2));
                    LOG.error("projection run failed; retrying checkpoint={} retryInMillis={}",
                            checkpoint.sequence(), backoffMillis, failure);
                    stopping.await(backoffMillis, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            reader.close();
        }
    }

    /** Applies one run of entries; false when the journal had nothing new. */
    private boolean projectOnce() {
        if (buffered.isEmpty()) {
            buffered.addAll(reader.read(checkpoint.sequence() + 1, properties.entriesPerTransactionMax()));
        }
        if (buffered.isEmpty()) {
            return false;
        }
        List<JournalEntry> run = nextRun();
        Checkpoint next = applier.apply(checkpoint, run);
        while (!buffered.isEmpty() && buffered.peekFirst().sequence() <= next.sequence()) {
            buffered.removeFirst();
        }
        if (next.sequence() == run.getLast().sequence()) {
            eventsProjected.addAndGet(eventCount(run));
        } else {
            LOG.info("another projector applied entries first; continuing after checkpoint={}", next.sequence());
        }
        checkpoint = next;
        position.moveTo(next.sequence());
        return true;
    }

    /** The buffered entries that fit one transaction: at least one, then as many as the limits allow. */
    private List<JournalEntry> nextRun() {
        List<JournalEntry> run = new ArrayList<>();
        int events = 0;
        for (JournalEntry entry : buffered) {
            int size = entry.events().size();
            boolean full = run.size() == properties.entriesPerTransactionMax()
                    || events + size > properties.eventsPerTransactionMax();
            if (!run.isEmpty() && full) {
                break;
            }
            run.add(entry);
            events += size;
        }
        return run;
    }

    private static long eventCount(List<JournalEntry> entries) {
        long count = 0;
        for (JournalEntry entry : entries) {
            count += entry.events().size();
        }
        return count;
    }
}
