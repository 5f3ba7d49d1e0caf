package dev.corebank.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The result of one system under one workload. With repeats, the numbers are medians over the repeats and
 * {@code transfersPerSecondRuns} lists each repeat's throughput.
 *
 * @param unitSize   transfers per request, transaction or batch
 * @param rate       0 for a closed loop, else the fixed offered rate in transfers per second
 * @param accepted   transfers accepted, summed over repeats (likewise rejected and failed)
 */
public record RunResult(String system, String workload, String description, int concurrency, int unitSize,
                        double rate, double measuredSeconds, long transfersMeasured, double transfersPerSecond,
                        List<Double> transfersPerSecondRuns, LatencySummary latency, long accepted, long rejected,
                        long failed, Verdict verdict) {

    public RunResult {
        transfersPerSecondRuns = List.copyOf(transfersPerSecondRuns);
    }

    /** Folds the repeats of one cell into one result: medians of throughput and of each percentile. */
    public static RunResult median(List<RunResult> repeats) {
        if (repeats.isEmpty()) {
            throw new IllegalArgumentException("no repeats to fold");
        }
        if (repeats.size() == 1) {
            return repeats.getFirst();
        }
        RunResult first = repeats.getFirst();
        List<Double> throughputs = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        long accepted = 0;
        long rejected = 0;
        long failed = 0;
        long transfers = 0;
        double seconds = 0;
        for (RunResult repeat : repeats) {
            throughputs.addAll(repeat.transfersPerSecondRuns());
            checks.addAll(repeat.verdict().checks());
            accepted += repeat.accepted();
            rejected += repeat.rejected();
            failed += repeat.failed();
            transfers += repeat.transfersMeasured();
            seconds += repeat.measuredSeconds();
        }
        LatencySummary latency = new LatencySummary(
                Statistics.median(repeats.stream().map(run -> run.latency().p50Millis()).toList()),
                Statistics.median(repeats.stream().map(run -> run.latency().p99Millis()).toList()),
                Statistics.median(repeats.stream().map(run -> run.latency().p999Millis()).toList()),
                repeats.stream().map(run -> run.latency().maxMillis()).max(Comparator.naturalOrder()).orElse(0.0),
                repeats.stream().mapToLong(run -> run.latency().samples()).sum());
        return new RunResult(first.system(), first.workload(), first.description(), first.concurrency(),
                first.unitSize(), first.rate(), seconds, transfers, Statistics.median(throughputs), throughputs,
                latency, accepted, rejected, failed, Verdict.of(checks));
    }
}
