package dev.corebank.server.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountChange;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.Durability;
import dev.corebank.ledger.EngineClock;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real ledger engine in a temporary directory, a real read-model database and the real projector between them,
 * without Spring: the component under test, wired as ProjectionConfiguration wires it.
 */
public final class ReadModelHarness implements AutoCloseable {
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(60);

    private final Path directory;
    private final EngineClock clock;
    private final ReadModelDatabase database;
    private LedgerEngine engine;
    private ReactorRuntime runtime;
    private ProjectionPosition position;

    private ReadModelHarness(Path directory, EngineClock clock, ReadModelDatabase database) {
        this.directory = directory;
        this.clock = clock;
        this.database = database;
        this.engine = LedgerEngine.open(engineConfig());
    }

    public static ReadModelHarness open(ReadModelDatabase.Kind kind, Path directory, EngineClock clock) {
        return new ReadModelHarness(directory, clock, ReadModelDatabase.create(kind, directory));
    }

    /** A harness on an existing ledger directory and database, which it closes when it closes. */
    public static ReadModelHarness open(ReadModelDatabase database, Path directory, EngineClock clock) {
        return new ReadModelHarness(directory, clock, database);
    }

    /** The engine settings every harness uses, so another process can open the same journal the same way. */
    static LedgerConfig engineConfig(Path directory, EngineClock clock) {
        // Durability NONE survives a process crash, which is all these tests need, and keeps them fast.
        return LedgerConfig.defaults(directory.resolve("ledger")).withDurability(Durability.NONE).withClock(clock)
                .withLimits(100_000, 1_000_000);
    }

    private LedgerConfig engineConfig() {
        return engineConfig(directory, clock);
    }

    public LedgerEngine engine() {
        return engine;
    }

    public ReadModelDatabase database() {
        return database;
    }

    public ProjectionPosition position() {
        return position;
    }

    /** The runtime running the projector since the latest {@link #startProjector}. */
    ReactorRuntime runtime() {
        return runtime;
    }

    public void startProjector() {
        startProjector(ReactorProperties.defaults(), database.dataSource());
    }

    void startProjector(ReactorProperties properties, DataSource dataSource) {
        position = new ProjectionPosition(0);
        runtime = newRuntime(properties, dataSource, position);
        runtime.start();
    }

    /** A runtime with a projector on this harness's engine, not started, as a second server instance would run one. */
    ReactorRuntime newRuntime(ReactorProperties properties, DataSource dataSource, ProjectionPosition into) {
        return runtime(engine, properties, dataSource, into);
    }

    /** A reactor runtime running one projector, wired as ProjectionConfiguration and ReactorConfiguration wire them. */
    static ReactorRuntime runtime(LedgerEngine engine, ReactorProperties properties, DataSource dataSource,
                                  ProjectionPosition into) {
        return new ReactorRuntime(engine, List.of(projector(dataSource, into)), new JdbcTemplate(dataSource),
                properties, Clock.systemUTC());
    }

    static Projector projector(DataSource dataSource, ProjectionPosition into) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        CheckpointStore checkpoints = new CheckpointStore(jdbc);
        BatchApplier applier = new BatchApplier(new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                checkpoints, new ReadModelWriter(jdbc));
        return new Projector(applier, checkpoints, into);
    }

    /** Runtime limits with small runs and short waits, so tests cross many run boundaries quickly. */
    static ReactorProperties runs(int entriesMax, int eventsMax) {
        return ReactorProperties.defaults().withRunLimits(entriesMax, eventsMax).withWaits(50, 50, 200);
    }

    /** The projector's status in the runtime. */
    ReactorStatus projectorStatus() {
        return runtime.status(Projector.NAME).orElseThrow();
    }

    public void stopProjector() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    /** Stops the engine as a crash would (no snapshot) and recovers it from its journal. */
    public void restartEngine() {
        engine.closeWithoutSnapshot();
        engine = LedgerEngine.open(engineConfig());
    }

    /** Waits until the read model holds every committed journal entry. */
    public void awaitCaughtUp() throws InterruptedException {
        long committed = engine.committedPosition();
        assertThat(position.awaitPosition(committed, CATCH_UP_WAIT))
                .as("projection reaches committed=%d within %s (at %d)", committed, CATCH_UP_WAIT, position.position())
                .isTrue();
    }

    public BatchResult open(Account... accounts) throws Exception {
        return engine.createAccounts(List.of(accounts), TraceId.NONE).get(30, TimeUnit.SECONDS);
    }

    public BatchResult transfer(Transfer... transfers) throws Exception {
        return engine.createTransfers(List.of(transfers), TraceId.NONE).get(30, TimeUnit.SECONDS);
    }

    public BatchResult transfer(TraceId traceId, Transfer... transfers) throws Exception {
        return engine.createTransfers(List.of(transfers), traceId).get(30, TimeUnit.SECONDS);
    }

    public BatchResult change(AccountChange... changes) throws Exception {
        return engine.changeAccounts(List.of(changes), TraceId.NONE).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stopProjector();
        engine.close();
        database.close();
    }
}
