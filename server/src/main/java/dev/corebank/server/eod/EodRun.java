package dev.corebank.server.eod;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress of end of day for one date as this server runs it: each step's state and counts, the step running, and
 * an estimate of the time left in it. Written by the end-of-day thread, read by the API and the meters.
 */
public final class EodRun {
    public enum State { NOT_STARTED, RUNNING, COMPLETED, FAILED }

    /** One step as the API shows it; {@code done} of {@code total} items (accounts or transfers). */
    public record Step(String name, State state, long done, long total, long applied, long existing, long refused,
                       String detail, Long durationMillis) {
    }

    private final LocalDate date;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private volatile State state = State.RUNNING;
    private volatile String current;
    private volatile long currentDone;
    private volatile long currentTotal;
    private volatile long currentStartedNanos;
    private volatile String failure;
    private final Instant startedAt;

    EodRun(LocalDate date, Instant startedAt) {
        this.date = date;
        this.startedAt = startedAt;
        for (String name : EodSteps.ALL) {
            steps.put(name, new Step(name, State.NOT_STARTED, 0, 0, 0, 0, 0, null, null));
        }
    }

    public LocalDate date() {
        return date;
    }

    public State state() {
        return state;
    }

    public String currentStep() {
        return current;
    }

    public long currentDone() {
        return currentDone;
    }

    public long currentTotal() {
        return currentTotal;
    }

    public String failure() {
        return failure;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Seconds left in the running step at its rate so far; null when there is nothing to go on. */
    public Double etaSeconds() {
        long done = currentDone;
        long total = currentTotal;
        if (current == null || done == 0 || total <= done) {
            return current == null || total == 0 ? null : 0.0;
        }
        double elapsed = (System.nanoTime() - currentStartedNanos) / 1e9;
        return elapsed / done * (total - done);
    }

    public synchronized List<Step> steps() {
        return new ArrayList<>(steps.values());
    }

    synchronized void begin(String step, long total) {
        current = step;
        currentDone = 0;
        currentTotal = total;
        currentStartedNanos = System.nanoTime();
        steps.put(step, new Step(step, State.RUNNING, 0, total, 0, 0, 0, null, null));
    }

    void progress(long done) {
        currentDone = done;
    }

    synchronized void finish(EodSteps.Record record) {
        steps.put(record.step(), new Step(record.step(), State.COMPLETED, currentTotal, currentTotal,
                record.applied(), record.existing(), record.refused(), record.detail(),
                (System.nanoTime() - currentStartedNanos) / 1_000_000));
        current = null;
    }

    synchronized void skipDone(EodSteps.Record record) {
        steps.put(record.step(), new Step(record.step(), State.COMPLETED, 0, 0, record.applied(), record.existing(),
                record.refused(), record.detail(), null));
    }

    synchronized void fail(String step, String reason) {
        Step before = steps.get(step);
        steps.put(step, new Step(step, State.FAILED, currentDone, currentTotal, 0, 0, 0, reason, null));
        failure = step + ": " + reason;
        state = State.FAILED;
        current = before == null ? step : current;
    }

    void completed() {
        state = State.COMPLETED;
        current = null;
    }
}
