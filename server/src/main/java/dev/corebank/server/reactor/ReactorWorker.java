package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reactor's thread, in the shape of an Agrona agent: {@link #doWork()} applies one bounded run and returns the
 * entries it applied; the loop around it waits on the journal when there was nothing to do, backs off after a failure,
 * and carries out an operator's pause, resume and rewind between runs. Only this thread touches the reader and the
 * buffer; other threads read the volatile fields.
 *
 * <p>Decision table for one turn of the loop:
 * <pre>
 * condition                              | outcome
 * ---------------------------------------+------------------------------------------------------------------
 * a rewind is pending                    | reset the reactor's effect, move the checkpoint back, resume
 * paused                                 | read ahead (for the lag), apply nothing, wait one idle wait
 * the journal has entries after it       | apply one bounded run, move the checkpoint (AFTER_EFFECT) or take
 *                                        | the one the reactor stored (ATOMIC)
 * nothing new                            | CAUGHT_UP: wait on the journal position for one idle wait
 * the run failed, policy STOP            | FAILING: back off (doubling, bounded) and retry the same run
 * the run failed, policy DEAD_LETTER     | back off and retry the first entry alone; after deadLetterAttemptsMax
 *                                        | failed tries alone hand it to the dead letters and go on after it
 * </pre>
 */
