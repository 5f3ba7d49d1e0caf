package dev.corebank.bench;

import dev.corebank.bench.report.Formats;
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
import java.util.Locale;
import java.util.Optional;

/** One measured run of one system over one stream: prepare, snapshot, load, snapshot again, verify. */
final class Measure {
    private Measure() {
    }

    static RunResult once(SystemUnderTest system, BenchAccounts accounts, TransferStream stream, RunPlan plan,
                          boolean progressShown, String label) throws Exception {
        long preparing = System.nanoTime();
        system.prepare(accounts, stream);
        Snapshot before = system.snapshot(stream, 0);
        double prepareSeconds = (System.nanoTime() - preparing) / 1e9;
        Outcomes outcomes = new Outcomes(plan.transfersMax());
        RunMeasurement measurement;
        CpuUse cpu = CpuUse.start(system.serverProcess());
        Optional<String> lagLine;
        try (LagWatch lag = LagWatch.start(system.readModelLag());
             Progress progress = Progress.start(progressShown, label, plan)) {
            measurement = LoadRunner.run(plan, system.executor(stream), outcomes, progress);
            lagLine = lag.stop();
        }
        String cpuLine = cpu.stop(outcomes.count(Outcomes.ACCEPTED) + outcomes.count(Outcomes.REJECTED));
        long verifying = System.nanoTime();
        Verdict verdict;
        try {
            Snapshot after = system.snapshot(stream, outcomes.sentEnd());
            verdict = Verifier.verify(before, after, outcomes, stream);
        } catch (Exception failure) {
            verdict = Verdict.failed("could not read the system back: " + failure);
        }
        double verifySeconds = (System.nanoTime() - verifying) / 1e9;
        long failed = outcomes.count(Outcomes.FAILED);
        if (failed > 0) {
            System.err.println("  " + label + ": " + measurement.failedUnits() + " units failed, first: "
                    + measurement.firstFailure());
        }
        RunResult result = new RunResult(system.name(), stream.workload().wireName(), system.description(),
                system.concurrency(), system.unitSize(), plan.rateTransfersPerSecond(),
                measurement.measuredSeconds(), measurement.transfersMeasured(), measurement.transfersPerSecond(),
                List.of(measurement.transfersPerSecond()), LatencySummary.of(measurement.latencyMicros()),
                outcomes.count(Outcomes.ACCEPTED), outcomes.count(Outcomes.REJECTED), failed, verdict);
        System.err.printf(Locale.ROOT, "  %-32s %,12.0f transfers/s  p50 %s ms  p99 %s ms  %s"
                        + "  (load %.1f s, verify %.1f s)%n", label, result.transfersPerSecond(),
                Formats.millis(result.latency().p50Millis()), Formats.millis(result.latency().p99Millis()),
                verdict.passed() ? "verified" : verdict.summary(), prepareSeconds, verifySeconds);
        System.err.println("  " + " ".repeat(32) + " " + cpuLine);
        lagLine.ifPresent(line -> System.err.println("  " + " ".repeat(32) + " " + line));
        return result;
    }
}
