package dev.corebank.bench.systems;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.corebank.bench.run.Outcomes;
import dev.corebank.bench.run.UnitExecutor;
import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The baseline: a conventional SQL ledger, the design most banks run. One database transaction per transfer locks both
 * account rows in id order ({@code SELECT ... FOR UPDATE}), checks that the debit account has the funds, updates both
 * balances and inserts the transfer row, then commits. The server keeps {@code synchronous_commit} at its default
 * (on), so a commit returns only after its WAL record is flushed, which is as durable as the engine's fsync.
 */
public final class PostgresSystem implements SystemUnderTest {
    public static final String URL_DEFAULT = "jdbc:postgresql://127.0.0.1:5432/corebank_bench";
    public static final String USER_DEFAULT = "postgres";
    /** How long a worker waits for a pooled connection before the transfer counts as failed. */
    public static final long CONNECTION_TIMEOUT_MILLIS = 30_000;
    public static final int INSERT_BATCH_ROWS = 1000;

    private static final String LOCK_BOTH = "SELECT id, balance FROM accounts WHERE id IN (?, ?)"
            + " ORDER BY id FOR UPDATE";
    private static final String DEBIT = "UPDATE accounts SET balance = balance - ?, debits_posted = debits_posted + ?"
            + " WHERE id = ?";
    private static final String CREDIT = "UPDATE accounts SET balance = balance + ?,"
            + " credits_posted = credits_posted + ? WHERE id = ?";
    private static final String INSERT_TRANSFER = "INSERT INTO transfers (id, debit_account_id, credit_account_id,"
            + " amount, ledger, code) VALUES (?, ?, ?, ?, ?, ?)";

    private final String url;
    private final String user;
    private final int concurrency;
    private HikariDataSource pool;
    private BenchAccounts accounts;

    public PostgresSystem(String url, String user, int concurrency) {
        this.url = Loopback.requireJdbcUrl(url);
        this.user = user;
        this.concurrency = concurrency;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String description() {
        return "PostgreSQL, one transaction per transfer (SELECT ... FOR UPDATE in id order), synchronous_commit=on, "
                + concurrency + " pooled connections";
    }

    @Override
    public int unitSize() {
        return 1;
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    /** The server's version and its commit settings, for the results; fails when the server cannot be reached. */
    public String describeServer() throws SQLException {
        createDatabaseIfMissing();
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_setting('server_version'),"
                     + " current_setting('synchronous_commit'), current_setting('fsync'),"
                     + " current_setting('wal_sync_method'), current_setting('shared_buffers')")) {
            result.next();
            return "PostgreSQL " + result.getString(1) + " (synchronous_commit=" + result.getString(2) + ", fsync="
                    + result.getString(3) + ", wal_sync_method=" + result.getString(4) + ", shared_buffers="
                    + result.getString(5) + ")";
        }
    }