final class ReactorWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ReactorWorker.class);

    private final Reactor reactor;
    private final LedgerEngine engine;
    private final ReactorCheckpoints checkpoints;
    private final ReactorProperties properties;
    private final Clock clock;
    private final ReactorTally tally;
    private final int entriesPerRunMax;
    /** Entries read but not yet applied; kept across a failed attempt so the reader never seeks back. */
    private final Deque<JournalEntry> buffered = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Rewind> rewinds = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean paused;
    private volatile ReactorState state = ReactorState.STOPPED;
    private volatile ReactorCheckpoint checkpoint = ReactorCheckpoint.START;
    /** Engine timestamp of the oldest entry read but not applied; 0 when none is buffered. */
    private volatile long oldestPendingTimestamp;
    private volatile String lastFailure;
    private long backoffMillis;
    /** DEAD_LETTER only: after a failure, runs hold the first entry alone until it succeeds or is dead-lettered. */
    private boolean retryingAlone;
    private int failedTriesAlone;
    private int lastRunSize;
    private JournalReader reader;
    private Thread thread;

    private record Rewind(ReactorCheckpoint to, CompletableFuture<Void> done) {
    }

    ReactorWorker(Reactor reactor, LedgerEngine engine, ReactorCheckpoints checkpoints, ReactorProperties properties,
                  Clock clock, ReactorTally tally) {
        this.reactor = reactor;
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.clock = clock;
        this.tally = tally;
        this.entriesPerRunMax = reactor.entriesPerRunMax(properties);
        if (entriesPerRunMax <= 0 || entriesPerRunMax > JournalReader.READ_ENTRIES_MAX) {
            throw new IllegalArgumentException("a reactor's run limit must be positive and fit one journal read"
                    + " reactor=" + reactor.name() + " entriesPerRunMax=" + entriesPerRunMax);
        }
    }

    /** Loads and fences the checkpoint, then starts the thread; throws, with nothing started, when refused. */
    void start() {
        reader = engine.openReader();
        try {
            checkpoint = reactor.checkpointMode() == CheckpointMode.ATOMIC ? reactor.storedCheckpoint()
                    : checkpoints.load(reactor.name());
            JournalFence.check(reactor.name(), checkpoint, reader);
            checkAtStart();
            reactor.resumed(checkpoint);
        } catch (RuntimeException refused) {
            reader.close();
            throw refused;
        }
        running = true;
        state = ReactorState.RUNNING;
        thread = Thread.ofPlatform().name("reactor-" + reactor.name()).daemon(true).unstarted(this::run);
        thread.start();
        LOG.info("reactor started reactor={} checkpoint={} journalPosition={}", reactor.name(),
                checkpoint.sequence(), engine.committedPosition());
    }

    /** Lets the reactor hold its effect against the journal around the checkpoint, and goes on from where it says. */
    private void checkAtStart() {
        StartCheck checked = reactor.checkAtStart(checkpoint, around -> {
            JournalFence.check(reactor.name(), around, reader);
            return CheckpointWindow.read(reader, around.sequence(),
                    Math.min(JournalReader.READ_ENTRIES_MAX, 2 * entriesPerRunMax), 2L * properties.eventsPerRunMax());
        });
        if (!checked.isRepair()) {
            if (checked.from().sequence() < checkpoint.sequence()) {
                throw new IllegalStateException("a check at start that repaired nothing must not move a checkpoint"
                        + " back reactor=" + reactor.name() + " checkpoint=" + checkpoint.sequence() + " from="
                        + checked.from().sequence());
            }
            if (checked.from().sequence() > checkpoint.sequence()) {
                LOG.info("reactor found its stored checkpoint further on under its lock; it goes on from there"
                        + " reactor={} checkpoint={} was={}", reactor.name(), checked.from().sequence(),
                        checkpoint.sequence());
                checkpoint = checked.from();
            }
            return;
        }
        if (checked.from().sequence() > checkpoint.sequence()) {
            throw new IllegalStateException("a check at start may only move a checkpoint back reactor="
                    + reactor.name() + " checkpoint=" + checkpoint.sequence() + " from=" + checked.from().sequence());
        }
        tally.startRepairs.incrementAndGet();
        LOG.warn("reactor repaired at start; it applies the journal again after the checkpoint reactor={}"
                + " checkpoint={} was={} repair={}", reactor.name(), checked.from().sequence(), checkpoint.sequence(),
                checked.repair());
        if (reactor.checkpointMode() == CheckpointMode.AFTER_EFFECT) {
            checkpoints.store(reactor.name(), checked.from());
        }
        checkpoint = checked.from();
    }

    /** Asks the thread to stop after its current run. No interrupt: it may be inside an embedded-database call. */
    void signalStop() {
        running = false;
        stopping.countDown();
    }

    void awaitStopped() {
        if (thread == null) {
            return;
        }
        try {
            thread.join(properties.stopWaitMillisMax());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("reactor thread did not stop in time reactor={} stopWaitMillisMax={}", reactor.name(),
                    properties.stopWaitMillisMax());
        } else {
            LOG.info("reactor stopped reactor={} checkpoint={}", reactor.name(), checkpoint.sequence());
        }
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /** Queues a rewind for the thread; the future completes once the checkpoint is back at {@code to}. */
    CompletableFuture<Void> rewind(ReactorCheckpoint to) {
        Rewind rewind = new Rewind(to, new CompletableFuture<>());
        rewinds.add(rewind);
        if (!running) {
            rewind.done().completeExceptionally(new ReactorNotRunning("the reactor is not running reactor="
                    + reactor.name()));
        }
        return rewind.done();
    }

    Reactor reactor() {
        return reactor;
    }

    ReactorStatus status() {
        long position = checkpoint.sequence();
        long committed = engine.committedPosition();
        long lagEntries = Math.max(0, committed - position);
        long oldest = oldestPendingTimestamp;
        double lagSeconds = lagEntries == 0 || oldest == 0 ? 0
                : Math.max(0, TimeUnit.MILLISECONDS.toNanos(clock.millis()) - oldest) / 1e9;
        return new ReactorStatus(reactor.name(), state, position, committed, lagEntries, lagSeconds,
                tally.runs.get(), tally.failures.get(), tally.deadLetters.get(), tally.startRepairs.get(), lastFailure,
                reactor.checkpointMode(), reactor.failurePolicy(), reactor.rewindable(),
                reactor.requiredForReadiness());
    }

    private void run() {
        try {
            while (running) {
                turn();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error unexpected) {
            LOG.error("reactor thread ended by an unexpected failure reactor={}", reactor.name(), unexpected);
            lastFailure = describe(unexpected);
            throw unexpected;
        } finally {
            running = false;
            state = ReactorState.STOPPED;
            failPendingRewinds();
            reader.close();
        }
    }

    private void turn() throws InterruptedException {
        Rewind rewind = rewinds.poll();
        try {
            if (rewind != null) {
                rewindTo(rewind.to());
                rewind.done().complete(null);
                return;
            }
            if (paused) {
                state = ReactorState.PAUSED;
                fill();
                stopping.await(properties.idleWaitMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            int applied = doWork();
            succeeded();
            if (applied == 0) {
                state = ReactorState.CAUGHT_UP;
                reader.awaitPosition(checkpoint.sequence() + 1, properties.idleWaitMillis(), TimeUnit.MILLISECONDS);
            } else {
                state = ReactorState.RUNNING;
            }
        } catch (RuntimeException failure) {
            if (rewind != null) {
                rewind.done().completeExceptionally(failure);
                return;
            }
            failed(failure);
        }
    }

    /** Applies one bounded run; returns the entries applied, 0 when the journal had nothing new. */
    int doWork() {
        fill();
        if (buffered.isEmpty()) {
            return 0;
        }
        List<JournalEntry> run = nextRun();
        lastRunSize = run.size();
        ReactorCheckpoint next = reactor.apply(checkpoint, run);
        if (next == null || next.sequence() < run.getLast().sequence()) {
            throw new IllegalStateException("a reactor must stand at least at the end of its run after it reactor="
                    + reactor.name() + " runLast=" + run.getLast().sequence() + " returned="
                    + (next == null ? "null" : next.sequence()));
        }
        if (reactor.checkpointMode() == CheckpointMode.AFTER_EFFECT) {
            // The effect is acknowledged; only now may the checkpoint move past it (at least once, never lost).
            checkpoints.store(reactor.name(), next);
        }
        moveTo(next);
        tally.runs.incrementAndGet();
        return run.size();
    }

    private void fill() {
        if (buffered.isEmpty()) {
            buffered.addAll(reader.read(checkpoint.sequence() + 1, entriesPerRunMax));
            if (!paused) {
                linger();
            }
        }
        oldestPendingTimestamp = buffered.isEmpty() ? 0 : buffered.peekFirst().timestamp();
    }

    /**
     * A group commit for reactors: when the read found some entries but fewer than a full run, waits until the oldest
     * is {@code lingerMillis} old (or a full run is committed), then reads the rest. Under load a table reactor then
     * writes one transaction for many entries instead of one each; an idle journal pays at most the linger once.
     */
    private void linger() {
        if (buffered.isEmpty() || buffered.size() >= entriesPerRunMax || properties.lingerMillis() == 0) {
            return;
        }
        long lingerNanos = TimeUnit.MILLISECONDS.toNanos(properties.lingerMillis());
        long ageNanos = TimeUnit.MILLISECONDS.toNanos(clock.millis()) - buffered.peekFirst().timestamp();
        // A clock behind the engine's (another node, a test clock) waits the linger at the most.
        long waitNanos = Math.min(lingerNanos, lingerNanos - ageNanos);
        if (waitNanos > 0) {
            try {
                long fullRunLast = buffered.peekFirst().sequence() + entriesPerRunMax - 1;
                reader.awaitPosition(fullRunLast, waitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        buffered.addAll(reader.read(buffered.peekLast().sequence() + 1, entriesPerRunMax - buffered.size()));
    }

    /**
     * The buffered entries that fit one run: at least one, then as many as the limits allow; only the first entry
     * while a DEAD_LETTER reactor is retrying it, so the failing entry is found and the others are not held back.
     */
    private List<JournalEntry> nextRun() {
        List<JournalEntry> run = new ArrayList<>();
        int events = 0;
        for (JournalEntry entry : buffered) {
            int size = entry.events().size();
            boolean full = retryingAlone || run.size() == entriesPerRunMax
                    || events + size > properties.eventsPerRunMax();
            if (!run.isEmpty() && full) {
                break;
            }
            run.add(entry);
            events += size;
        }
        return run;
    }

    private void moveTo(ReactorCheckpoint next) {
        while (!buffered.isEmpty() && buffered.peekFirst().sequence() <= next.sequence()) {
            buffered.removeFirst();
        }
        checkpoint = next;
        oldestPendingTimestamp = buffered.isEmpty() ? 0 : buffered.peekFirst().timestamp();
    }

    private void succeeded() {
        backoffMillis = 0;
        retryingAlone = false;
        failedTriesAlone = 0;
        lastFailure = null;
    }

    private void failed(RuntimeException failure) throws InterruptedException {
        tally.failures.incrementAndGet();
        lastFailure = describe(failure);
        state = ReactorState.FAILING;
        if (reactor.failurePolicy() == FailurePolicy.DEAD_LETTER && !buffered.isEmpty()) {
            failedTriesAlone += lastRunSize == 1 ? 1 : 0;
            retryingAlone = true;
            if (failedTriesAlone >= properties.deadLetterAttemptsMax() && deadLetter(buffered.peekFirst(), failure)) {
                return;
            }
        }
        backoffMillis = Math.min(properties.backoffMillisMax(), Math.max(properties.backoffMillisMin(),
                backoffMillis * 2));
        LOG.error("reactor run failed; retrying reactor={} checkpoint={} retryInMillis={}", reactor.name(),
                checkpoint.sequence(), backoffMillis, failure);
        backOff(backoffMillis);
    }

    /**
     * Hands the entry to the reactor's dead letters and moves on after it; false when that failed too, which counts as
     * one more failure of the entry and is backed off like one.
     */
    private boolean deadLetter(JournalEntry entry, RuntimeException failure) {
        try {
            reactor.deadLetter(entry, failure);
            ReactorCheckpoint past = ReactorCheckpoint.of(entry);
            if (reactor.checkpointMode() == CheckpointMode.AFTER_EFFECT) {
                checkpoints.store(reactor.name(), past);
            }
            moveTo(past);
            tally.deadLetters.incrementAndGet();
            succeeded();
            LOG.warn("reactor moved an entry to its dead letters reactor={} sequence={} cause={}", reactor.name(),
                    entry.sequence(), failure.toString());
            return true;
        } catch (RuntimeException deadLetterFailure) {
            tally.failures.incrementAndGet();
            lastFailure = describe(deadLetterFailure);
            LOG.error("reactor could not keep a dead letter reactor={} sequence={}", reactor.name(), entry.sequence(),
                    deadLetterFailure);
            return false;
        }
    }

    /** Waits out a backoff in idle-wait steps, so a stop or an operator's rewind is noticed within one step. */
    private void backOff(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long remaining;
        while (running && rewinds.isEmpty() && (remaining = deadline - System.nanoTime()) > 0) {
            stopping.await(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(properties.idleWaitMillis())),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void rewindTo(ReactorCheckpoint to) {
        reactor.rewind(to);
        if (reactor.checkpointMode() == CheckpointMode.AFTER_EFFECT) {
            checkpoints.store(reactor.name(), to);
        }
        buffered.clear();
        checkpoint = to;
        oldestPendingTimestamp = 0;
        succeeded();
        paused = false;
        LOG.info("reactor rewound reactor={} checkpoint={}", reactor.name(), to.sequence());
    }

    private void failPendingRewinds() {
        Rewind pending;
        while ((pending = rewinds.poll()) != null) {
            pending.done().completeExceptionally(new ReactorNotRunning("the reactor stopped reactor="
                    + reactor.name()));
        }
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
