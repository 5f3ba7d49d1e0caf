package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

/**
 * A test reactor whose effect is a count of applications per journal sequence, so a test can see every entry applied
 * exactly once, or see which were applied again. It can be told to fail on chosen sequences a number of times.
 */
final class CountingReactor implements Reactor {
    private final String name;
    private final FailurePolicy policy;
    final Map<Long, AtomicInteger> applied = new ConcurrentHashMap<>();
    final List<Long> deadLetters = new CopyOnWriteArrayList<>();
    final List<Long> rewinds = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    /** The sequences of every run that failed, in order. */
    final List<List<Long>> failedRuns = new CopyOnWriteArrayList<>();
    private volatile LongPredicate failingOn = sequence -> false;
    volatile boolean rewindFails;
    private final AtomicInteger failuresLeft = new AtomicInteger();

    CountingReactor(String name, FailurePolicy policy) {
        this.name = name;
        this.policy = policy;
    }

    /** The next {@code times} runs holding a sequence that {@code on} accepts fail before applying anything. */
    void failOn(LongPredicate on, int times) {
        failuresLeft.set(times);
        failingOn = on;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.AFTER_EFFECT;
    }

    @Override
    public FailurePolicy failurePolicy() {
        return policy;
    }

    @Override
    public boolean rewindable() {
        return true;
    }

    @Override
    public boolean keepsDeadLetters() {
        return policy == FailurePolicy.DEAD_LETTER;
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        attempts.incrementAndGet();
        boolean failing = run.stream().anyMatch(entry -> failingOn.test(entry.sequence()));
        if (failing && failuresLeft.getAndDecrement() > 0) {
            failedRuns.add(run.stream().map(JournalEntry::sequence).toList());
            throw new IllegalStateException("told to fail from=" + from.sequence());
        }
        for (JournalEntry entry : run) {
            applied.computeIfAbsent(entry.sequence(), sequence -> new AtomicInteger()).incrementAndGet();
        }
        return ReactorCheckpoint.of(run.getLast());
    }

    @Override
    public void deadLetter(JournalEntry entry, RuntimeException failure) {
        deadLetters.add(entry.sequence());
    }

    @Override
    public void rewind(ReactorCheckpoint to) {
        if (rewindFails) {
            throw new IllegalStateException("told to fail the rewind to=" + to.sequence());
        }
        rewinds.add(to.sequence());
    }

    /** How often the entry at {@code sequence} was applied. */
    int applications(long sequence) {
        AtomicInteger count = applied.get(sequence);
        return count == null ? 0 : count.get();
    }
}
