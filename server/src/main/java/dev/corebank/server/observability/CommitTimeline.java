package dev.corebank.server.observability;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When recent journal entries became durable, so that the projection lag can be told in seconds: the age of the
 * oldest entry the read model has not applied yet. The sync thread appends one sample per group commit; readers look
 * samples up without locks.
 *
 * <p>Positions are counted as entries committed since this process started; {@link #sequenceBase} (the journal's last
 * sequence at recovery) turns them into journal sequences. The ring holds {@link #SAMPLES_MAX} samples; an entry older
 * than the oldest sample is reported with the oldest sample's time, which understates the lag only when the read
 * model is more than that many group commits behind.
 */
final class CommitTimeline {
    static final int SAMPLES_MAX = 4096;

    private final long[] lastSequences = new long[SAMPLES_MAX];
    private final long[] committedAtMillis = new long[SAMPLES_MAX];
    // Written only by the engine's sync thread; the volatile write of count publishes the sample before it.
    private final AtomicLong count = new AtomicLong();
    private final java.time.Clock clock;
    private final long startedAtMillis;
    private volatile long sequenceBase;
    private long committedEntries;

    CommitTimeline(java.time.Clock clock) {
        this.clock = clock;
        this.startedAtMillis = clock.millis();
    }

    /** The journal's last sequence when the engine started; entries counted here follow it. */
    void sequenceBase(long lastSequenceAtRecovery) {
        this.sequenceBase = lastSequenceAtRecovery;
    }

    /** Called on the sync thread after {@code entries} more entries became durable. */
    void committed(int entries) {
        committedEntries += entries;
        long index = count.get();
        int slot = (int) (index % SAMPLES_MAX);
        lastSequences[slot] = committedEntries;
        committedAtMillis[slot] = clock.millis();
        count.set(index + 1);
    }

    /**
     * Seconds since the first entry after {@code appliedSequence} became durable; 0 when there is none. For an entry
     * committed before this process started, whose time is not known, it is the time since the start: a lower bound.
     */
    double secondsBehind(long appliedSequence) {
        if (appliedSequence < sequenceBase) {
            return Math.max(0, clock.millis() - startedAtMillis) / 1000.0;
        }
        long end = count.get();
        long start = Math.max(0, end - SAMPLES_MAX + 1);
        long target = appliedSequence - sequenceBase;
        long oldestMillis = -1;
        for (long index = start; index < end; index++) {
            int slot = (int) (index % SAMPLES_MAX);
            if (lastSequences[slot] > target) {
                oldestMillis = committedAtMillis[slot];
                break;
            }
        }
        if (oldestMillis < 0) {
            return 0;
        }
        return Math.max(0, clock.millis() - oldestMillis) / 1000.0;
    }
}
