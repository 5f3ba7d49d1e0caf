package dev.corebank.bench;

import dev.corebank.bench.report.Comparisons;
import dev.corebank.bench.report.Goal;
import dev.corebank.bench.report.JsonReport;
import dev.corebank.bench.report.MachineInfo;
import dev.corebank.bench.report.Ratio;
import dev.corebank.bench.report.ResultTable;
import dev.corebank.bench.report.RunResult;
import dev.corebank.bench.report.SvgChart;
import dev.corebank.bench.run.LoadRunner;
import dev.corebank.bench.run.Outcomes;
import dev.corebank.bench.run.Progress;
import dev.corebank.bench.run.RunPlan;
import dev.corebank.bench.systems.CorebankHttp;
import dev.corebank.bench.systems.EngineSystem;
import dev.corebank.bench.systems.HttpBatchSystem;
import dev.corebank.bench.systems.HttpSingleSystem;
import dev.corebank.bench.systems.PostgresSystem;
import dev.corebank.bench.systems.ServerProcess;
import dev.corebank.bench.systems.SystemUnderTest;
import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;
import dev.corebank.bench.workload.Workload;
import dev.corebank.ledger.Durability;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./corebank bench}: every system under every workload, the same accounts and the same transfer streams, one
 * after the other so that they never compete for the two cores; then the table, the ratios, the goals, the JSON and
 * the chart.
 */
final class SideBySide {
    /** The warm-up stream's round: far from the rounds of measured repeats, so its transfer ids never collide. */
    static final int WARM_UP_ROUND = 1_000_000;
    static final double WARM_UP_WINDOW_SECONDS = 2;
    static final double WARM_UP_STABLE_FRACTION = 0.1;
    /**
     * The server's minimum warm-up. On two cores its one-transfer-per-request rate was seen to climb for a minute or
     * more after start (from a few hundred to about 2,500 transfers/s), whether from its JIT or from background work
     * catching up; the minimum keeps the first measured run out of the steepest part.
     */
    static final double WARM_UP_SECONDS_MIN = 40;
    static final double WARM_UP_SECONDS_MIN_QUICK = 8;
    static final double WARM_UP_SECONDS_MAX = 60;
    static final double WARM_UP_SECONDS_MAX_QUICK = 12;
    private final BenchOptions options;
    private final PrintStream out;
    private final List<String> notes = new ArrayList<>();
    private final List<RunResult> results = new ArrayList<>();
    private final Map<String, Object> engineDetails = new LinkedHashMap<>();
    private boolean systemMissing;
    /** One server serves both HTTP modes, each with transfer ids of its own; started by the first that needs it. */
    private CorebankHttp server;

