package dev.corebank.server.audit;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.reactor.CheckpointWindow;
import dev.corebank.server.reactor.TableReactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The audit trail's rows, for the {@code audit} reactor: one record per journal entry written for a request or for
 * corebank's own work, with the entry's sequence and hash. Run as a {@link TableReactor}, the records and the
 * checkpoint commit together, so the trail is exactly once, survives any crash (what is not yet written is still in
 * the journal), can be dropped and rebuilt, and {@code audit verify} can hold it against the hash chain. At every start
 * the records near the checkpoint are held against the journal and rewritten from it where they disagree.
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

    /**
     * The records of the entries up to the checkpoint must be there, each once and with its entry's hash, and none of
     * an entry after it: a crash may have left part of a run's transaction in the database. Returns the sequence
     * before the first record that is missing, differs or is doubled, else the checkpoint when records after it are
     * there.
     */
    @Override
    public OptionalLong disagreement(long checkpoint, Supplier<CheckpointWindow> around) {
        CheckpointWindow window = around.get();
        Map<Long, String> expected = new HashMap<>();
        for (JournalEntry entry : window.before()) {
            AuditRecords.of(entry, subjectIdsMax).ifPresent(record -> expected.put(record.journalSequence(),
                    record.entryHash()));
        }
        Map<Long, String> stored = new HashMap<>();
        long firstWrong = Long.MAX_VALUE;
        boolean after = false;
        for (Map.Entry<Long, String> row : repository.hashesAfter(window.start().sequence())) {
            long sequence = row.getKey();
            if (sequence > window.checkpoint()) {
                after = true;
            } else if (stored.put(sequence, row.getValue()) != null || !expected.containsKey(sequence)) {
                firstWrong = Math.min(firstWrong, sequence);
            }
        }
        for (Map.Entry<Long, String> record : expected.entrySet()) {
            if (!record.getValue().equals(stored.get(record.getKey()))) {
                firstWrong = Math.min(firstWrong, record.getKey());
            }
        }
        if (firstWrong != Long.MAX_VALUE) {
            return OptionalLong.of(firstWrong - 1);
        }
        return after ? OptionalLong.of(window.checkpoint()) : OptionalLong.empty();
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