    @Override
    public void prepare(BenchAccounts benchAccounts, TransferStream stream) throws Exception {
        this.accounts = benchAccounts;
        createDatabaseIfMissing();
        if (pool == null) {
            pool = newPool();
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS transfers");
                statement.execute("DROP TABLE IF EXISTS accounts");
                statement.execute("CREATE TABLE accounts (id uuid PRIMARY KEY, ledger int NOT NULL, code int NOT NULL,"
                        + " balance bigint NOT NULL, debits_posted bigint NOT NULL DEFAULT 0,"
                        + " credits_posted bigint NOT NULL DEFAULT 0)");
                statement.execute("CREATE TABLE transfers (id uuid PRIMARY KEY,"
                        + " debit_account_id uuid NOT NULL REFERENCES accounts,"
                        + " credit_account_id uuid NOT NULL REFERENCES accounts,"
                        + " amount bigint NOT NULL CHECK (amount > 0), ledger int NOT NULL, code int NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT now())");
            }
            insertAccounts(connection, benchAccounts);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE accounts");
            }
        }
    }

    private void insertAccounts(Connection connection, BenchAccounts benchAccounts) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO accounts (id, ledger, code, balance) VALUES (?, ?, ?, ?)")) {
            for (int index = 0; index < benchAccounts.count(); index++) {
                insert.setObject(1, benchAccounts.id(index));
                insert.setInt(2, 840);
                insert.setInt(3, BenchAccounts.CUSTOMER_ACCOUNT_CODE);
                insert.setLong(4, benchAccounts.openingBalanceMinor());
                insert.addBatch();
                if ((index + 1) % INSERT_BATCH_ROWS == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private void createDatabaseIfMissing() throws SQLException {
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*$", "");
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain lowercase identifier database="
                    + database);
        }
        String maintenanceUrl = url.substring(0, slash + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, "");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }

    private HikariDataSource newPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(concurrency);
        config.setMinimumIdle(concurrency);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setAutoCommit(false);
        config.setPoolName("bench-postgres");
        config.addDataSourceProperty("prepareThreshold", "1");
        return new HikariDataSource(config);
    }

    @Override
    public UnitExecutor<Long> executor(TransferStream stream) {
        return new UnitExecutor<>() {
            @Override
            public Long prepare(long first, int count) {
                return first;
            }

            @Override
            public void execute(Long prepared, long first, int count, Outcomes outcomes) throws Exception {
                for (long index = first; index < first + count; index++) {
                    outcomes.set(index, transfer(stream, index) ? Outcomes.ACCEPTED : Outcomes.REJECTED);
                }
            }
        };
    }

    /** Runs one transfer as one transaction; true when it committed, false when the balance rule refused it. */
    private boolean transfer(TransferStream stream, long index) throws SQLException {
        UUID id = stream.id(index);
        UUID debit = accounts.id(stream.debit(index));
        UUID credit = accounts.id(stream.credit(index));
        long amount = stream.amountMinor(index);
        try (Connection connection = pool.getConnection()) {
            try {
                long debitBalance = lockBoth(connection, debit, credit);
                if (debitBalance < amount) {
                    connection.rollback();
                    return false;
                }
                update(connection, DEBIT, amount, debit);
                update(connection, CREDIT, amount, credit);
                try (PreparedStatement insert = connection.prepareStatement(INSERT_TRANSFER)) {
                    insert.setObject(1, id);
                    insert.setObject(2, debit);
                    insert.setObject(3, credit);
                    insert.setLong(4, amount);
                    insert.setInt(5, 840);
                    insert.setInt(6, BenchAccounts.CUSTOMER_TRANSFER_CODE);
                    insert.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        }
    }

    /** Locks both rows in id order, so two transfers over one pair can never deadlock; returns the debit balance. */
    private static long lockBoth(Connection connection, UUID debit, UUID credit) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_BOTH)) {
            lock.setObject(1, debit);
            lock.setObject(2, credit);
            long debitBalance = Long.MIN_VALUE;
            int rows = 0;
            try (ResultSet result = lock.executeQuery()) {
                while (result.next()) {
                    rows++;
                    if (debit.equals(result.getObject(1, UUID.class))) {
                        debitBalance = result.getLong(2);
                    }
                }
            }
            if (rows != 2) {
                throw new IllegalStateException("expected two account rows debit=" + debit + " credit=" + credit
                        + " rows=" + rows);
            }
            return debitBalance;
        }
    }

    private static void update(Connection connection, String sql, long amount, UUID account) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, amount);
            update.setLong(2, amount);
            update.setObject(3, account);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("account row missing account=" + account);
            }
        }
    }

    @Override
    public Snapshot snapshot(TransferStream stream, long sentEnd) throws Exception {
        Map<UUID, Integer> indexById = accounts.indexById();
        long[] balances = new long[accounts.count()];
        long stored;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            int seen = 0;
            try (ResultSet result = statement.executeQuery("SELECT id, balance FROM accounts")) {
                while (result.next()) {
                    Integer index = indexById.get(result.getObject(1, UUID.class));
                    if (index == null) {
                        throw new IllegalStateException("unknown account row id=" + result.getObject(1));
                    }
                    balances[index] = result.getLong(2);
                    seen++;
                }
            }
            if (seen != accounts.count()) {
                throw new IllegalStateException("account rows missing expected=" + accounts.count() + " found=" + seen);
            }
            try (ResultSet result = statement.executeQuery("SELECT count(*) FROM transfers")) {
                result.next();
                stored = result.getLong(1);
            }
            connection.commit();
        }
        return new Snapshot(balances, stored);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
