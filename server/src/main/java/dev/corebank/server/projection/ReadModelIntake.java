package dev.corebank.server.projection;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.commands.IntakeGate;
import dev.corebank.server.commands.IntakeRefusedException;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorState;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Backpressure from the read model: a client's command waits while the projector is reading and more than
 * {@code corebank.read-model.intake-lag-entries-max} journal entries behind, until it is within that again, for
 * {@code intake-wait-millis-max} at the most; then the command is refused (503 {@code read_model_behind} with
 * {@code Retry-After}, nothing applied). Without it, a load the engine takes faster than the projector can follow
 * leaves the read model minutes behind, and readiness out of service, for as long as the load lasts.
 *
 * <p>A projector that is paused, failing or stopped holds nothing: its lag is then not a matter of load, and
 * readiness and the reactor's health say so. A projector rebuilding the read model at start is reading, so clients'
 * commands are held until it is within the limit (readiness is out of service then too).
 */
final class ReadModelIntake implements IntakeGate {
    static final String REFUSED_CODE = "read_model_behind";
    static final int RETRY_AFTER_SECONDS = 1;

    private final LedgerEngine engine;
    private final ProjectionPosition position;
    private final Supplier<ReactorRuntime> runtime;
    private final long lagEntriesMax;
    private final Duration wait;

    ReadModelIntake(LedgerEngine engine, ProjectionPosition position, Supplier<ReactorRuntime> runtime,
                    IntakeProperties properties) {
        this.engine = engine;
        this.position = position;
        this.runtime = runtime;
        this.lagEntriesMax = properties.intakeLagEntriesMax();
        this.wait = Duration.ofMillis(properties.intakeWaitMillisMax());
    }

    @Override
    public void admit() {
        if (lagEntriesMax == 0) {
            return;
        }
        long floor = engine.committedPosition() - lagEntriesMax;
        if (position.position() >= floor || !projectorReading()) {
            return;
        }
        boolean within;
        try {
            within = position.awaitPosition(floor, wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            within = false;
        }
        if (!within) {
            throw new IntakeRefusedException(REFUSED_CODE, "the read model is more than " + lagEntriesMax
                    + " journal entries behind and did not catch up within " + wait.toMillis()
                    + " ms; nothing was applied, retry later position=" + position.position() + " journalPosition="
                    + engine.committedPosition(), RETRY_AFTER_SECONDS);
        }
    }

    private boolean projectorReading() {
        ReactorRuntime reactors = runtime.get();
        return reactors != null && reactors.status(Projector.NAME)
                .map((status) -> status.state() == ReactorState.RUNNING || status.state() == ReactorState.CAUGHT_UP)
                .orElse(false);
    }
}
