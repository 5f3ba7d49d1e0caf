package dev.corebank.bench;

import dev.corebank.bench.systems.PostgresSystem;
import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@code ./corebank bench}, with a named default for every option. {@code --quick} swaps in the
 * short defaults; any option given explicitly wins over both.
 */
public record BenchOptions(
        String command,
        boolean quick,
        int repeat,
        List<String> systems,
        List<Workload> workloads,
        int concurrency,
        int batchesInFlight,
        int batchSize,
        int accounts,
        long seed,
        double durationSeconds,
        double warmupSeconds,
        double serverWarmupSeconds,
        long transfersMax,
        double rateTransfersPerSecond,
        Path resultsRoot,
        Path dataDirectory,
        Path serverJar,
        List<String> serverJavaOptions,
        String postgresUrl,
        boolean progress) {

    public static final String COMMAND_SIDE_BY_SIDE = "side-by-side";
    public static final String COMMAND_LEDGER = "ledger";
    public static final String COMMAND_HELP = "help";
    public static final String COMMAND_EOD = "eod";
    public static final String COMMAND_CALLBACKS = "callbacks";
    public static final String COMMAND_READS = "reads";
    public static final String COMMAND_RECOVERY = "recovery";
    public static final List<String> SYSTEMS_ALL = List.of("engine", "http-single", "http-batch", "postgres");

    public static final int REPEAT_DEFAULT = 1;
    public static final int REPEAT_MAX = 20;
    public static final int CONCURRENCY_DEFAULT = 32;
    public static final int BATCHES_IN_FLIGHT_DEFAULT = 4;
    public static final int BATCH_SIZE_DEFAULT = 8189;
    public static final long SEED_DEFAULT = 20_260_101L;
    public static final double DURATION_SECONDS_DEFAULT = 10;
    public static final double DURATION_SECONDS_QUICK = 3;
    public static final double WARMUP_SECONDS_DEFAULT = 2;
    public static final double WARMUP_SECONDS_QUICK = 1;
    public static final double DURATION_SECONDS_MAX = 600;
    /** The engine's own default in-memory limit; no bounded run here gets near it. */
    public static final long TRANSFERS_MAX_DEFAULT = 50_000_000;
    public static final Path RESULTS_ROOT_DEFAULT = Path.of("results");
    public static final Path SERVER_JAR_DEFAULT = Path.of("server", "target", "corebank-server.jar");

    public static BenchOptions parse(String... arguments) {
        List<String> rest = new ArrayList<>(Arrays.asList(arguments));
        String command = COMMAND_SIDE_BY_SIDE;
        if (!rest.isEmpty() && !rest.getFirst().startsWith("--")) {
            command = switch (rest.removeFirst()) {
                case "ledger" -> COMMAND_LEDGER;
                case "side-by-side", "all" -> COMMAND_SIDE_BY_SIDE;
                case "help" -> COMMAND_HELP;
                case "eod" -> COMMAND_EOD;
                case "callbacks" -> COMMAND_CALLBACKS;
                case "reads" -> COMMAND_READS;
                case "recovery" -> COMMAND_RECOVERY;
                default -> throw new IllegalArgumentException("unknown bench command command=" + arguments[0]
                        + " (side-by-side, ledger, eod, callbacks, reads, recovery, help)");
            };
        }
        boolean quick = rest.remove("--quick");
        boolean help = rest.remove("--help") || rest.remove("-h");
        boolean noProgress = rest.remove("--no-progress");
        Values values = new Values(rest);
        BenchOptions options = new BenchOptions(
                help ? COMMAND_HELP : command,
                quick,
                (int) values.number("--repeat", REPEAT_DEFAULT, 1, REPEAT_MAX),
                values.list("--systems", SYSTEMS_ALL, SYSTEMS_ALL),
                values.list("--workloads", List.of("uniform", "hot-account", "zipf"), null).stream()
                        .map(Workload::ofWireName).toList(),
                (int) values.number("--concurrency", CONCURRENCY_DEFAULT, 1, 1024),
                (int) values.number("--batches-in-flight", BATCHES_IN_FLIGHT_DEFAULT, 1, 64),
                (int) values.number("--batch-size", BATCH_SIZE_DEFAULT, 1, BATCH_SIZE_DEFAULT),
                (int) values.number("--accounts", BenchAccounts.COUNT_DEFAULT, 2, BenchAccounts.COUNT_MAX),
                values.wholeNumber("--seed", SEED_DEFAULT),
                values.number("--duration-seconds", quick ? DURATION_SECONDS_QUICK : DURATION_SECONDS_DEFAULT, 0.5,
                        DURATION_SECONDS_MAX),
                values.number("--warmup-seconds", quick ? WARMUP_SECONDS_QUICK : WARMUP_SECONDS_DEFAULT, 0,
                        DURATION_SECONDS_MAX),
                values.number("--server-warmup-seconds", 0, 0, 3600),
                (long) values.number("--transfers-max", TRANSFERS_MAX_DEFAULT, 1, TRANSFERS_MAX_DEFAULT * 4),
                values.number("--rate", 0, 0, 1e9),
                Path.of(values.text("--results", RESULTS_ROOT_DEFAULT.toString())),
                Path.of(values.text("--data-dir", System.getProperty("java.io.tmpdir"))),
                Path.of(values.text("--server-jar", SERVER_JAR_DEFAULT.toString())),
                words(values.text("--server-java-options", "")),
                values.text("--postgres-url", PostgresSystem.URL_DEFAULT),
                !noProgress);
        values.requireAllUsed();
        if (options.warmupSeconds >= options.durationSeconds) {
            throw new IllegalArgumentException("warm-up must be shorter than the run warmupSeconds="
                    + options.warmupSeconds + " durationSeconds=" + options.durationSeconds);
        }
        return options;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    public static String usage() {
        return """
                usage: ./corebank bench [side-by-side | ledger | eod | callbacks | reads | recovery | help] [options]

                  side-by-side (default)  the engine in-process, the server over HTTP (one transfer per request and
                                          the batch endpoint) and a PostgreSQL ledger, same accounts, same transfers
                  ledger                  the ledger engine alone: in-memory apply, durable, hot account, and latency
                                          at half the durable maximum (open loop)
                  eod                     end of day of --accounts savings accounts on the server, and the p99 of
                                          HTTP postings (--concurrency threads) without it and while it runs
                  callbacks               a transfer import of 1,000,000 end to end, and signed webhook deliveries
                                          per second to a receiver in the bench, each beside a same-run baseline
                  reads                   GET /v1/accounts/{id} over random accounts (--concurrency connections), and
                                          statement pages of an account with 1,000,000 lines (100,000 with --quick)
                  recovery                restart to ready with 10,000,000 transfers in the journal (1,000,000 with
                                          --quick), from the snapshotter's snapshot and from the journal alone, and
                                          submit latency with no snapshot, while the snapshotter writes one, and
                                          while the engine thread writes one
                  bus, consumers,         run by ./corebank from the server's test classes: the event bus publishers,
                  projector               the bank services' consumers, and the read-model projector alone on H2 and
                                          PostgreSQL (docs/BENCHMARKS.md)

                options:
                  --quick                 short runs: about a minute for side-by-side
                  --repeat N              run every configuration N times and report medians (default 1)
                  --systems a,b           engine, http-single, http-batch, postgres (default all)
                  --workloads a,b         uniform, hot-account, zipf (default all)
                  --concurrency N         requests or transactions in flight for http-single and postgres (32)
                  --batches-in-flight N   batches in flight for the engine and http-batch (4)
                  --batch-size N          transfers per batch, at most 8189 (8189)
                  --accounts N            customer accounts (10000)
                  --duration-seconds S    length of each run, warm-up included (10; 3 with --quick)
                  --warmup-seconds S      unmeasured start of each run (2; 1 with --quick)
                  --server-warmup-seconds S
                                          warm the server up for exactly S seconds before its first measured run,
                                          instead of until its rate settles (40 to 60 s; 8 to 12 with --quick): the
                                          JIT on two cores needs minutes to reach the steady state
                  --rate N                open loop at N transfers/s; latency corrected for coordinated omission
                  --seed N                seed of accounts and transfer streams
                  --results DIR           where results/<timestamp>/ goes (results)
                  --data-dir DIR          where the engine's and the server's journals go (the temp directory)
                  --server-jar PATH       the server jar (server/target/corebank-server.jar)
                  --server-java-options S JVM options for the server process, for example "-Xmx2g"
                  --postgres-url URL      loopback only (jdbc:postgresql://127.0.0.1:5432/corebank_bench)
                  --no-progress           no progress bar
                """;
    }

    /** Options of the form {@code --name value}, consumed as they are read so that leftovers can be reported. */
    private static final class Values {
        private final List<String> arguments;

        Values(List<String> arguments) {
            this.arguments = arguments;
        }

        String text(String name, String fallback) {
            int at = arguments.indexOf(name);
            if (at < 0) {
                return fallback;
            }
            if (at + 1 >= arguments.size()) {
                throw new IllegalArgumentException("option needs a value option=" + name);
            }
            String value = arguments.get(at + 1);
            arguments.subList(at, at + 2).clear();
            return value;
        }

        double number(String name, double fallback, double min, double max) {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            double value;
            try {
                value = Double.parseDouble(text.replace("_", ""));
            } catch (NumberFormatException malformed) {
                throw new IllegalArgumentException("option needs a number option=" + name + " value=" + text);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("option out of range option=" + name + " value=" + text
                        + " min=" + min + " max=" + max);
            }
            return value;
        }

        long wholeNumber(String name, long fallback) {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            try {
                return Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException malformed) {
                throw new IllegalArgumentException("option needs a whole number option=" + name + " value=" + text);
            }
        }

        List<String> list(String name, List<String> fallback, List<String> allowed) {
            String text = text(name, null);
            if (text == null) {
                return fallback;
            }
            List<String> items = Arrays.stream(text.split(",")).map(item -> item.trim().toLowerCase(Locale.ROOT))
                    .filter(item -> !item.isEmpty()).toList();
            if (items.isEmpty()) {
                throw new IllegalArgumentException("option needs at least one item option=" + name);
            }
            if (allowed != null) {
                for (String item : items) {
                    if (!allowed.contains(item)) {
                        throw new IllegalArgumentException("unknown item option=" + name + " item=" + item
                                + " allowed=" + allowed);
                    }
                }
            }
            return items;
        }

        void requireAllUsed() {
            if (!arguments.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + arguments + "; see ./corebank bench help");
            }
        }
    }
}
