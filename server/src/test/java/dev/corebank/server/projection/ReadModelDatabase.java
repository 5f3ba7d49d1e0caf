package dev.corebank.server.projection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * A fresh, migrated read-model database for one test: an H2 file in PostgreSQL mode (the embedded default, with the
 * same URL options as application.yml) or a new PostgreSQL database, created here and dropped on close so that
 * parallel runs never share one.
 */
public final class ReadModelDatabase implements AutoCloseable {
    /** The PostgreSQL server the tests use: local, trust authentication. */
    public static final String POSTGRES_SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/";
    /** As docs/api-read-models.md recommends for production: the driver sends a batch of inserts as one statement. */
    public static final String POSTGRES_OPTIONS = "?reWriteBatchedInserts=true";
    public static final String POSTGRES_USER = "postgres";

    public enum Kind { H2, POSTGRESQL }

    /** How to reach a database again after {@link #detach()}, from this process or another. */
    public record Address(Kind kind, String url, String user, String databaseName) {
    }

    private final Kind kind;
    private final String url;
    private final String user;
    private final String databaseName;
    private final HikariDataSource dataSource;

    private ReadModelDatabase(Kind kind, String url, String user, String databaseName) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.databaseName = databaseName;
        this.dataSource = pool(url, user);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** Creates the database; {@code directory} holds an H2 file and is unused for PostgreSQL. */
    public static ReadModelDatabase create(Kind kind, Path directory) {
        return switch (kind) {
            case H2 -> new ReadModelDatabase(kind, h2Url(directory), "sa", null);
            case POSTGRESQL -> {
                String name = "corebank_test_" + UUID.randomUUID().toString().replace("-", "")
                        .substring(0, 16).toLowerCase(Locale.ROOT);
                administer("CREATE DATABASE " + name);
                yield new ReadModelDatabase(kind, POSTGRES_SERVER_URL + name + POSTGRES_OPTIONS, POSTGRES_USER, name);
            }
        };
    }

    /** Opens an existing database again, for example after another process used it. */
    public static ReadModelDatabase attach(Address address) {
        return new ReadModelDatabase(address.kind(), address.url(), address.user(), address.databaseName());
    }

    /**
     * Closes this process's connections but keeps the database, so that another process can open it (an H2 file
     * admits one process at a time).
     */
    public Address detach() {
        dataSource.close();
        return address();
    }

    public Address address() {
        return new Address(kind, url, user, databaseName);
    }

    /** The JDBC URL application.yml uses for the embedded default, with the file under {@code directory}. */
    public static String h2Url(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("readmodel").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setPoolName("read-model-test");
        return new HikariDataSource(config);
    }

    private static void administer(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_SERVER_URL + "postgres", POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("PostgreSQL administration failed sql=" + sql, failure);
        }
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public JdbcTransactionManager transactionManager() {
        return new JdbcTransactionManager(dataSource);
    }

    /** Closes the connections and, for PostgreSQL, drops the database. */
    @Override
    public void close() {
        dataSource.close();
        if (databaseName != null) {
            // FORCE ends sessions a killed test process may have left behind.
            administer("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        }
    }
}
