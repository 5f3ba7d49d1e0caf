package dev.corebank.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code ./corebank bench}. Exit codes: 0 when every run verified, 1 when a run failed verification or
 * a system could not be run, 2 for a bad command line.
 */
public final class BenchMain {
    /**
     * The engine logs recovery and snapshots at INFO through java.util.logging, and a benchmark opens many engines.
     * The logger is held here because java.util.logging keeps only weak references, and a collected logger would
     * forget its level.
     */
    private static final Logger LEDGER_LOGGER = Logger.getLogger("dev.corebank.ledger");

    private BenchMain() {
    }

    public static void main(String[] arguments) throws Exception {
        // HikariCP logs through SLF4J; only its warnings are worth a line on stderr during a benchmark.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        LEDGER_LOGGER.setLevel(Level.WARNING);
        BenchOptions options;
        try {
            options = BenchOptions.parse(arguments);
        } catch (IllegalArgumentException wrong) {
            System.err.println("corebank bench: " + wrong.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        String commandLine = "./corebank bench " + String.join(" ", arguments);
        int exitCode = switch (options.command()) {
            case BenchOptions.COMMAND_LEDGER -> new LedgerBench(options, System.out).run(commandLine.trim());
            case BenchOptions.COMMAND_SIDE_BY_SIDE -> new SideBySide(options, System.out).run(commandLine.trim());
            case BenchOptions.COMMAND_EOD -> new EodBench(options, System.out).run(commandLine.trim());
            case BenchOptions.COMMAND_CALLBACKS -> new dev.corebank.bench.callbacks.CallbacksBench(options, System.out)
                    .run(commandLine.trim());
            case BenchOptions.COMMAND_READS -> new ReadsBench(options, System.out).run(commandLine.trim());
            case BenchOptions.COMMAND_RECOVERY -> new RecoveryBench(options, System.out).run(commandLine.trim());
            default -> {
                System.out.print(BenchOptions.usage());
                yield 0;
            }
        };
        System.exit(exitCode);
    }
}
