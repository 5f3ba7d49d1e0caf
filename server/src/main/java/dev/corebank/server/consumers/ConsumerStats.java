package dev.corebank.server.consumers;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one consumer has done since start, for its meters and its status: counts by outcome, retries, its lag on the
 * broker and its state. Written by the consumer's thread (and a replay), read by a scrape.
 */
public final class ConsumerStats {
    /** Where a consumer's loop stands. */
    public enum State {
        /** Not running in this process: its role is off, or it has stopped. */
        STOPPED,
        /** Connecting to the broker, or waiting to try again after losing it. */
        DISCONNECTED,
        RUNNING
    }

    private final String consumer;
    private final LongAdder applied = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final AtomicLong lagMessages = new AtomicLong(-1);
    private final AtomicLong position = new AtomicLong();
    private volatile State state = State.STOPPED;
    private volatile String transport = "none";
    private volatile String lastFailure;

    public ConsumerStats(String consumer) {
        this.consumer = consumer;
    }

    public String consumer() {
        return consumer;
    }

    void applied() {
        applied.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void ignored() {
        ignored.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void retried() {
        retries.increment();
    }

    void replayed() {
        replayed.increment();
    }

    void lagMessages(long messages) {
        lagMessages.set(messages);
    }

    void position(long sequence) {
        position.accumulateAndGet(sequence, Math::max);
    }

    void state(State newState, String newTransport) {
        state = newState;
        transport = newTransport;
    }

    void failed(String failure) {
        lastFailure = failure;
    }

    public long appliedCount() {
        return applied.sum();
    }

    public long duplicateCount() {
        return duplicates.sum();
    }

    public long ignoredCount() {
        return ignored.sum();
    }

    public long deadLetteredCount() {
        return deadLettered.sum();
    }

    public long retryCount() {
        return retries.sum();
    }

    public long replayedCount() {
        return replayed.sum();
    }

    /** Messages waiting on the broker, or -1 when unknown (not running, or not measured yet). */
    public long lagMessages() {
        return lagMessages.get();
    }

    /** The highest journal sequence the consumer has passed. */
    public long position() {
        return position.get();
    }

    public State state() {
        return state;
    }

    public String transport() {
        return transport;
    }

    public String lastFailure() {
        return lastFailure;
    }
}
