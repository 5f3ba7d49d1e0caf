package dev.corebank.server.observability;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.projection.ProjectionPosition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Gauges read from the engine and the projection when Prometheus scrapes:
 *
 * <pre>
 * corebank_engine_queue_depth                    commands waiting for the engine thread
 * corebank_engine_queue_capacity                 the queue's limit; submissions are refused beyond it
 * corebank_engine_up                             1 while the engine accepts commands, 0 once it stopped
 * corebank_journal_committed_sequence            sequence of the latest durable journal entry
 * corebank_projection_position_sequence          sequence of the latest entry in the read model
 * corebank_projection_lag_entries                entries durable in the journal but not yet in the read model
 * corebank_projection_lag_seconds                age of the oldest entry not yet in the read model
 * corebank_snapshotter_position_sequence         sequence the snapshotter's replica includes (NaN: no snapshotter)
 * corebank_snapshotter_last_snapshot_sequence    sequence of the last snapshot it wrote
 * corebank_snapshotter_last_snapshot_seconds     how long that snapshot took to write
 * corebank_snapshotter_up                        1 while it works, 0 once a failure stopped it (see the log)
 * </pre>
 */
final class EngineMeters implements MeterBinder {
    private final LedgerEngine engine;
    private final ObjectProvider<ProjectionPosition> projection;
    private final CommitTimeline timeline;

    EngineMeters(LedgerEngine engine, ObjectProvider<ProjectionPosition> projection, CommitTimeline timeline) {
        this.engine = engine;
        this.projection = projection;
        this.timeline = timeline;
        timeline.sequenceBase(engine.recovery().lastSequence());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("corebank.engine.queue.depth", engine, LedgerEngine::queueDepth)
                .description("Commands waiting for the engine thread").register(registry);
        Gauge.builder("corebank.engine.queue.capacity", engine, (ledger) -> ledger.config().queueDepthMax())
                .description("Commands the queue holds before submissions are refused").register(registry);
        Gauge.builder("corebank.engine.up", engine, (ledger) -> ledger.running() ? 1 : 0)
                .description("1 while the engine accepts commands, 0 once it has stopped").register(registry);
        Gauge.builder("corebank.journal.committed.sequence", engine, LedgerEngine::committedPosition)
                .description("Sequence of the latest durable journal entry").register(registry);
        Gauge.builder("corebank.projection.position.sequence", this, EngineMeters::projectionPosition)
                .description("Sequence of the latest journal entry applied to the read model").register(registry);
        Gauge.builder("corebank.projection.lag.entries", this, EngineMeters::lagEntries)
                .description("Journal entries durable but not yet applied to the read model").register(registry);
        Gauge.builder("corebank.projection.lag", this, EngineMeters::lagSeconds).baseUnit("seconds")
                .description("Age of the oldest journal entry not yet applied to the read model").register(registry);
        Gauge.builder("corebank.snapshotter.position.sequence", engine, (ledger) -> snapshotter(ledger,
                        status -> status.position()))
                .description("Journal sequence the snapshotter's replica of the state includes").register(registry);
        Gauge.builder("corebank.snapshotter.last.snapshot.sequence", engine, (ledger) -> snapshotter(ledger,
                        status -> status.lastSnapshotSequence()))
                .description("Journal sequence of the last snapshot the snapshotter wrote").register(registry);
        Gauge.builder("corebank.snapshotter.last.snapshot", engine, (ledger) -> snapshotter(ledger,
                        status -> status.lastSnapshotMillis() / 1000.0)).baseUnit("seconds")
                .description("How long the last snapshot took to write").register(registry);
        Gauge.builder("corebank.snapshotter.up", engine, (ledger) -> snapshotter(ledger,
                        status -> status.failure() == null ? 1 : 0))
                .description("1 while the snapshotter works, 0 once a failure stopped it").register(registry);
    }

    private static double snapshotter(LedgerEngine engine,
                                      java.util.function.ToDoubleFunction<LedgerEngine.SnapshotterStatus> value) {
        return engine.snapshotter().map(value::applyAsDouble).orElse(Double.NaN);
    }

    private double projectionPosition() {
        ProjectionPosition position = projection.getIfAvailable();
        return position == null ? Double.NaN : position.position();
    }

    double lagEntries() {
        ProjectionPosition position = projection.getIfAvailable();
        return position == null ? Double.NaN : Math.max(0, engine.committedPosition() - position.position());
    }

    private double lagSeconds() {
        ProjectionPosition position = projection.getIfAvailable();
        if (position == null) {
            return Double.NaN;
        }
        long applied = position.position();
        return applied >= engine.committedPosition() ? 0 : timeline.secondsBehind(applied);
    }
}
