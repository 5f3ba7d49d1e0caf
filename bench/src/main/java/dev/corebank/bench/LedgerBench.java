package dev.corebank.bench;

import dev.corebank.bench.report.Goal;
import dev.corebank.bench.report.JsonReport;
import dev.corebank.bench.report.MachineInfo;
import dev.corebank.bench.report.ResultTable;
import dev.corebank.bench.report.RunResult;
import dev.corebank.bench.report.Statistics;
import dev.corebank.bench.report.SvgChart;
import dev.corebank.bench.run.RunPlan;
import dev.corebank.bench.systems.EngineMetrics;
import dev.corebank.bench.systems.EngineSystem;
import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;
import dev.corebank.bench.workload.Workload;
import dev.corebank.ledger.Durability;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./corebank bench ledger}: the ledger engine alone, in batches of 8189 over 10,000 accounts.
 * <ol>
 *   <li>(a) in-memory apply: the engine with {@link Durability#NONE} and its journal on tmpfs, and, from the engine's
 *       metrics hook, the engine thread's own apply rate (state machine plus event encoding, no journal);</li>
 *   <li>(b) durable: {@link Durability#FSYNC} group commit on the data disk, uniform accounts;</li>
 *   <li>(c) the same with every transfer debiting one hot account;</li>
 *   <li>(d) latency from submit to durable completion in an open loop at half of (b)'s median throughput.</li>
 * </ol>
 */
final class LedgerBench {
    public static final double APPLY_TRANSFERS_PER_SECOND_MIN = 5_000_000;
    public static final double DURABLE_TRANSFERS_PER_SECOND_MIN = 1_000_000;
    public static final double HOT_OVER_UNIFORM_MIN = 0.9;
    public static final double P99_OVER_P50_MAX = 2;
    public static final double LATENCY_LOAD_FRACTION = 0.5;
    /** Batches the open-loop run may have in flight; at half load one or two are, the rest absorb stalls. */
    public static final int OPEN_LOOP_WORKERS = 16;
    private static final Path TMPFS = Path.of("/dev/shm");

    private static final String APPLY = "apply-none-tmpfs";
    private static final String DURABLE = "durable-fsync";
    private static final String LATENCY = "durable-open-loop";

    private final BenchOptions options;
    private final PrintStream out;
    private final Map<String, List<RunResult>> runs = new LinkedHashMap<>();
    private final Map<String, List<Double>> engineThreadApply = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    LedgerBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run(String commandLine) throws Exception {
        ResultsDirectory directory = ResultsDirectory.create(options.resultsRoot());
        MachineInfo machine = MachineInfo.read(options.dataDirectory(), "not used");
        String started = OffsetDateTime.now().withNano(0).toString();
        Path memoryRoot = Files.isDirectory(TMPFS) && Files.isWritable(TMPFS) ? TMPFS : options.dataDirectory();
        out.println("corebank bench ledger" + (options.quick() ? " --quick" : "") + ": " + machine.summary());
        BenchAccounts accounts = new BenchAccounts(options.seed(), options.accounts(),
                BenchAccounts.OPENING_BALANCE_MINOR_DEFAULT);
        warmUp(accounts, memoryRoot);
        for (int round = 0; round < options.repeat(); round++) {
            measure(APPLY, Durability.NONE, memoryRoot, accounts, Workload.UNIFORM, round, 0);
            measure(DURABLE, Durability.FSYNC, options.dataDirectory(), accounts, Workload.UNIFORM, round, 0);
            measure(DURABLE, Durability.FSYNC, options.dataDirectory(), accounts, Workload.HOT_ACCOUNT, round, 0);
        }
        double durableMedian = median(DURABLE, Workload.UNIFORM).transfersPerSecond();
        double rate = Math.max(1, Math.round(durableMedian * LATENCY_LOAD_FRACTION));
        for (int round = 0; round < options.repeat(); round++) {
            measure(LATENCY, Durability.FSYNC, options.dataDirectory(), accounts, Workload.UNIFORM, round, rate);
        }
        List<RunResult> results = new ArrayList<>();
        for (List<RunResult> repeats : runs.values()) {
            results.add(RunResult.median(repeats));
        }
        List<Goal> goals = goals(results);
        boolean allVerified = results.stream().allMatch(run -> run.verdict().passed());
        print(results, goals, allVerified, memoryRoot);
        details.put("engineThreadApplyTransfersPerSecond", engineThreadApply);
        details.put("inMemoryJournalFileSystem", memoryRoot.equals(TMPFS) ? "tmpfs" : "same as the data directory");
        details.put("openLoopRateTransfersPerSecond", rate);
        JsonReport report = new JsonReport("ledger", started, commandLine, machine, settings(), results, List.of(),
                goals, allVerified, details, List.of());
        report.write(directory.file("ledger.json"));
        directory.writeText("ledger.svg", SvgChart.render("corebank ledger engine" + (options.quick()
                ? " (quick run)" : ""), machine.summary(), results));
        directory.writeText("table.txt", ResultTable.results(results) + "\n" + ResultTable.goals(goals));
        Path png = directory.pngOf("ledger.svg", 1100, 500);
        out.println();
        out.println("Results: " + directory.path().resolve("ledger.json") + ", ledger.svg"
                + (png != null ? ", ledger.png" : ""));
        return allVerified ? 0 : 1;
    }

    /** A short unmeasured run, so that the first measured run does not pay for the JIT. */
    private void warmUp(BenchAccounts accounts, Path memoryRoot) throws Exception {
        try (EngineSystem engine = engine("warm-up", Durability.NONE, memoryRoot)) {
            RunPlan plan = new RunPlan(Math.min(options.transfersMax(), engine.transfersPerRunMax()),
                    SideBySide.seconds(options.warmupSeconds() * 2),
                    SideBySide.seconds(options.warmupSeconds()), options.batchesInFlight(), options.batchSize(), 0);
            TransferStream stream = TransferStream.of(accounts, Workload.UNIFORM, SideBySide.WARM_UP_ROUND);
            Measure.once(engine, accounts, stream, plan, options.progress(), "warm-up");
        }
    }

    private void measure(String name, Durability durability, Path root, BenchAccounts accounts, Workload workload,
                         int round, double rate) throws Exception {
        try (EngineSystem engine = engine(name, durability, root)) {
            int workers = rate > 0 ? OPEN_LOOP_WORKERS : options.batchesInFlight();
            RunPlan plan = new RunPlan(Math.min(options.transfersMax(), engine.transfersPerRunMax()),
                    SideBySide.seconds(options.durationSeconds()), SideBySide.seconds(options.warmupSeconds()),
                    workers, options.batchSize(), rate);
            String label = name + " " + workload.wireName() + (options.repeat() > 1 ? " " + (round + 1) + "/"
                    + options.repeat() : "");
            RunResult result = Measure.once(engine, accounts, TransferStream.of(accounts, workload, round), plan,
                    options.progress(), label);
            String key = name + " " + workload.wireName();
            runs.computeIfAbsent(key, ignored -> new ArrayList<>()).add(result);
            EngineMetrics.Totals totals = engine.metrics().totals();
            engineThreadApply.computeIfAbsent(key, ignored -> new ArrayList<>()).add(totals.applyItemsPerSecond());
            details.put(key + " round " + (round + 1), totals);
        }
    }

    private EngineSystem engine(String name, Durability durability, Path root) {
        return new EngineSystem(name, durability, root, options.batchSize(), options.batchesInFlight(),
                options.transfersMax());
    }

    private RunResult median(String name, Workload workload) {
        return RunResult.median(runs.get(name + " " + workload.wireName()));
    }

    private List<Goal> goals(List<RunResult> results) {
        double engineThread = Statistics.median(engineThreadApply.get(APPLY + " uniform"));
        RunResult apply = find(results, APPLY, Workload.UNIFORM);
        RunResult durable = find(results, DURABLE, Workload.UNIFORM);
        RunResult hot = find(results, DURABLE, Workload.HOT_ACCOUNT);
        RunResult latency = find(results, LATENCY, Workload.UNIFORM);
        List<Goal> goals = new ArrayList<>();
        goals.add(Goal.atLeast("(a) apply, engine thread alone (state machine + encoding)", engineThread,
                APPLY_TRANSFERS_PER_SECOND_MIN, "transfers/s"));
        goals.add(Goal.atLeast("(a) apply, whole engine, durability=none, journal on tmpfs",
                apply.transfersPerSecond(), APPLY_TRANSFERS_PER_SECOND_MIN, "transfers/s"));
        goals.add(Goal.atLeast("(b) durable, fsync group commit, uniform", durable.transfersPerSecond(),
                DURABLE_TRANSFERS_PER_SECOND_MIN, "transfers/s"));
        goals.add(Goal.atLeast("(c) hot account / uniform, durable",
                hot.transfersPerSecond() / durable.transfersPerSecond(), HOT_OVER_UNIFORM_MIN, "x"));
        double p50 = latency.latency().p50Millis();
        goals.add(Goal.atMost("(d) p99 / p50 at half the durable maximum, open loop",
                p50 > 0 ? latency.latency().p99Millis() / p50 : null, P99_OVER_P50_MAX, "x"));
        return goals;
    }

    private static RunResult find(List<RunResult> results, String system, Workload workload) {
        return results.stream().filter(run -> run.system().equals(system)
                && run.workload().equals(workload.wireName())).findFirst().orElseThrow();
    }

    private void print(List<RunResult> results, List<Goal> goals, boolean allVerified, Path memoryRoot) {
        out.println();
        out.print(ResultTable.results(results));
        out.println();
        out.printf(Locale.ROOT, "engine thread apply rate (from the metrics hook), median: %,.0f transfers/s%n",
                Statistics.median(engineThreadApply.get(APPLY + " uniform")));
        RunResult latency = find(results, LATENCY, Workload.UNIFORM);
        out.printf(Locale.ROOT, "open loop at %,.0f transfers/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n",
                latency.rate(), latency.latency().p50Millis(), latency.latency().p99Millis(),
                latency.latency().p999Millis());
        if (!memoryRoot.equals(TMPFS)) {
            out.println("note: no tmpfs found; the in-memory run wrote its journal to the data directory");
        }
        out.println();
        out.println("Goals:");
        out.print(ResultTable.goals(goals));
        out.println();
        out.print(ResultTable.verdicts(results));
        out.println(allVerified ? "VERDICT: all runs verified" : "VERDICT: verification FAILED");
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("quick", options.quick());
        settings.put("repeat", options.repeat());
        settings.put("accounts", options.accounts());
        settings.put("batchSize", options.batchSize());
        settings.put("batchesInFlight", options.batchesInFlight());
        settings.put("openLoopWorkers", OPEN_LOOP_WORKERS);
        settings.put("durationSeconds", options.durationSeconds());
        settings.put("warmupSeconds", options.warmupSeconds());
        settings.put("seed", options.seed());
        return settings;
    }
}