    SideBySide(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs everything; returns the process exit code: 0 when every requested system ran and every run verified. */
    int run(String commandLine) throws Exception {
        ResultsDirectory directory = ResultsDirectory.create(options.resultsRoot());
        String postgres = describePostgres();
        MachineInfo machine = MachineInfo.read(options.dataDirectory(), postgres);
        String started = OffsetDateTime.now().withNano(0).toString();
        out.println("corebank bench side-by-side" + (options.quick() ? " --quick" : "") + ": " + machine.summary());
        out.println("  " + postgres);
        BenchAccounts accounts = new BenchAccounts(options.seed(), options.accounts(),
                BenchAccounts.OPENING_BALANCE_MINOR_DEFAULT);
        try {
            for (String systemName : options.systems()) {
                runSystem(systemName, accounts, directory);
            }
        } finally {
            if (server != null) {
                server.server().close();
            }
        }
        List<Ratio> ratios = Comparisons.ratios(results);
        List<Goal> goals = Comparisons.goals(results);
        boolean allVerified = !results.isEmpty() && results.stream().allMatch(run -> run.verdict().passed());
        printSummary(ratios, goals, allVerified);
        JsonReport report = new JsonReport("side-by-side", started, commandLine, machine, settings(), results,
                ratios, goals, allVerified, engineDetails, notes);
        writeFiles(directory, report, machine);
        return allVerified && !systemMissing ? 0 : 1;
    }

    private String describePostgres() {
        if (!options.systems().contains(Comparisons.POSTGRES)) {
            return "PostgreSQL not run";
        }
        try (PostgresSystem probe = new PostgresSystem(options.postgresUrl(), PostgresSystem.USER_DEFAULT, 1)) {
            return probe.describeServer();
        } catch (Exception unreachable) {
            return "PostgreSQL unreachable: " + unreachable.getMessage();
        }
    }

    private void runSystem(String systemName, BenchAccounts accounts, ResultsDirectory directory) {
        SystemUnderTest system;
        try {
            system = open(systemName, directory);
        } catch (Exception failure) {
            String note = systemName + " skipped: " + firstLine(failure);
            System.err.println("corebank bench: " + note);
            notes.add(note);
            systemMissing = true;
            return;
        }
        try (system) {
            out.println("- " + system.name() + ": " + system.description());
            warmUp(system, accounts);
            for (Workload workload : options.workloads()) {
                results.add(runCell(system, accounts, workload));
            }
        } catch (Exception failure) {
            String note = systemName + " stopped: " + firstLine(failure);
            System.err.println("corebank bench: " + note);
            notes.add(note);
            systemMissing = true;
        }
    }

    private SystemUnderTest open(String systemName, ResultsDirectory directory) throws Exception {
        return switch (systemName) {
            case Comparisons.ENGINE -> new EngineSystem(Comparisons.ENGINE, Durability.FSYNC, options.dataDirectory(),
                    options.batchSize(), options.batchesInFlight(), options.transfersMax());
            case Comparisons.HTTP_SINGLE -> new HttpSingleSystem(server(directory), options.concurrency());
            case Comparisons.HTTP_BATCH -> new HttpBatchSystem(server(directory), options.batchSize(),
                    options.batchesInFlight());
            case Comparisons.POSTGRES -> new PostgresSystem(options.postgresUrl(), PostgresSystem.USER_DEFAULT,
                    options.concurrency());
            default -> throw new IllegalArgumentException("unknown system system=" + systemName);
        };
    }

    private CorebankHttp server(ResultsDirectory directory) throws Exception {
        if (server == null) {
            out.println("  starting the server ...");
            long started = System.nanoTime();
            server = new CorebankHttp(ServerProcess.start(options.serverJar(), options.serverJavaOptions(),
                    options.dataDirectory(), directory.file("server.log")));
            out.printf(Locale.ROOT, "  server healthy after %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        return server;
    }

    /**
     * Unmeasured runs before the first measured one, so that no system is measured while its JIT (or the server's)
     * is still compiling the hot path: windows of {@link #WARM_UP_WINDOW_SECONDS} on streams of their own for at
     * least the minimum time (for a system that {@link SystemUnderTest#startsCold()}), then until two windows in a
     * row agree within {@link #WARM_UP_STABLE_FRACTION}, or the budget is spent. The engine and PostgreSQL start the
     * next run from fresh state anyway; the server keeps the warm-up's transfers, which the next run starts from.
     */
    private void warmUp(SystemUnderTest system, BenchAccounts accounts) throws Exception {
        system.prepare(accounts, TransferStream.of(accounts, Workload.UNIFORM, WARM_UP_ROUND, idNamespace(system)));
        boolean fixed = system.startsCold() && options.serverWarmupSeconds() > 0;
        double budgetSeconds = fixed ? options.serverWarmupSeconds()
                : options.quick() ? WARM_UP_SECONDS_MAX_QUICK : WARM_UP_SECONDS_MAX;
        double minimumSeconds = fixed ? options.serverWarmupSeconds() : !system.startsCold() ? 0
                : options.quick() ? WARM_UP_SECONDS_MIN_QUICK : WARM_UP_SECONDS_MIN;
        long started = System.nanoTime();
        double previous = 0;
        double rate = 0;
        int window = 0;
        while ((System.nanoTime() - started) / 1e9 < budgetSeconds) {
            TransferStream stream = TransferStream.of(accounts, Workload.UNIFORM, WARM_UP_ROUND + window,
                    idNamespace(system));
            RunPlan plan = new RunPlan(Math.min(options.transfersMax(), system.transfersPerRunMax() / 4),
                    seconds(WARM_UP_WINDOW_SECONDS), 0, system.concurrency(), system.unitSize(), 0);
            try (Progress progress = Progress.start(options.progress(), system.name() + " warm-up", plan)) {
                rate = LoadRunner.run(plan, system.executor(stream), new Outcomes(plan.transfersMax()), progress)
                        .transfersPerSecond();
            }
            window++;
            boolean settled = window >= 2 && Math.abs(rate - previous) <= WARM_UP_STABLE_FRACTION * previous;
            if (settled && (System.nanoTime() - started) / 1e9 >= minimumSeconds) {
                break;
            }
            previous = rate;
        }
        out.printf(Locale.ROOT, "  warm-up: %d windows, %.0f s, last %,.0f transfers/s%n", window,
                (System.nanoTime() - started) / 1e9, rate);
    }

    private RunResult runCell(SystemUnderTest system, BenchAccounts accounts, Workload workload) throws Exception {
        List<RunResult> repeats = new ArrayList<>();
        for (int round = 0; round < options.repeat(); round++) {
            TransferStream stream = TransferStream.of(accounts, workload, round, idNamespace(system));
            String label = system.name() + " " + workload.wireName()
                    + (options.repeat() > 1 ? " " + (round + 1) + "/" + options.repeat() : "");
            repeats.add(Measure.once(system, accounts, stream, plan(system), options.progress(), label));
        }
        RunResult cell = RunResult.median(repeats);
        if (system instanceof EngineSystem engine) {
            engineDetails.put(system.name() + " " + workload.wireName(), engine.metrics().totals());
        }
        if (!cell.verdict().passed()) {
            System.err.println("  " + system.name() + " " + workload.wireName() + ": " + cell.verdict().summary());
        }
        return cell;
    }

    /** Each system its own transfer ids, so that systems sharing one server never repeat each other's ids. */
    private static int idNamespace(SystemUnderTest system) {
        return Math.max(0, BenchOptions.SYSTEMS_ALL.indexOf(system.name()));
    }

    private RunPlan plan(SystemUnderTest system) {
        RunPlan plan = new RunPlan(Math.min(options.transfersMax(), system.transfersPerRunMax()),
                seconds(options.durationSeconds()), seconds(options.warmupSeconds()), system.concurrency(),
                system.unitSize(), 0);
        return options.rateTransfersPerSecond() > 0 ? plan.withRate(options.rateTransfersPerSecond()) : plan;
    }

    static long seconds(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }

    private void printSummary(List<Ratio> ratios, List<Goal> goals, boolean allVerified) {
        out.println();
        out.print(ResultTable.results(results));
        out.println();
        out.println("Ratios of throughput (same run):");
        out.print(ResultTable.ratios(ratios));
        out.println();
        out.println("Goals:");
        out.print(ResultTable.goals(goals));
        out.println();
        out.println("Verification (sum of balances unchanged, every balance and the stored count match the accepted"
                + " transfers):");
        out.print(ResultTable.verdicts(results));
        for (String note : notes) {
            out.println("  note: " + note);
        }
        out.println(allVerified ? "VERDICT: all runs verified" : "VERDICT: verification FAILED");
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("quick", options.quick());
        settings.put("repeat", options.repeat());
        settings.put("systems", options.systems());
        settings.put("workloads", options.workloads().stream().map(Workload::wireName).toList());
        settings.put("accounts", options.accounts());
        settings.put("zipfExponent", TransferStream.ZIPF_EXPONENT_DEFAULT);
        settings.put("amountMinorMax", TransferStream.AMOUNT_MINOR_MAX);
        settings.put("concurrency", options.concurrency());
        settings.put("batchesInFlight", options.batchesInFlight());
        settings.put("batchSize", options.batchSize());
        settings.put("durationSeconds", options.durationSeconds());
        settings.put("warmupSeconds", options.warmupSeconds());
        settings.put("transfersMax", options.transfersMax());
        settings.put("rateTransfersPerSecond", options.rateTransfersPerSecond());
        settings.put("seed", options.seed());
        return settings;
    }

    private void writeFiles(ResultsDirectory directory, JsonReport report, MachineInfo machine) throws Exception {
        report.write(directory.file("bench.json"));
        String title = "corebank vs a PostgreSQL ledger" + (options.quick() ? " (quick run)" : "");
        directory.writeText("bench.svg", SvgChart.render(title, machine.summary(), results));
        directory.writeText("table.txt", ResultTable.results(results) + "\n" + ResultTable.ratios(report.ratios())
                + "\n" + ResultTable.goals(report.goals()));
        Path png = directory.pngOf("bench.svg", 1100, 500);
        out.println();
        out.println("Results: " + directory.path().resolve("bench.json") + ", bench.svg"
                + (png != null ? ", bench.png" : " (no PNG: install rsvg-convert or chromium to get one)"));
    }

    static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int newline = message.indexOf('\n');
        return failure.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
