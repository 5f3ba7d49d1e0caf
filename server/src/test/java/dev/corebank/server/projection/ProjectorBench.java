package dev.corebank.server.projection;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.Durability;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.ReactorRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The read-model projector alone ({@code ./corebank bench projector}): one journal of N transfers, filled once through
 * the ledger engine, then projected from position 0 to its end by the real projector on the real reactor runtime into
 * a fresh database migrated by the real Flyway migrations, on each store side by side in one invocation. The rate is
 * transfers (rows of {@code transfers}) per second of the catch-up. After every run the read model is checked against
 * the engine: every account's four balances and flags, and the transfer row count against the accepted count.
 *
 * <p>The journal is shaped like the HTTP benchmark's one-transfer requests: one transfer per journal entry
 * ({@code --entry-transfers N} changes it), over {@code --accounts} accounts, mostly single-phase transfers; every
 * twentieth is a hold, later posted or voided (half each).
 *
 * <p>Options: {@code --quick}, {@code --transfers N}, {@code --accounts N}, {@code --entry-transfers N},
 * {@code --repeat N} (medians), {@code --stores h2,postgresql,h2-write-delay}, {@code --entries-per-run N} and
 * {@code --events-per-run N,M} (the runtime's run limits, defaults as the server's; several event limits are run
 * side by side, each with the entry limit no higher than itself, so {@code --events-per-run 256} is the run shape
 * before the projector's runs were bounded by events alone).
 */
public final class ProjectorBench {
    static final int TRANSFERS_DEFAULT = 500_000;
    static final int TRANSFERS_QUICK = 100_000;
    static final int ACCOUNTS_DEFAULT = 10_000;
    static final int IN_FLIGHT_MAX = 512;
    static final int USD = 840;
    static final double GOAL_TRANSFERS_PER_SECOND = 50_000;
    private static final long CATCH_UP_MINUTES_MAX = 30;

    private final Map<String, String> options;
    private final int accounts;
    private final int entriesPerRun;
    private final List<Integer> eventsPerRun;

    private ProjectorBench(Map<String, String> options) {
        this.options = options;
        this.accounts = number("--accounts", ACCOUNTS_DEFAULT);
        this.entriesPerRun = number("--entries-per-run", ReactorProperties.ENTRIES_PER_RUN_MAX_DEFAULT);
        this.eventsPerRun = Arrays.stream(options.getOrDefault("--events-per-run",
                        Integer.toString(ReactorProperties.EVENTS_PER_RUN_MAX_DEFAULT)).split(","))
                .map(text -> Integer.parseInt(text.trim())).toList();
    }

    public static void main(String[] arguments) throws Exception {
        // Flyway and the pool log every migration and pool start at INFO; a benchmark opens many databases.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        java.util.logging.Logger.getLogger("dev.corebank.ledger").setLevel(java.util.logging.Level.WARNING);
        ProjectorBench bench = new ProjectorBench(parse(arguments));
        System.exit(bench.run(String.join(" ", arguments)));
    }

    private int run(String commandLine) throws Exception {
        boolean quick = options.containsKey("--quick");
        int transfers = number("--transfers", quick ? TRANSFERS_QUICK : TRANSFERS_DEFAULT);
        int entryTransfers = number("--entry-transfers", 1);
        int repeat = number("--repeat", 1);
        List<BenchStore> stores = Arrays.stream(options.getOrDefault("--stores", "h2,postgresql").split(","))
                .map(BenchStore::ofName).toList();
        System.out.printf(Locale.ROOT, "./corebank bench projector %s%nmachine: %d cores, load average %.1f, java %s;"
                        + " runs of at most %d entries and %s events%n", commandLine,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), entriesPerRun, eventsPerRun);
        Path directory = Files.createTempDirectory("corebank-projector-bench");
        try (LedgerEngine engine = LedgerEngine.open(LedgerConfig.defaults(directory.resolve("ledger"))
                .withDurability(Durability.NONE).withLimits(accounts + 10, transfers + 10))) {
            long startNanos = System.nanoTime();
            long accepted = fill(engine, transfers, entryTransfers);
            System.out.printf(Locale.ROOT, "journal: %,d accounts, %,d transfers accepted in %,d entries"
                            + " (%d transfer(s) per entry), filled in %.1f s%n", accounts, accepted,
                    engine.committedPosition(), entryTransfers, (System.nanoTime() - startNanos) / 1e9);
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            boolean verified = true;
            int runs = 0;
            // Configurations take turns within each repeat, so a change in the machine's load hits them alike.
            for (int attempt = 1; attempt <= repeat; attempt++) {
                for (int eventsMax : eventsPerRun) {
                    for (BenchStore store : stores) {
                        Path runDirectory = Files.createDirectories(directory.resolve("run-" + ++runs));
                        ReactorProperties limits = ReactorProperties.defaults().withRunLimits(
                                Math.min(entriesPerRun, eventsMax), eventsMax);
                        ProjectorRun result = project(engine, store, limits, runDirectory, accepted);
                        String label = store.label() + ", runs of at most " + eventsMax + " events";
                        rates.computeIfAbsent(label, ignored -> new ArrayList<>()).add(result.transfersPerSecond());
                        verified &= result.problems().isEmpty();
                        System.out.printf(Locale.ROOT, "  %s, run %d: %,9.0f transfers/s  (%.2f s)  %s%n", label,
                                attempt, result.transfersPerSecond(), result.seconds(),
                                result.problems().isEmpty() ? "verified" : "NOT VERIFIED " + result.problems());
                    }
                }
            }
            report(rates);
            return verified ? 0 : 1;
        }
    }

    /** Projects the whole journal into a fresh database; the clock runs from the runtime's start to the last commit. */
    private ProjectorRun project(LedgerEngine engine, BenchStore store, ReactorProperties limits, Path directory,
                                 long accepted) throws Exception {
        try (ReadModelDatabase database = store.create(directory)) {
            ProjectionPosition position = new ProjectionPosition(0);
            ReactorRuntime runtime = ReadModelHarness.runtime(engine, limits, database.dataSource(), position);
            long end = engine.committedPosition();
            long startNanos = System.nanoTime();
            runtime.start();
            try {
                awaitWithProgress(position, end, store.label(), startNanos);
            } finally {
                runtime.stop();
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            List<String> problems = ReadModelCheck.problems(engine, database.jdbc(), accounts, accepted);
            return new ProjectorRun(accepted / seconds, seconds, problems);
        }
    }

    private static void awaitWithProgress(ProjectionPosition position, long end, String label, long startNanos)
            throws InterruptedException {
        long deadline = startNanos + TimeUnit.MINUTES.toNanos(CATCH_UP_MINUTES_MAX);
        while (!position.awaitPosition(end, java.time.Duration.ofSeconds(5))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projector did not catch up in time store=" + label
                        + " position=" + position.position() + " end=" + end);
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            System.out.printf(Locale.ROOT, "    %s: %,d of %,d entries (%.0f%%) after %.0f s%n", label,
                    position.position(), end, 100.0 * position.position() / end, seconds);
        }
    }

    /**
     * Opens the accounts and submits the transfers, {@value #IN_FLIGHT_MAX} entries in flight; every twentieth is a
     * hold, resolved ten transfers later (posted or voided, alternately). Returns the accepted count.
     */
    private long fill(LedgerEngine engine, int transfers, int entryTransfers) throws Exception {
        List<Account> opened = new ArrayList<>(accounts);
        for (int index = 0; index < accounts; index++) {
            opened.add(Account.open(accountId(index), USD, AccountType.LIABILITY, 2001, AccountFlags.NONE));
        }
        for (int from = 0; from < accounts; from += 8000) {
            check(engine.createAccounts(opened.subList(from, Math.min(accounts, from + 8000)), TraceId.NONE)
                    .get(60, TimeUnit.SECONDS));
        }
        Random random = new Random(20_261_202L);
        Deque<Transfer> holds = new ArrayDeque<>();
        Deque<CompletableFuture<BatchResult>> inFlight = new ArrayDeque<>();
        long accepted = 0;
        List<Transfer> entry = new ArrayList<>(entryTransfers);
        for (int index = 0; index < transfers; index++) {
            entry.add(next(random, index, holds));
            if (entry.size() == entryTransfers || index == transfers - 1) {
                inFlight.add(engine.createTransfers(List.copyOf(entry), TraceId.NONE));
                entry.clear();
            }
            while (inFlight.size() >= IN_FLIGHT_MAX) {
                accepted += check(inFlight.poll().get(60, TimeUnit.SECONDS));
            }
        }
        while (!inFlight.isEmpty()) {
            accepted += check(inFlight.poll().get(60, TimeUnit.SECONDS));
        }
        return accepted;
    }

    private Transfer next(Random random, int index, Deque<Transfer> holds) {
        int debit = random.nextInt(accounts);
        int credit = (debit + 1 + random.nextInt(accounts - 1)) % accounts;
        long amount = 1 + random.nextInt(10_000);
        if (index % 20 == 10 && holds.size() < 64) {
            Transfer hold = new Transfer(UUID.randomUUID(), accountId(debit), accountId(credit), amount, USD, 1101,
                    TransferFlags.PENDING, null, 0, "hold", 0);
            holds.add(hold);
            return hold;
        }
        if (index % 20 == 0 && !holds.isEmpty()) {
            Transfer hold = holds.poll();
            int flag = (index / 20) % 2 == 0 ? TransferFlags.POST_PENDING : TransferFlags.VOID_PENDING;
            return new Transfer(UUID.randomUUID(), hold.debitAccountId(), hold.creditAccountId(), hold.amount(), USD,
                    1101, flag, hold.id(), 0, "resolve", 0);
        }
        return new Transfer(UUID.randomUUID(), accountId(debit), accountId(credit), amount, USD, 1101, 0, null, 0,
                "bench", 0);
    }

    private static long check(BatchResult result) {
        long accepted = 0;
        for (int index = 0; index < result.size(); index++) {
            if (result.code(index) == ResultCode.OK) {
                accepted++;
            }
        }
        return accepted;
    }

    static UUID accountId(int index) {
        return new UUID(0x5eed_0000_0000_0000L, index + 1);
    }

    private static void report(Map<String, List<Double>> rates) {
        System.out.println();
        System.out.println("| store, run limit | transfers/s (median) | runs | goal >= 50,000/s |");
        System.out.println("|---|---:|---:|---|");
        for (Map.Entry<String, List<Double>> entry : rates.entrySet()) {
            double median = median(entry.getValue());
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %d | %s |%n", entry.getKey(), median,
                    entry.getValue().size(), median >= GOAL_TRANSFERS_PER_SECOND ? "met" : "NOT met");
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private int number(String name, int fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        int value = Integer.parseInt(text.replace("_", ""));
        if (value <= 0) {
            throw new IllegalArgumentException("option must be positive option=" + name + " value=" + text);
        }
        return value;
    }

    private static Map<String, String> parse(String[] arguments) {
        Map<String, String> options = new HashMap<>();
        List<String> flags = List.of("--quick");
        List<String> valued = List.of("--transfers", "--accounts", "--entry-transfers", "--repeat", "--stores",
                "--entries-per-run", "--events-per-run");
        for (int index = 0; index < arguments.length; index++) {
            String name = arguments[index];
            if (flags.contains(name)) {
                options.put(name, "");
            } else if (valued.contains(name) && index + 1 < arguments.length) {
                options.put(name, arguments[++index]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value option=" + name
                        + " (options: " + flags + " " + valued + ")");
            }
        }
        return options;
    }

    private record ProjectorRun(double transfersPerSecond, double seconds, List<String> problems) {
    }
}
