package dev.corebank.server.audit;

import dev.corebank.ledger.JournalVerifier;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.server.ledger.LedgerProperties;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code corebank audit verify}: verifies the journal in the configured data directory and compares the balances it
 * re-derives with the read model, printing a progress bar on stderr and the verdict on stdout. Exit codes: 0 the
 * journal is intact and everything compared matches, 1 it is not (the verdict names the file, offset and sequence, or
 * the accounts), 2 bad usage, 3 the check could not run.
 *
 * <p>It reads the journal read-only and is meant for a stopped server's data directory: beside a live engine it may
 * catch an entry half written. On a running server use {@code GET /v1/admin/audit/verify}, which also compares the
 * live engine's state. With the embedded database a running server holds the read model locked; the read model is
 * then reported as not compared.
 */
public final class AuditCommand {
    static final String USAGE = "usage: corebank audit verify";
    private static final int BAR_WIDTH = 40;

    private AuditCommand() {
    }

    /** Runs {@code audit <arguments>} and returns the process exit code. */
    public static int run(String[] arguments, PrintStream out, PrintStream err) {
        if (arguments.length != 1 || !arguments[0].equals("verify")) {
            err.println(USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext context = start()) {
            LedgerConfig config = ledgerConfig(context.getBean(LedgerProperties.class));
            JournalAudit.ReadModelState readModel = readModel(context, err);
            out.println("audit verify: journal " + config.dataDirectory().resolve("journal").toAbsolutePath());
            JournalAudit.Verdict verdict = new JournalAudit(config).verify(readModel, null, progressBar(err));
            err.println();
            verdict.lines().forEach(out::println);
            return verdict.ok() ? 0 : 1;
        } catch (RuntimeException failed) {
            err.println("corebank audit verify: could not run: " + failed.getMessage());
            return 3;
        }
    }

    private static JournalAudit.ReadModelState readModel(ConfigurableApplicationContext context, PrintStream err) {
        try {
            return AuditSources.readModel(context.getBean(JdbcTemplate.class),
                    context.getBean(PlatformTransactionManager.class));
        } catch (RuntimeException unavailable) {
            Throwable root = unavailable;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.println("audit verify: the read model cannot be read, it is not compared: " + root.getMessage());
            return null;
        }
    }

    /** The same engine limits the server uses, so every entry the server may write fits the verifier's buffers. */
    static LedgerConfig ledgerConfig(LedgerProperties properties) {
        LedgerConfig defaults = LedgerConfig.defaults(properties.dataDirectory());
        return new LedgerConfig(properties.dataDirectory(), properties.durability(), defaults.batchSizeMax(),
                properties.queueDepthMax(), defaults.writeBatchBytesMax(), defaults.writeBatchesInFlight(),
                defaults.segmentBytesMax(), properties.accountsMax(), properties.transfersMax(),
                defaults.expiryBatchMax(), defaults.idlePollMillis(), properties.snapshotEveryEntries(),
                defaults.clock());
    }

    static JournalVerifier.Progress progressBar(PrintStream err) {
        return (done, total) -> {
            double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            err.print(String.format(Locale.ROOT, "\rverifying [%s%s] %3d%% %,.1f/%,.1f MiB", "#".repeat(filled),
                    "-".repeat(BAR_WIDTH - filled), Math.round(fraction * 100), done / 1048576.0, total / 1048576.0));
            err.flush();
        };
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(Context.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.main.banner-mode", "off", "spring.main.log-startup-info", "false",
                        "logging.level.root", "WARN"))
                .run();
    }

    /** Only the database and the engine's settings: no engine, no projector, no web server, no migrations. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class})
    @EnableConfigurationProperties(LedgerProperties.class)
    static class Context {
    }
}
