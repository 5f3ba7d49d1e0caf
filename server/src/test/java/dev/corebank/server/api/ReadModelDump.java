package dev.corebank.server.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every row of every read-model table, as sorted text, so that two read models can be compared with one equality:
 * the one the server built as the history happened, and the one it rebuilt from the journal alone.
 */
final class ReadModelDump {
    /**
     * Tables that are not derived from the journal, so a rebuild legitimately differs from the original.
     * flyway_schema_history records when the migrations ran (installed_on); idempotency_keys caches HTTP answers for
     * client retries and is not journaled, so a deleted read model starts it empty. The two checkpoint tables hold
     * positions, and every start appends an entry (the chart-of-accounts check), so they are checked against the
     * journal position instead of against each other.
     */
    static final Set<String> NOT_FROM_THE_JOURNAL = Set.of("flyway_schema_history", "idempotency_keys",
            "reactor_checkpoints", "projection_checkpoint");

    private ReadModelDump() {
    }

    /** The embedded default's JDBC URL, as application.yml builds it under a data directory. */
    static String h2Url(java.nio.file.Path data) {
        return "jdbc:h2:file:" + data.resolve("readmodel").resolve("corebank").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Deletes the embedded read model (the H2 files under {@code <data>/readmodel}), as an operator who lost it. */
    static void deleteEmbedded(java.nio.file.Path data) throws java.io.IOException {
        java.nio.file.Path directory = data.resolve("readmodel");
        org.assertj.core.api.Assertions.assertThat(directory).isDirectory();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(directory)) {
            for (java.nio.file.Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(file);
            }
        }
    }

    /** Table name to its rows, each row as {@code column=value} pairs in column order, rows sorted. */
    static Map<String, List<String>> dump(String url, String user) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            for (String table : tables(connection)) {
                if (!NOT_FROM_THE_JOURNAL.contains(table)) {
                    tables.put(table, rows(connection, table));
                }
            }
        }
        return tables;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE LOWER(table_schema) = 'public' AND table_type IN ('BASE TABLE', 'TABLE')")) {
            while (result.next()) {
                names.add(result.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static List<String> rows(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    Object value = result.getObject(column);
                    row.append(columns.getColumnLabel(column).toLowerCase(Locale.ROOT)).append('=')
                            .append(value instanceof byte[] bytes ? Arrays.toString(bytes) : Objects.toString(value))
                            .append(' ');
                }
                rows.add(row.toString().strip());
            }
        }
        rows.sort(null);
        return rows;
    }
}
