package dev.corebank.bench;

import dev.corebank.bench.report.LatencySummary;
import dev.corebank.bench.report.RunResult;
import dev.corebank.bench.report.Verdict;
import dev.corebank.bench.report.Verifier;
import dev.corebank.bench.run.LoadRunner;
import dev.corebank.bench.run.Outcomes;
import dev.corebank.bench.run.Progress;
import dev.corebank.bench.run.RunMeasurement;
import dev.corebank.bench.run.RunPlan;
import dev.corebank.bench.systems.Snapshot;
import dev.corebank.bench.systems.SystemUnderTest;
import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;
import java.util.List;

/** One measured run of one system over one stream: prepare, snapshot, load, snapshot again, verify. */
final class Measure {
    private Measure() {
    }

    static RunResult once(SystemUnderTest system, BenchAccounts accounts, TransferStream stream, RunPlan plan,
                          boolean progressShown, String label) throws Exception {
        system.prepare(accounts, stream);
        Snapshot before = system.snapshot(stream, 0);
        Outcomes outcomes = new Outcomes(plan.transfersMax());
        RunMeasurement measurement;
        try (Progress progress = Progress.start(progressShown, label, plan)) {
            measurement = LoadRunner.run(plan, system.executor(stream), outcomes, progress);
        }
        Verdict verdict;
        try {
            Snapshot after = system.snapshot(stream, outcomes.sentEnd());
            verdict = Verifier.verify(before, after, outcomes, stream);
        } catch (Exception failure) {
            verdict = Verdict.failed("could not read the system back: " + failure);
        }
        long failed = outcomes.count(Outcomes.FAILED);
        if (failed > 0) {
            System.err.println("  " + label + ": " + measurement.failedUnits() + " units failed, first: "
                    + measurement.firstFailure());
        }
        return new RunResult(system.name(), stream.workload().wireName(), system.description(), system.concurrency(),
                system.unitSize(), plan.rateTransfersPerSecond(), measurement.measuredSeconds(),
                measurement.transfersMeasured(), measurement.transfersPerSecond(),
                List.of(measurement.transfersPerSecond()), LatencySummary.of(measurement.latencyMicros()),
                outcomes.count(Outcomes.ACCEPTED), outcomes.count(Outcomes.REJECTED), failed, verdict);
    }
}
