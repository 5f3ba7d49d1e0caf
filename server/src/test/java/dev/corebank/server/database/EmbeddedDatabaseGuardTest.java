package dev.corebank.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database's guard on real H2 files: every row of its start decision table, and the copy itself. */
class EmbeddedDatabaseGuardTest {
    /** The server's own settings, so the copy is tested as the server runs it. */
    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    /** The rows {@link #fill} commits. */
    private static final List<String> FILLED = List.of("1 deposit 100", "2 transfer 250", "3 fee 5");

    @TempDir
    Path data;

    @Test
    void decidesEveryRowOfItsTable() {
        for (boolean databasePresent : new boolean[] {false, true}) {
            for (boolean markPresent : new boolean[] {false, true}) {
                assertThat(StartDecision.of(true, databasePresent, markPresent)).isEqualTo(StartDecision.FINISH_SWAP);
            }
        }
        assertThat(StartDecision.of(false, true, true)).isEqualTo(StartDecision.COPY);
        assertThat(StartDecision.of(false, true, false)).isEqualTo(StartDecision.OPEN);
        assertThat(StartDecision.of(false, false, true)).isEqualTo(StartDecision.OPEN);
        assertThat(StartDecision.of(false, false, false)).isEqualTo(StartDecision.OPEN);
    }

    @Test
    void marksTheDatabaseWhileOpenAndACleanStopLeavesNoMarkSoTheNextStartDoesNotCopy() throws Exception {
        EmbeddedDatabaseFiles files = files();
        try (EmbeddedDatabaseGuard guard = EmbeddedDatabaseGuard.open(files.url(), "sa", "")) {
            assertThat(guard.decision()).isEqualTo(StartDecision.OPEN);
            assertThat(Files.readString(files.mark())).startsWith("pid=" + ProcessHandle.current().pid() + " ");
            fill(files.url());
        }
        assertThat(files.mark()).doesNotExist();
        opensKeepingTheRows(files, StartDecision.OPEN);
        assertThat(files.unclean()).doesNotExist();
    }

    @Test
    void afterAnUncleanStopCopiesEveryCommittedRowIntoAFreshFileAndKeepsTheOldOneAside() throws Exception {
        EmbeddedDatabaseFiles files = files();
        fill(files.url());
        leaveTheMarkOfAKilledRun(files);
        byte[] before = Files.readAllBytes(files.database());

        try (EmbeddedDatabaseGuard guard = EmbeddedDatabaseGuard.open(files.url(), "sa", "")) {
            assertThat(guard.decision()).isEqualTo(StartDecision.COPY);
            assertThat(rows(files.url())).containsExactlyElementsOf(FILLED);
            // The identity and the sequence go on where they stood, so no id is handed out twice.
            execute(files.url(), "INSERT INTO movement (kind, amount) VALUES ('refund', 7)");
            assertThat(rows(files.url())).last().isEqualTo("4 refund 7");
            assertThat(query(files.url(), "SELECT NEXT VALUE FOR statement_number")).containsExactly("12");
            assertThat(Files.readString(files.mark())).startsWith("pid=" + ProcessHandle.current().pid() + " ");
        }
        assertThat(Files.readAllBytes(files.unclean())).isEqualTo(before);
        assertThat(files.copy()).doesNotExist();
        assertThat(files.copied()).doesNotExist();
        assertThat(files.script()).doesNotExist();
        assertThat(files.mark()).doesNotExist();
    }

    @Test
    void aCopyCutShortBeforeItWasCompleteIsDoneAgainFromTheDatabase() throws Exception {
        EmbeddedDatabaseFiles files = files();
        fill(files.url());
        leaveTheMarkOfAKilledRun(files);
        Files.writeString(files.script(), "CREATE TABLE half_written (");
        Files.write(files.copy(), new byte[] {1, 2, 3});

        opensKeepingTheRows(files, StartDecision.COPY);
        assertThat(files.script()).doesNotExist();
    }

