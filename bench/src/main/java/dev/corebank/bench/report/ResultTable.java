package dev.corebank.bench.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The plain-text table printed on stdout: one line per system and workload, then ratios, goals and verdicts. */
public final class ResultTable {
    private static final String ROW = "%-18s %-12s %14s %9s %9s %9s %13s %9s %7s  %s%n";

    private ResultTable() {
    }

    public static String results(List<RunResult> results) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, ROW, "system", "workload", "transfers/s", "p50 ms", "p99 ms",
                "p99.9 ms", "accepted", "rejected", "failed", "verdict"));
        for (RunResult run : results) {
            table.append(String.format(Locale.ROOT, ROW, run.system(), run.workload(),
                    Formats.count(run.transfersPerSecond()), Formats.millis(run.latency().p50Millis()),
                    Formats.millis(run.latency().p99Millis()), Formats.millis(run.latency().p999Millis()),
                    Formats.count(run.accepted()), Formats.count(run.rejected()), Formats.count(run.failed()),
                    run.verdict().summary()));
        }
        return table.toString();
    }

    public static String ratios(List<Ratio> ratios) {
        StringBuilder lines = new StringBuilder();
        for (Ratio ratio : ratios) {
            lines.append(String.format(Locale.ROOT, "  %-40s %10s%n", ratio.name(), Formats.ratio(ratio.value())));
        }
        return lines.toString();
    }

    public static String goals(List<Goal> goals) {
        StringBuilder lines = new StringBuilder();
        for (Goal goal : goals) {
            String measured = goal.measured() == null ? "not measured" : format(goal.measured(), goal.unit());
            lines.append(String.format(Locale.ROOT, "  %-14s %-66s %14s  (goal %s %s)%n",
                    "[" + goal.status().name().replace('_', ' ') + "]", goal.name(), measured,
                    goal.atLeast() ? ">=" : "<=", format(goal.target(), goal.unit())));
        }
        return lines.toString();
    }

    private static String format(double value, String unit) {
        return "x".equals(unit) ? Formats.ratio(value) : Formats.count(value) + " " + unit;
    }

    /** One line per run: "verified" or the failed checks. */
    public static String verdicts(List<RunResult> results) {
        StringBuilder lines = new StringBuilder();
        for (RunResult run : results) {
            lines.append(String.format(Locale.ROOT, "  %-18s %-12s %s%n", run.system(), run.workload(),
                    run.verdict().passed() ? "verified: " + details(run.verdict()) : run.verdict().summary()));
        }
        return lines.toString();
    }

    /** The names of the checks that ran, each once: repeats fold their checks into one verdict. */
    private static String details(Verdict verdict) {
        return String.join("; ", new LinkedHashSet<>(verdict.checks().stream().map(Check::name).toList()));
    }
}
