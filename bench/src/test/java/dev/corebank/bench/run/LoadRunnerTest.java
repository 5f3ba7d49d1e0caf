package dev.corebank.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Test
    void sendsEveryTransferOnceUpToTheCountLimit() {
        RunPlan plan = new RunPlan(10_000, 30 * SECOND_NANOS, 0, 4, 7, 0);
        Outcomes outcomes = new Outcomes(plan.transfersMax());
        RunMeasurement measurement = LoadRunner.run(plan, new AcceptEvenRejectOdd(0), outcomes, Progress.none());
        assertThat(outcomes.count(Outcomes.ACCEPTED)).isEqualTo(5_000);
        assertThat(outcomes.count(Outcomes.REJECTED)).isEqualTo(5_000);
        assertThat(outcomes.sentEnd()).isEqualTo(10_000);
        assertThat(measurement.transfersMeasured()).isEqualTo(10_000);
        assertThat(measurement.latencyMicros().getTotalCount()).isEqualTo(10_000);
    }

    @Test
    void stopsByItselfAtTheDurationLimit() {
        // At 1 ms a transfer on two workers the count limit would take 40 minutes; the half-second duration must
        // end the run. The bounds are wide because CI machines are shared and a worker may start late.
        RunPlan plan = new RunPlan(Outcomes.CAPACITY_MAX / 100, SECOND_NANOS / 2, 0, 2, 1, 0);
        Outcomes outcomes = new Outcomes(plan.transfersMax());
        long started = System.nanoTime();
        LoadRunner.run(plan, new AcceptEvenRejectOdd(TimeUnit.MILLISECONDS.toNanos(1)), outcomes, Progress.none());
        assertThat(System.nanoTime() - started).isLessThan(10 * SECOND_NANOS);
        assertThat(outcomes.sentEnd()).isBetween(1L, plan.transfersMax() - 1);
    }

    @Test
    void measuresOpenLoopLatencyFromWhenEachUnitWasDue() {
        // 200 transfers/s offered, but each takes 20 ms on one worker: the system can do only 50/s, so units fall
        // further behind schedule and their corrected latency grows well past the 20 ms service time.
        RunPlan plan = new RunPlan(40, 10 * SECOND_NANOS, 0, 1, 1, 200);
        Outcomes outcomes = new Outcomes(plan.transfersMax());
        RunMeasurement measurement = LoadRunner.run(plan, new AcceptEvenRejectOdd(TimeUnit.MILLISECONDS.toNanos(20)),
                outcomes, Progress.none());
        assertThat(measurement.transfersMeasured()).isEqualTo(40);
        assertThat(measurement.latencyMicros().getMaxValue()).isGreaterThan(TimeUnit.MILLISECONDS.toMicros(400));
        assertThat(measurement.latencyMicros().getMinValue()).isLessThan(TimeUnit.MILLISECONDS.toMicros(60));
    }

    @Test
    void marksTheTransfersOfAFailedUnitAndStopsAfterTooManyFailures() {
        RunPlan plan = new RunPlan(100_000, 30 * SECOND_NANOS, 0, 1, 10, 0);
        Outcomes outcomes = new Outcomes(plan.transfersMax());
        RunMeasurement measurement = LoadRunner.run(plan, new UnitExecutor<Void>() {
            @Override
            public Void prepare(long first, int count) {
                return null;
            }

            @Override
            public void execute(Void prepared, long first, int count, Outcomes results) {
                throw new IllegalStateException("server down");
            }
        }, outcomes, Progress.none());
        assertThat(measurement.failedUnits()).isEqualTo(LoadRunner.FAILED_UNITS_MAX);
        assertThat(measurement.firstFailure()).contains("server down");
        assertThat(outcomes.count(Outcomes.FAILED)).isEqualTo(LoadRunner.FAILED_UNITS_MAX * 10);
    }

    /** Accepts even indices and rejects odd ones, after an optional pause standing in for the system's work. */
    private record AcceptEvenRejectOdd(long pauseNanos) implements UnitExecutor<Long> {
        @Override
        public Long prepare(long first, int count) {
            return first;
        }

        @Override
        public void execute(Long prepared, long first, int count, Outcomes outcomes) throws InterruptedException {
            if (pauseNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(pauseNanos);
            }
            for (long index = first; index < first + count; index++) {
                outcomes.set(index, index % 2 == 0 ? Outcomes.ACCEPTED : Outcomes.REJECTED);
            }
        }
    }
}
