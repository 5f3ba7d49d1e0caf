package dev.corebank.bench.report;

import java.util.List;

/** Results with round numbers, for the report tests. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static RunResult result(String system, String workload, double transfersPerSecond, double p99Millis) {
        return new RunResult(system, workload, system + " under test", 32, 1, 0, 10, (long) transfersPerSecond * 10,
                transfersPerSecond, List.of(transfersPerSecond),
                new LatencySummary(p99Millis / 2, p99Millis, p99Millis * 1.5, p99Millis * 2, 1000),
                (long) transfersPerSecond * 10, 0, 0,
                Verdict.of(List.of(new Check("sum of balances unchanged", true, "before=1 after=1"))));
    }

    static List<RunResult> sideBySide() {
        return List.of(
                result("engine", "uniform", 1_000_000, 20),
                result("engine", "hot-account", 950_000, 22),
                result("http-single", "uniform", 12_000, 5),
                result("http-single", "hot-account", 9_000, 6),
                result("postgres", "uniform", 2_000, 30),
                result("postgres", "hot-account", 400, 200));
    }
}
