package dev.corebank.server.projection;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal sequence the read model has applied and committed: every entry up to it is in the SQL tables, none
 * after it. Read endpoints report it and wait on it for read-your-writes; readiness checks compare it with the engine's
 * committed position.
 */
public final class ProjectionPosition {
    /**
     * The {@code projection_checkpoint} row holding this position, for readers that take it from the database in the
     * same transaction as the rows they read (exact even on a read replica that lags the primary).
     */
    public static final String CHECKPOINT_NAME = "read_model";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    // Written by the projector only after the database transaction holding the entries has committed.
    private volatile long value;

    ProjectionPosition(long initial) {
        this.value = initial;
    }

    /** The last journal sequence visible in the read model; 0 before the first entry. */
    public long position() {
        return value;
    }

    /**
     * Waits until the read model has applied {@code sequence}; true at once when it already has, false when the
     * timeout passes first.
     */
    public boolean awaitPosition(long sequence, Duration timeout) throws InterruptedException {
        if (value >= sequence) {
            return true;
        }
        long remainingNanos = timeout.toNanos();
        lock.lock();
        try {
            while (value < sequence) {
                if (remainingNanos <= 0) {
                    return false;
                }
                remainingNanos = advanced.awaitNanos(remainingNanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the position back to 0: the projector found the read model out of step with the journal at start and
     * deleted it, so nothing is visible until the rebuild applies it again.
     */
    void rebuilding() {
        lock.lock();
        try {
            value = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Moves the position forward after a commit; only a rebuild moves it back. */
    void moveTo(long sequence) {
        if (sequence < value) {
            throw new IllegalStateException("projection position moves backwards from=" + value + " to=" + sequence);
        }
        lock.lock();
        try {
            value = sequence;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
