package dev.corebank.server.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A process that opens an embedded database through the guard, commits three rows, then holds a transaction open
 * (a row inserted, a row changed) and waits to be killed. Started by {@link EmbeddedDatabaseGuardKillTest}.
 */
public final class KilledHoldingATransactionMain {
    static final String READY = "holding a transaction open";

    private KilledHoldingATransactionMain() {
    }

    public static void main(String[] arguments) throws Exception {
        String url = arguments[0];
        EmbeddedDatabaseGuard guard = EmbeddedDatabaseGuard.open(url, "sa", "");
        try (Connection committed = DriverManager.getConnection(url, "sa", "");
             Statement statement = committed.createStatement()) {
            statement.execute("CREATE TABLE movement (id BIGINT PRIMARY KEY, kind VARCHAR(20) NOT NULL,"
                    + " amount BIGINT NOT NULL)");
            statement.execute("INSERT INTO movement VALUES (1, 'deposit', 100), (2, 'transfer', 250), (3, 'fee', 5)");
        }
        Connection open = DriverManager.getConnection(url, "sa", "");
        open.setAutoCommit(false);
        try (Statement statement = open.createStatement()) {
            statement.execute("INSERT INTO movement VALUES (4, 'refund', 7)");
            statement.execute("UPDATE movement SET amount = 999 WHERE id = 1");
        }
        // A commit of another connection writes the open transaction's changes and undo log to the file, as the
        // server's many connections do all the time.
        try (Connection other = DriverManager.getConnection(url, "sa", "");
             Statement statement = other.createStatement()) {
            statement.execute("CREATE TABLE written_after (id INT)");
        }
        System.out.println(READY);
        System.out.flush();
        System.in.read();
        guard.close();
    }
}
