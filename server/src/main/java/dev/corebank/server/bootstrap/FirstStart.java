package dev.corebank.server.bootstrap;

import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.BusinessDate;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.server.accounts.ChartProperties;
import dev.corebank.server.eod.EodProperties;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.server.accounts.AccountService;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.accounts.OpenAccount;
import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.accounts.ChartOfAccounts.GlAccount;
import dev.corebank.server.accounts.TransactionCodes;
import dev.corebank.server.security.ApiKeys;
import dev.corebank.server.security.NewApiKey;
import dev.corebank.server.security.Role;
import dev.corebank.server.web.TraceIds;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prepares the bank before the first request: opens the chart of accounts wherever an account of it is missing (on a
 * first start, all of them), adds the demo bank when the journal was empty at start and the demo is not turned off,
 * and creates the first admin key on a first start (the journal was empty). When the server is ready it prints where the API and
 * its docs are, and a generated admin key once.
 */
@Component
class FirstStart implements SmartInitializingSingleton, ApplicationListener<ApplicationReadyEvent> {
    static final String NO_DEMO_OPTION = "no-demo";
    static final String BOOTSTRAP_ADMIN_NAME = "bootstrap admin";
    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

    private final LedgerEngine engine;
    private final AccountService accounts;
    private final ApiKeys keys;
    private final DemoBank demo;
    private final BootstrapProperties properties;
    private final ApplicationArguments arguments;
    private final Environment environment;
    private final Commands commands;
    private final ChartProperties chartProperties;
    private final EodProperties eod;
    /** A generated admin secret, held only until it has been printed. */
    private String generatedAdminSecret;
    private boolean adminKeyFromEnvironment;

    FirstStart(LedgerEngine engine, AccountService accounts, ApiKeys keys, DemoBank demo,
               BootstrapProperties properties, ApplicationArguments arguments, Environment environment,
               Commands commands, ChartProperties chart, EodProperties eod) {
        this.commands = commands;
        this.chartProperties = chart;
        this.eod = eod;
        this.engine = engine;
        this.accounts = accounts;
        this.keys = keys;
        this.demo = demo;
        this.properties = properties;
        this.arguments = arguments;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // Decided before anything is written: the journal is empty only on a first start.
        boolean firstStart = engine.committedPosition() == 0;
        TraceId traceId = TraceIds.generate();
        openChartOfAccounts(traceId);
        setFirstBusinessDate(traceId);
        if (firstStart && properties.demo() && !arguments.containsOption(NO_DEMO_OPTION)) {
            demo.create(traceId);
            LOG.info("first start: demo bank created traceId={}", traceId);
        }
        createFirstAdminKey(firstStart);
    }

    private void openChartOfAccounts(TraceId traceId) {
        List<OpenAccount> chart = new ArrayList<>();
        for (String currency : chartProperties.currencies()) {
            for (GlAccount account : GlAccount.values()) {
                chart.add(new OpenAccount(ChartOfAccounts.id(currency, account), Ledgers.numericCode(currency),
                        account.type(), account.code(), AccountFlags.NONE, account.title(currency), null));
            }
        }
        AccountService.Opened opened = accounts.open(chart, Commands.system("first start: chart of accounts",
                traceId));
        int created = 0;
        for (int index = 0; index < chart.size(); index++) {
            ResultCode code = opened.code(index);
            if (code == ResultCode.OK) {
                created++;
            } else if (code != ResultCode.EXISTS) {
                throw new IllegalStateException("chart of accounts: cannot open id=" + chart.get(index).id()
                        + " name=" + chart.get(index).name() + " result=" + code.wireName());
            }
        }
        if (created > 0) {
            LOG.info("chart of accounts: opened accounts={} currencies={} traceId={}", created,
                    chartProperties.currencies(), traceId);
        }
    }

    /** A bank without a business date starts on the configured first date, or on today in the end-of-day zone. */
    private void setFirstBusinessDate(TraceId traceId) {
        if (commands.businessDate().current() != null) {
            return;
        }
        java.time.LocalDate first = eod.firstBusinessDate() != null ? eod.firstBusinessDate()
                : java.time.LocalDate.now(eod.zone());
        ResultCode code = commands.submit(new LedgerCommand.ChangeBusinessDate(new BusinessDate(first, null)),
                Commands.system("first start: business date", traceId)).code(0);
        if (code != ResultCode.OK) {
            throw new IllegalStateException("cannot set the first business date date=" + first + " result="
                    + code.wireName());
        }
        LOG.info("first start: business date set businessDate={} traceId={}", first, traceId);
    }

    /**
     * Only on a first start: keys are journaled, so on any later start the key table is the journal's projection,
     * possibly still being rebuilt, and an empty table does not mean there is no key.
     */
    private void createFirstAdminKey(boolean firstStart) {
        String configured = properties.adminKey() == null || properties.adminKey().isBlank() ? null
                : properties.adminKey().strip();
        if (firstStart) {
            if (configured != null) {
                keys.createWithSecret(Role.ADMIN, BOOTSTRAP_ADMIN_NAME, null, configured,
                        Commands.system("first start: admin key", TraceIds.generate()));
                adminKeyFromEnvironment = true;
            } else {
                NewApiKey created = keys.create(Role.ADMIN, BOOTSTRAP_ADMIN_NAME, null,
                        Commands.system("first start: admin key", TraceIds.generate()));
                generatedAdminSecret = created.secret();
            }
            return;
        }
        if (configured != null) {
            adminKeyFromEnvironment = keys.authenticate(configured).isPresent();
            if (!adminKeyFromEnvironment) {
                LOG.warn("COREBANK_ADMIN_KEY is ignored: API keys exist already and none is active with this secret;"
                        + " manage keys with ./corebank keys or the admin API");
            }
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        print(System.out);
    }

    private void print(PrintStream out) {
        String host = environment.getProperty("server.address", "localhost");
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = "http://" + host + ":" + port;
        StringBuilder banner = new StringBuilder();
        banner.append("\ncorebank is ready\n");
        banner.append("  API:       ").append(base).append("/v1\n");
        banner.append("  API docs:  ").append(base).append("/swagger-ui.html  (OpenAPI document: ").append(base)
                .append("/v3/api-docs)\n");
        banner.append("  health:    ").append(base).append("/actuator/health\n");
        if (generatedAdminSecret != null) {
            banner.append("  admin key: ").append(generatedAdminSecret)
                    .append("\n             generated on this first start and shown only now: keep it safe\n");
            generatedAdminSecret = null;
        } else if (adminKeyFromEnvironment) {
            banner.append("  admin key: the one in COREBANK_ADMIN_KEY\n");
        } else {
            banner.append("  admin key: not shown (create keys with ./corebank keys, or POST /v1/admin/keys)\n");
        }
        out.print(banner);
        out.flush();
    }
}
