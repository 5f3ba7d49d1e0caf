package dev.corebank.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while it holds the embedded database open with a transaction running: the mark survives
 * the kill, the next start copies the database, and the copy holds exactly the committed rows, with no lock left on
 * the rows the killed transaction had written. And while one process holds the database, another is refused before it
 * moves anything.
 */
class EmbeddedDatabaseGuardKillTest {
    @TempDir
    Path data;

    @Test
    void afterAKillTheNextStartCopiesTheCommittedRowsAndNoRowStaysLocked() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("readmodel").resolve("corebank")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                + ";DB_CLOSE_ON_EXIT=FALSE";
        EmbeddedDatabaseFiles files = EmbeddedDatabaseFiles.of(url).orElseThrow();
        runAndKill(url);
        assertThat(files.mark()).as("the mark a kill leaves").exists();

        try (EmbeddedDatabaseGuard guard = EmbeddedDatabaseGuard.open(url, "sa", "")) {
            assertThat(guard.decision()).isEqualTo(StartDecision.COPY);
            assertThat(rows(url)).containsExactly("1 deposit 100", "2 transfer 250", "3 fee 5");
            try (Connection connection = DriverManager.getConnection(url + ";LOCK_TIMEOUT=1000", "sa", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO movement VALUES (4, 'refund', 8)");
                statement.execute("UPDATE movement SET amount = 101 WHERE id = 1");
            }
            assertThat(rows(url)).containsExactly("1 deposit 101", "2 transfer 250", "3 fee 5", "4 refund 8");
        }
        assertThat(files.unclean()).exists();
        assertThat(files.mark()).doesNotExist();
    }

    @Test
    void aSecondProcessIsRefusedWhileTheFirstHoldsTheDatabaseAndNothingIsMoved() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("readmodel").resolve("corebank") + ";WRITE_DELAY=0";
        EmbeddedDatabaseFiles files = EmbeddedDatabaseFiles.of(url).orElseThrow();
        Process first = startHolding(url);
        try {
            String mark = Files.readString(files.mark());
            assertThat(mark).startsWith("pid=" + first.pid() + " ");
            assertThatThrownBy(() -> EmbeddedDatabaseGuard.open(url, "sa", ""))
                    .hasStackTraceContaining("already in use");
            assertThat(Files.readString(files.mark())).isEqualTo(mark);
            assertThat(files.database()).exists();
            for (Path left : List.of(files.unclean(), files.copy(), files.copied(), files.script())) {
                assertThat(left).doesNotExist();
            }
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void runAndKill(String url) throws Exception {
        Process process = startHolding(url);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Starts {@link KilledHoldingATransactionMain} and returns once it holds its transaction open. */
    private static Process startHolding(String url) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KilledHoldingATransactionMain.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader output = process.inputReader();
            assertThat(output.readLine()).as("the child's report").isEqualTo(KilledHoldingATransactionMain.READY);
            return process;
        } catch (Exception | AssertionError failed) {
            process.destroyForcibly();
            throw failed;
        }
    }

    private static List<String> rows(String url) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT id || ' ' || kind || ' ' || amount FROM movement ORDER BY id")) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
