package dev.corebank.server.projection;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.CheckpointWindow;
import dev.corebank.server.reactor.FailurePolicy;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.StartCheck;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reactor that keeps the read model up to date. The reactor runtime hands it committed journal entries in order,
 * in bounded runs; it applies each run in one database transaction with the move of its checkpoint (in
 * {@code projection_checkpoint}), so it is exactly once into the database: a restart after any stop, clean or abrupt,
 * continues after the stored checkpoint with no gap and no entry applied twice.
 *
 * <p>Decision table for a run:
 * <pre>
 * stored checkpoint vs. this projector's | outcome
 * ---------------------------------------+-------------------------------------------------------------
 * equal                                  | apply the run, move the checkpoint, commit
 * ahead (another instance applied it)    | write nothing, continue after the stored checkpoint
 * behind                                 | fail: committed entries never disappear
 * database or journal error              | roll back; the runtime backs off and retries the run (STOP)
 * </pre>
 *
 * <p>At every start it holds the rows near its checkpoint against the journal ({@link ReadModelTailCheck}) and rebuilds
 * the read model from the journal when they disagree, as after a crash that left part of a transaction in the
 * database. An operator cannot rewind it: to rebuild the read model, drop it and restart.
 */
final class Projector implements Reactor {
    static final String NAME = "projection";
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    private final BatchApplier applier;
    private final CheckpointStore checkpoints;
    private final ProjectionPosition position;
    private final AtomicLong eventsProjected = new AtomicLong();

    Projector(BatchApplier applier, CheckpointStore checkpoints, ProjectionPosition position) {
        this.applier = applier;
        this.checkpoints = checkpoints;
        this.position = position;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.ATOMIC;
    }

    @Override
    public FailurePolicy failurePolicy() {
        // Skipping an entry would leave the read model wrong for good; stopping and alerting is the only safe answer.
        return FailurePolicy.STOP;
    }

    @Override
    public boolean requiredForReadiness() {
        return true;
    }

    /**
     * As many entries as the events limit allows: a run is one transaction, and its commit (on H2, the rewrite of
     * every B-tree page the run touched) costs per run, not per entry, so runs of one-transfer entries capped at the
     * runtime's entry limit spend most of their time committing. The events limit still bounds the transaction.
     */
    @Override
    public int entriesPerRunMax(ReactorProperties limits) {
        return Math.min(JournalReader.READ_ENTRIES_MAX, Math.max(limits.entriesPerRunMax(), limits.eventsPerRunMax()));
    }

    @Override
    public ReactorCheckpoint storedCheckpoint() {
        return checkpoints.load();
    }

    /**
     * Holds the read model against the journal around its checkpoint ({@link ReadModelTailCheck}); when they disagree,
     * the read model is deleted and rebuilt from the start of the journal, and readers wait for it again.
     */
    @Override
    public StartCheck checkAtStart(ReactorCheckpoint at,
                                   Function<ReactorCheckpoint, CheckpointWindow> windowAround) {
        BatchApplier.Checked checked = applier.checkAtStart(windowAround);
        if (checked.findings().agree()) {
            return StartCheck.agreed(checked.from());
        }
        position.rebuilding();
        return StartCheck.repaired(ReactorCheckpoint.START, "the read model was deleted to be rebuilt from the journal"
                + " findings=" + checked.findings().count());
    }

    @Override
    public void resumed(ReactorCheckpoint at) {
        // Readers waiting for a position see the stored one as soon as it has been fenced, before the first run.
        position.moveTo(at.sequence());
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        ReactorCheckpoint next = applier.apply(from, run);
        if (next.sequence() == run.getLast().sequence()) {
            eventsProjected.addAndGet(eventCount(run));
        } else {
            LOG.info("another projector applied entries first; continuing after checkpoint={}", next.sequence());
        }
        // Only after the commit: every entry up to the position is visible in the tables.
        position.moveTo(next.sequence());
        return next;
    }

    /** Events applied since start, rejected attempts included. */
    long eventsProjected() {
        return eventsProjected.get();
    }

    private static long eventCount(List<JournalEntry> entries) {
        long count = 0;
        for (JournalEntry entry : entries) {
            count += entry.events().size();
        }
        return count;
    }
}
