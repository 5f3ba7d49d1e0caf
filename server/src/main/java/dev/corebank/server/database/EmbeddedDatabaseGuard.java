package dev.corebank.server.database;

import dev.corebank.ledger.FileStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 database whole across a kill. H2 can come back from a SIGKILL holding a transaction that was
 * neither committed nor rolled back, whose row locks never release (docs/RELIABILITY.md, defect 3), and nothing in
 * H2 lets corebank end it. The committed rows are readable, though, so after an unclean stop the guard copies them
 * into a fresh file ({@code SCRIPT}, then {@code RUNSCRIPT}) before the data source, the migrations or the reactors
 * open it; the reactors' check at start then repairs from the journal whatever the cut transaction had left half done.
 *
 * <p>The mark of a clean stop: the guard writes {@link EmbeddedDatabaseFiles#mark()} once it holds the database open,
 * and deletes it only after it shut the database down ({@code SHUTDOWN}), after the data source closed. A mark found
 * at start means the last run ended otherwise. The guard holds one connection for its whole life, so the database is
 * open exactly while the mark stands. What it does at start is the decision table of {@link StartDecision}.
 *
 * <p>For any other database (PostgreSQL, H2 in memory) the guard guards nothing.
 */
public final class EmbeddedDatabaseGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseGuard.class);
    /** One guard per database file in a process: a second one would take the first one's mark for a crash. */
    private static final Set<Path> OPEN_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final EmbeddedDatabaseFiles files;
    private final Connection held;
    private final StartDecision decision;

    private EmbeddedDatabaseGuard(EmbeddedDatabaseFiles files, Connection held, StartDecision decision) {
        this.files = files;
        this.held = held;
        this.decision = decision;
    }

    /** Opens the database behind {@code jdbcUrl}, copying it first if the last run did not shut it down cleanly. */
    public static EmbeddedDatabaseGuard open(String jdbcUrl, String user, String password) {
        Optional<EmbeddedDatabaseFiles> embedded = EmbeddedDatabaseFiles.of(jdbcUrl);
        if (embedded.isEmpty()) {
            return new EmbeddedDatabaseGuard(null, null, StartDecision.OPEN);
        }
        EmbeddedDatabaseFiles files = embedded.get();
        if (!OPEN_IN_THIS_PROCESS.add(files.base())) {
            throw new IllegalStateException("the embedded database is already open in this process database="
                    + files.database());
        }
        try {
            StartDecision decision = prepare(files, user, password);
            Connection held = DriverManager.getConnection(files.url(), user, password);
            try {
                writeMark(files);
            } catch (IOException | RuntimeException failed) {
                held.close();
                throw failed;
            }
            return new EmbeddedDatabaseGuard(files, held, decision);
        } catch (IOException failed) {
            OPEN_IN_THIS_PROCESS.remove(files.base());
            throw new UncheckedIOException("the embedded database could not be prepared database=" + files.database()
                    + " cause=" + failed.getMessage(), failed);
        } catch (SQLException failed) {
            OPEN_IN_THIS_PROCESS.remove(files.base());
            throw new IllegalStateException("the embedded database could not be opened database=" + files.database()
                    + " cause=" + failed.getMessage(), failed);
        } catch (RuntimeException failed) {
            OPEN_IN_THIS_PROCESS.remove(files.base());
            throw failed;
        }
    }

    private static StartDecision prepare(EmbeddedDatabaseFiles files, String user, String password)
            throws IOException, SQLException {
        FileStorage.INSTANCE.createDirectories(files.directory());
        StartDecision decision = StartDecision.of(Files.exists(files.copied()), Files.exists(files.database()),
                Files.exists(files.mark()));
        switch (decision) {
            case OPEN -> {
                // Files a copy left behind (the database deleted by hand while one ran) are never used.
                deleteLeftovers(files);
            }
            case COPY -> {
                LOG.warn("the embedded database was not shut down cleanly by the last run; its committed rows are"
                        + " copied into a fresh file before anything opens it database={} lastRun=\"{}\"",
                        files.database(), lastRun(files));
                EmbeddedDatabaseCopy.copy(files, user, password);
                swap(files);
            }
            case FINISH_SWAP -> {
                LOG.warn("a copy of the embedded database was complete but not yet in place; it takes the database's"
                        + " place now database={}", files.database());
                swap(files);
            }
        }
        return decision;
    }

    /** The complete copy takes the database's place; the database as the unclean stop left it is kept beside it. */
    private static void swap(EmbeddedDatabaseFiles files) throws IOException {
        FileStorage storage = FileStorage.INSTANCE;
        if (Files.exists(files.database())) {
            storage.moveAtomically(files.database(), files.unclean());
            storage.syncDirectory(files.directory());
        }
        storage.moveAtomically(files.copied(), files.database());
        storage.syncDirectory(files.directory());
        deleteLeftovers(files);
    }

    private static void deleteLeftovers(EmbeddedDatabaseFiles files) throws IOException {
        FileStorage.INSTANCE.deleteIfExists(files.copy());
        FileStorage.INSTANCE.deleteIfExists(files.script());
    }

    private static String lastRun(EmbeddedDatabaseFiles files) {
        try {
            return Files.readString(files.mark(), StandardCharsets.UTF_8).strip();
        } catch (IOException unreadable) {
            return "unreadable: " + unreadable.getMessage();
        }
    }

    /** The mark is durable before the server goes on: a power cut after this start must still find it. */
    private static void writeMark(EmbeddedDatabaseFiles files) throws IOException {
        FileStorage.INSTANCE.replaceDurably(files.mark(), ("pid=" + ProcessHandle.current().pid() + " opened="
                + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** What the guard did at start: {@link StartDecision#COPY} after an unclean stop. */
    public StartDecision decision() {
        return decision;
    }

    /** Whether there is an embedded database to guard. */
    public boolean guarding() {
        return files != null;
    }

    /**
     * Shuts the database down and deletes the mark. Called after the data source closed; should the shutdown fail, the
     * mark stays and the next start copies the database.
     */
    @Override
    public void close() {
        if (files == null) {
            return;
        }
        try {
            try (held; Statement statement = held.createStatement()) {
                statement.execute("SHUTDOWN");
            }
            FileStorage.INSTANCE.deleteIfExists(files.mark());
            FileStorage.INSTANCE.syncDirectory(files.directory());
            LOG.info("the embedded database was shut down cleanly database={}", files.database());
        } catch (SQLException | IOException failed) {
            LOG.warn("the embedded database was not shut down cleanly; the next start copies it database={} cause={}",
                    files.database(), failed.toString());
        } finally {
            OPEN_IN_THIS_PROCESS.remove(files.base());
        }
    }
}
