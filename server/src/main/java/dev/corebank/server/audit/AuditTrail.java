package dev.corebank.server.audit;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.reactor.AtomicCheckpoint;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.FailurePolicy;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail as a reactor: one record per journal entry written for a request or for corebank's own work, with
 * the entry's sequence and hash, written in the same transaction as the reactor's checkpoint. So it is exactly once,
 * survives any crash (what is not yet written is still in the journal), can be dropped and rebuilt, and
 * {@code audit verify} can hold it against the hash chain.
 */
final class AuditTrail implements Reactor {
    static final String NAME = "audit";

    private final AuditRepository repository;
    private final AtomicCheckpoint checkpoint;
    private final int subjectIdsMax;

    AuditTrail(AuditRepository repository, AtomicCheckpoint checkpoint, int subjectIdsMax) {
        this.repository = repository;
        this.checkpoint = checkpoint;
        this.subjectIdsMax = subjectIdsMax;
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
        // An audit record is never skipped: a failing run is retried until it goes through, and alerts meanwhile.
        return FailurePolicy.STOP;
    }

    @Override
    public ReactorCheckpoint storedCheckpoint() {
        return checkpoint.stored();
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        return checkpoint.apply(from, run, entries -> {
            List<AuditRecord> records = new ArrayList<>(entries.size());
            for (JournalEntry entry : entries) {
                AuditRecords.of(entry, subjectIdsMax).ifPresent(records::add);
            }
            repository.insert(records);
        });
    }

    @Override
    public boolean rewindable() {
        return true;
    }

    @Override
    public void rewind(ReactorCheckpoint to) {
        checkpoint.rewind(to, () -> repository.deleteAfter(to.sequence()));
    }
}
