package dev.corebank.ledger;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The sequence of the latest durable journal entry, published by the sync thread and awaited by readers. */
final class CommittedPosition {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    // Written by the sync thread only after the entry is durable; readers rely on this ordering.
    private volatile long value;

    CommittedPosition(long initial) {
        this.value = initial;
    }

    long value() {
        return value;
    }

    void advance(long sequence) {
        Check.that(sequence >= value, "committed position moves backwards from=%d to=%d", value, sequence);
        lock.lock();
        try {
            value = sequence;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void wakeAll() {
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the value reaches {@code sequence}; false on timeout. */
    boolean await(long sequence, long timeoutNanos) throws InterruptedException {
        if (value >= sequence) {
            return true;
        }
        long remaining = timeoutNanos;
        lock.lock();
        try {
            while (value < sequence) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = advanced.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
