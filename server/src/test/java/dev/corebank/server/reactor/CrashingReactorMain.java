package dev.corebank.server.reactor;

import com.zaxxer.hikari.HikariDataSource;
import dev.corebank.ledger.LedgerEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The process a crash test kills: a ledger engine and a reactor runtime running an {@link AppendingReactor}, under a
 * steady stream of journal entries, until the test ends it with SIGKILL. It prints a progress line after each entry.
 *
 * <p>Arguments: the directory (the journal lives under {@code ledger/}), the JDBC URL, the database user and the file
 * the reactor appends to.
 */
final class CrashingReactorMain {
    static final String PROGRESS = "crash-test-progress";

    private CrashingReactorMain() {
    }

    public static void main(String[] arguments) throws Exception {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(arguments[1]);
        dataSource.setUsername(arguments[2]);
        dataSource.setPassword("");
        LedgerEngine engine = LedgerEngine.open(ReactorRuntimeTest.engineConfig(Path.of(arguments[0])));
        ReactorRuntime runtime = new ReactorRuntime(engine, List.of(new AppendingReactor(Path.of(arguments[3]))),
                new JdbcTemplate(dataSource), ReactorRuntimeTest.FAST, Clock.systemUTC());
        runtime.start();
        while (true) {
            ReactorRuntimeTest.append(engine, 1);
            System.out.println(PROGRESS + " journal=" + engine.committedPosition() + " applied="
                    + runtime.status(AppendingReactor.NAME).orElseThrow().position());
            System.out.flush();
            // A steady stream rather than a flood, so the reactor stays near the head and is mid-run when killed.
            Thread.sleep(2);
        }
    }
}
