package dev.corebank.server.projection;

import com.zaxxer.hikari.HikariDataSource;
import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.EngineClock;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.reactor.ReactorRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The process a crash test kills: a ledger engine and a projector writing into the given database, under a steady
 * stream of transfers, until the test ends it with SIGKILL. It prints a progress line after each batch.
 *
 * <p>Arguments: the directory (the journal lives under {@code ledger/}), the JDBC URL and the database user.
 */
final class CrashingProjectionMain {
    static final String PROGRESS = "crash-test-progress";
    private static final int USD = Ledgers.numericCode("USD");
    private static final int CUSTOMERS = 10;

    private CrashingProjectionMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Path directory = Path.of(arguments[0]);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(arguments[1]);
        dataSource.setUsername(arguments[2]);
        dataSource.setPassword("");
        LedgerEngine engine = LedgerEngine.open(ReadModelHarness.engineConfig(directory, EngineClock.SYSTEM));
        ProjectionPosition position = new ProjectionPosition(0);
        // Small runs keep the projector inside a transaction most of the time, where a kill hurts most.
        ReactorRuntime runtime = ReadModelHarness.runtime(engine, ReadModelHarness.runs(4, 64), dataSource, position);
        runtime.start();
        UUID cash = UUID.randomUUID();
        List<Account> accounts = new ArrayList<>();
        accounts.add(Account.open(cash, USD, AccountType.ASSET, 1000, AccountFlags.NONE));
        List<UUID> customers = new ArrayList<>();
        for (int index = 0; index < CUSTOMERS; index++) {
            UUID id = UUID.randomUUID();
            customers.add(id);
            accounts.add(Account.open(id, USD, AccountType.LIABILITY, 2000, AccountFlags.NONE));
        }
        engine.createAccounts(accounts, TraceId.NONE).get(30, TimeUnit.SECONDS);
        for (long round = 0; ; round++) {
            UUID customer = customers.get((int) (round % CUSTOMERS));
            UUID hold = UUID.randomUUID();
            engine.createTransfers(List.of(
                    Transfer.of(UUID.randomUUID(), cash, customer, 1_000 + round, USD, 1),
                    new Transfer(hold, customer, cash, 100, USD, 10, TransferFlags.PENDING, null, 0, "", 0),
                    new Transfer(UUID.randomUUID(), null, null, 60, 0, 10, TransferFlags.POST_PENDING, hold, 0, "",
                            0)), TraceId.NONE).get(30, TimeUnit.SECONDS);
            System.out.println(PROGRESS + " journal=" + engine.committedPosition() + " projected="
                    + position.position());
            System.out.flush();
            // A steady stream rather than a flood, so the projector stays near the head and is mid-run when killed.
            Thread.sleep(2);
        }
    }
}