    @Test
    void aCompleteCopyNotYetInPlaceTakesThePlaceOfTheDatabaseWhetherOrNotTheDatabaseWasMovedAside() throws Exception {
        for (boolean databaseMovedAside : new boolean[] {false, true}) {
            EmbeddedDatabaseFiles files = files(data.resolve("moved-" + databaseMovedAside));
            fill(files.copyUrl());
            Files.move(files.copy(), files.copied());
            execute(files.url(), "CREATE TABLE left_by_the_unclean_stop (id INT)");
            if (databaseMovedAside) {
                Files.move(files.database(), files.unclean());
            }
            leaveTheMarkOfAKilledRun(files);

            opensKeepingTheRows(files, StartDecision.FINISH_SWAP);
            assertThat(files.copied()).doesNotExist();
            assertThat(files.unclean()).exists();
        }
    }

    @Test
    void aSecondGuardOnTheSameFileInOneProcessIsRefusedAndTouchesNothing() throws Exception {
        EmbeddedDatabaseFiles files = files();
        try (EmbeddedDatabaseGuard first = EmbeddedDatabaseGuard.open(files.url(), "sa", "")) {
            fill(files.url());
            String mark = Files.readString(files.mark());
            assertThatThrownBy(() -> EmbeddedDatabaseGuard.open(files.url(), "sa", ""))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open in this process");
            assertThat(Files.readString(files.mark())).isEqualTo(mark);
            assertThat(files.unclean()).doesNotExist();
            assertThat(rows(files.url())).hasSize(3);
        }
        assertThat(files.mark()).doesNotExist();
    }

    @Test
    void guardsNothingButAnH2FileDatabase() {
        for (String url : new String[] {"jdbc:h2:mem:guard-test", "jdbc:postgresql://127.0.0.1:5432/corebank", null}) {
            try (EmbeddedDatabaseGuard guard = EmbeddedDatabaseGuard.open(url, "sa", "")) {
                assertThat(guard.guarding()).as(url).isFalse();
            }
        }
        assertThat(EmbeddedDatabaseFiles.of("jdbc:h2:file:./data/readmodel/corebank" + SETTINGS)).hasValueSatisfying(
                files -> {
                    assertThat(files.database()).isEqualTo(Path.of("data/readmodel/corebank.mv.db").toAbsolutePath());
                    assertThat(files.options()).isEqualTo(SETTINGS);
                    assertThat(files.copyUrl()).isEqualTo("jdbc:h2:file:" + Path.of("data/readmodel/corebank.copy")
                            .toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                            + ";DB_CLOSE_ON_EXIT=FALSE");
                });
    }

    /** Opens the database through the guard, which must decide {@code expected}, and finds the filled rows there. */
    private static void opensKeepingTheRows(EmbeddedDatabaseFiles files, StartDecision expected) throws SQLException {
        try (EmbeddedDatabaseGuard guard = EmbeddedDatabaseGuard.open(files.url(), "sa", "")) {
            assertThat(guard.decision()).isEqualTo(expected);
            assertThat(rows(files.url())).containsExactlyElementsOf(FILLED);
        }
    }

    /** The mark as a run that was killed leaves it. */
    private static void leaveTheMarkOfAKilledRun(EmbeddedDatabaseFiles files) throws IOException {
        Files.writeString(files.mark(), "pid=1 opened=2026-12-04T00:00:00Z\n");
    }

    private EmbeddedDatabaseFiles files() {
        return files(data);
    }

    private static EmbeddedDatabaseFiles files(Path directory) {
        return EmbeddedDatabaseFiles.of("jdbc:h2:file:" + directory.resolve("readmodel").resolve("corebank")
                + SETTINGS).orElseThrow();
    }

    /** Three rows with an identity, a sequence that stood at 11, and a table without rows. */
    private static void fill(String url) throws SQLException, IOException {
        Files.createDirectories(Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';'))).getParent());
        execute(url, """
                CREATE TABLE movement (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                                       kind VARCHAR(20) NOT NULL, amount BIGINT NOT NULL);
                CREATE SEQUENCE statement_number START WITH 11;
                CREATE TABLE empty_one (id UUID PRIMARY KEY);
                INSERT INTO movement (kind, amount) VALUES ('deposit', 100), ('transfer', 250), ('fee', 5);
                """);
        assertThat(query(url, "SELECT NEXT VALUE FOR statement_number")).containsExactly("11");
    }

    private static List<String> rows(String url) throws SQLException {
        return query(url, "SELECT id || ' ' || kind || ' ' || amount FROM movement ORDER BY id");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
