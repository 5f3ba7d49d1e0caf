package dev.corebank.server.database;

import dev.corebank.ledger.FileStorage;
import dev.corebank.ledger.OpenMode;
import dev.corebank.ledger.StorageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the committed rows of an embedded database into a fresh file: {@code SCRIPT TO} on the database, then
 * {@code RUNSCRIPT FROM} into {@link EmbeddedDatabaseFiles#copy()}, which is shut down, made durable and renamed to
 * {@link EmbeddedDatabaseFiles#copied()} only once complete. The database itself is only read. Every table is copied,
 * the journal-derived ones and the others (API keys, idempotency records, webhook attempts, consumer marks) alike.
 * Both steps are single statements, so their progress is logged from the size of the file each one writes.
 */
final class EmbeddedDatabaseCopy {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseCopy.class);
    private static final long PROGRESS_EVERY_SECONDS = 5;

    private EmbeddedDatabaseCopy() {
    }

    static void copy(EmbeddedDatabaseFiles files, String user, String password) throws IOException, SQLException {
        FileStorage.INSTANCE.deleteIfExists(files.copy());
        FileStorage.INSTANCE.deleteIfExists(files.script());
        long startedNanos = System.nanoTime();
        long databaseBytes = Files.size(files.database());
        step("script", files.readOnlyUrl(), user, password, "SCRIPT TO " + quoted(files.script()), files.script(),
                "SHUTDOWN", startedNanos);
        long scriptBytes = Files.size(files.script());
        long scriptedNanos = System.nanoTime();
        // H2 reuses the space of pages a load replaced only after its retention time, so the loaded file holds every
        // page written on the way; SHUTDOWN COMPACT rewrites it with the live pages only (22 MB instead of 460 MB, for
        // half a second, on the soak's read model of 30 MB of SQL).
        step("load", files.copyUrl(), user, password, "RUNSCRIPT FROM " + quoted(files.script()), files.copy(),
                "SHUTDOWN COMPACT", startedNanos);
        long copyBytes = Files.size(files.copy());
        try (StorageFile copy = FileStorage.INSTANCE.open(files.copy(), OpenMode.WRITE)) {
            copy.syncAll();
        }
        FileStorage.INSTANCE.moveAtomically(files.copy(), files.copied());
        FileStorage.INSTANCE.syncDirectory(files.directory());
        long doneNanos = System.nanoTime();
        LOG.info("the embedded database was copied into a fresh file databaseBytes={} scriptBytes={} copyBytes={}"
                + " scriptMillis={} loadMillis={}", databaseBytes, scriptBytes, copyBytes,
                TimeUnit.NANOSECONDS.toMillis(scriptedNanos - startedNanos),
                TimeUnit.NANOSECONDS.toMillis(doneNanos - scriptedNanos));
    }

    /** Runs one statement on a database of its own, then shuts that database down, reporting the file it writes. */
    private static void step(String step, String url, String user, String password, String sql, Path written,
                             String shutdown, long startedNanos) throws SQLException {
        try (Progress progress = new Progress(step, written, startedNanos);
             Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
            statement.execute(shutdown);
        }
    }

    /** A SQL string literal of a path; H2 doubles a quote inside one. */
    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    /** Logs the size of the file a step writes every few seconds until the step ends. */
    private static final class Progress implements AutoCloseable {
        private final CountDownLatch done = new CountDownLatch(1);

        Progress(String step, Path written, long startedNanos) {
            Thread.ofPlatform().daemon().name("embedded-database-copy-progress").start(() -> {
                try {
                    while (!done.await(PROGRESS_EVERY_SECONDS, TimeUnit.SECONDS)) {
                        long bytes = Files.exists(written) ? Files.size(written) : 0;
                        LOG.info("copying the embedded database step={} writtenBytes={} elapsedSeconds={}", step,
                                bytes, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos));
                    }
                } catch (InterruptedException | IOException stopped) {
                    // The report is a courtesy: the copy goes on without it.
                }
            });
        }

        @Override
        public void close() {
            done.countDown();
        }
    }
}
