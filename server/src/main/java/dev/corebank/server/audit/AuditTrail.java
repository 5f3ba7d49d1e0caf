package dev.corebank.server.audit;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.reactor.TableReactor;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail's rows, for the {@code audit} reactor: one record per journal entry written for a request or for
 * corebank's own work, with the entry's sequence and hash. Run as a {@link TableReactor}, the records and the
 * checkpoint commit together, so the trail is exactly once, survives any crash (what is not yet written is still in
 * the journal), can be dropped and rebuilt, and {@code audit verify} can hold it against the hash chain.
 */
final class AuditTrail implements TableReactor.Rows {
    static final String NAME = "audit";

    private final AuditRepository repository;
    private final int subjectIdsMax;

    AuditTrail(AuditRepository repository, int subjectIdsMax) {
        this.repository = repository;
        this.subjectIdsMax = subjectIdsMax;
    }

    @Override
    public void apply(List<JournalEntry> run) {
        List<AuditRecord> records = new ArrayList<>(run.size());
        for (JournalEntry entry : run) {
            AuditRecords.of(entry, subjectIdsMax).ifPresent(records::add);
        }
        repository.insert(records);
    }

    @Override
    public boolean rewindable() {
        return true;
    }

    @Override
    public void deleteAfter(long sequence) {
        repository.deleteAfter(sequence);
    }
}
