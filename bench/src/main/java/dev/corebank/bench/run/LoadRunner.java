package dev.corebank.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives one system with a fixed number of workers, each with one unit in flight, over a prefix of a transfer stream.
 *
 * <p>Closed loop: a worker sends its next unit as soon as the previous one is answered, and latency runs from send to
 * answer. Open loop: unit {@code u} is due at {@code start + u * unitSize / rate}; a worker waits for that moment, and
 * latency runs from the moment it was due, not from when it was actually sent. When the system falls behind, the wait
 * it caused is therefore counted, which corrects for coordinated omission the way wrk2 does.
 */
public final class LoadRunner {
    /** Longest latency the histograms hold: ten minutes, in microseconds. */
    public static final long LATENCY_MICROS_MAX = TimeUnit.MINUTES.toMicros(10);
    public static final int LATENCY_SIGNIFICANT_DIGITS = 3;
    /** Time after the duration for units in flight to be answered before the run counts as stuck. */
    public static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** A run stops early once this many units have failed: the system is down or broken, not slow. */
    public static final long FAILED_UNITS_MAX = 100;

    private LoadRunner() {
    }

    public static <P> RunMeasurement run(RunPlan plan, UnitExecutor<P> executor, Outcomes outcomes,
                                         Progress progress) {
        if (outcomes.capacity() < plan.transfersMax()) {
            throw new IllegalArgumentException("outcomes smaller than the plan capacity=" + outcomes.capacity()
                    + " transfersMax=" + plan.transfersMax());
        }
        Shared shared = new Shared(plan, System.nanoTime());
        List<Worker<P>> workers = new ArrayList<>(plan.concurrency());
        List<Thread> threads = new ArrayList<>(plan.concurrency());
        for (int index = 0; index < plan.concurrency(); index++) {
            Worker<P> worker = new Worker<>(shared, executor, outcomes, progress);
            workers.add(worker);
            threads.add(Thread.ofPlatform().name("bench-worker-" + index).start(worker));
        }
        joinAll(threads, shared.deadlineNanos + STOP_GRACE_NANOS);
        Histogram latency = newHistogram();
        double measured = 0;
        long lastAnswer = shared.warmupEndNanos;
        for (Worker<P> worker : workers) {
            latency.add(worker.latency);
            measured += worker.transfersMeasured;
            lastAnswer = Math.max(lastAnswer, worker.lastAnswerNanos);
        }
        String failure = shared.firstFailure.get();
        return new RunMeasurement(latency, Math.round(measured), (lastAnswer - shared.warmupEndNanos) / 1e9,
                shared.failedUnits.get(), failure == null ? "" : failure);
    }

    static Histogram newHistogram() {
        return new Histogram(LATENCY_MICROS_MAX, LATENCY_SIGNIFICANT_DIGITS);
    }

    private static void joinAll(List<Thread> threads, long stopByNanos) {
        try {
            for (Thread thread : threads) {
                long leftNanos = stopByNanos - System.nanoTime();
                if (leftNanos > 0) {
                    thread.join(TimeUnit.NANOSECONDS.toMillis(leftNanos) + 1);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        boolean stuck = false;
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                stuck = true;
                thread.interrupt();
            }
        }
        if (stuck) {
            throw new IllegalStateException("run did not stop within the grace period graceSeconds="
                    + TimeUnit.NANOSECONDS.toSeconds(STOP_GRACE_NANOS));
        }
    }

    /** What all workers of a run share: the unit counter, the clock marks and the failure count. */
    private static final class Shared {
        final RunPlan plan;
        final long startedNanos;
        final long warmupEndNanos;
        final long deadlineNanos;
        final AtomicLong nextUnit = new AtomicLong();
        final AtomicLong failedUnits = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>();

        Shared(RunPlan plan, long startedNanos) {
            this.plan = plan;
            this.startedNanos = startedNanos;
            this.warmupEndNanos = startedNanos + plan.warmupNanos();
            this.deadlineNanos = startedNanos + plan.durationNanos();
        }

        /** When unit {@code first / unitSize} is due in an open loop. */
        long dueNanos(long first) {
            return startedNanos + (long) (first * 1e9 / plan.rateTransfersPerSecond());
        }

        boolean stopping() {
            return failedUnits.get() >= FAILED_UNITS_MAX;
        }
    }

    private static final class Worker<P> implements Runnable {
        private final Shared shared;
        private final UnitExecutor<P> executor;
        private final Outcomes outcomes;
        private final Progress progress;
        final Histogram latency = newHistogram();
        double transfersMeasured;
        long lastAnswerNanos;

        Worker(Shared shared, UnitExecutor<P> executor, Outcomes outcomes, Progress progress) {
            this.shared = shared;
            this.executor = executor;
            this.outcomes = outcomes;
            this.progress = progress;
        }

        @Override
        public void run() {
            RunPlan plan = shared.plan;
            while (!shared.stopping() && !Thread.currentThread().isInterrupted()) {
                long first = shared.nextUnit.getAndIncrement() * plan.unitSize();
                if (first >= plan.transfersMax()) {
                    return;
                }
                long dueNanos = plan.openLoop() ? shared.dueNanos(first) : System.nanoTime();
                if (dueNanos >= shared.deadlineNanos) {
                    return;
                }
                int count = (int) Math.min(plan.unitSize(), plan.transfersMax() - first);
                P prepared = executor.prepare(first, count);
                waitUntil(dueNanos);
                long actuallySentNanos = System.nanoTime();
                long sentNanos = plan.openLoop() ? dueNanos : actuallySentNanos;
                send(prepared, first, count);
                long answeredNanos = System.nanoTime();
                if (answeredNanos > shared.warmupEndNanos) {
                    long micros = Math.min(LATENCY_MICROS_MAX, (answeredNanos - sentNanos) / 1000);
                    latency.recordValueWithCount(micros, count);
                    transfersMeasured += count * insideWindow(actuallySentNanos, answeredNanos);
                    lastAnswerNanos = answeredNanos;
                }
                progress.add(count);
            }
        }

        /**
         * The share of a unit's time in flight that fell after the warm-up. A unit sent during the warm-up and
         * answered after it counts in part, so that neither counting by send time (with a few large units in flight
         * that can leave nothing measured) nor by answer time (which credits warm-up work to the window) skews the
         * rate.
         */
        private double insideWindow(long sentNanos, long answeredNanos) {
            if (sentNanos >= shared.warmupEndNanos || answeredNanos <= sentNanos) {
                return 1.0;
            }
            return (double) (answeredNanos - shared.warmupEndNanos) / (answeredNanos - sentNanos);
        }

        private void send(P prepared, long first, int count) {
            try {
                executor.execute(prepared, first, count, outcomes);
            } catch (InterruptedException interrupted) {
                markFailed(first, count, interrupted);
                Thread.currentThread().interrupt();
            } catch (Exception failure) {
                markFailed(first, count, failure);
            }
        }

        private void markFailed(long first, int count, Exception failure) {
            for (long index = first; index < first + count; index++) {
                outcomes.set(index, Outcomes.FAILED);
            }
            shared.failedUnits.incrementAndGet();
            shared.firstFailure.compareAndSet(null, failure.toString());
        }

        private static void waitUntil(long dueNanos) {
            long leftNanos;
            while ((leftNanos = dueNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(leftNanos);
            }
        }
    }
}
