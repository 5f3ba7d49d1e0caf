package dev.corebank.server.projection;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a run of consecutive journal entries to the read model in one database transaction, together with the move
 * of the checkpoint: after a crash at any point either all of the run is in the tables and the checkpoint names its
 * last entry, or none of it is and the checkpoint has not moved.
 */
final class BatchApplier {
    private final TransactionTemplate transactions;
    private final CheckpointStore checkpoints;
    private final ReadModelWriter writer;

    BatchApplier(TransactionTemplate transactions, CheckpointStore checkpoints, ReadModelWriter writer) {
        this.transactions = transactions;
        this.checkpoints = checkpoints;
        this.writer = writer;
    }

    /**
     * Applies {@code entries}, which must start right after {@code expected}. Returns the checkpoint afterwards: the
     * last entry's, or a newer stored one when another projector instance applied these entries first, in which case
     * this call wrote nothing.
     */
    ReactorCheckpoint apply(ReactorCheckpoint expected, List<JournalEntry> entries) {
        checkConsecutive(expected, entries);
        return transactions.execute(status -> {
            ReactorCheckpoint stored = checkpoints.lock();
            if (stored.sequence() != expected.sequence()) {
                if (stored.sequence() < expected.sequence()) {
                    throw new IllegalStateException("the stored checkpoint moved backwards expected="
                            + expected.sequence() + " stored=" + stored.sequence());
                }
                return stored;
            }
            ProjectedBatch batch = new ProjectedBatch(writer.loadAccounts(ProjectedBatch.accountIds(entries)),
                    writer.loadHolds(ProjectedBatch.pendingIds(entries)));
            for (JournalEntry entry : entries) {
                batch.apply(entry);
            }
            writer.write(batch);
            ReactorCheckpoint next = ReactorCheckpoint.of(entries.getLast());
            checkpoints.advance(expected, next);
            return next;
        });
    }

    private static void checkConsecutive(ReactorCheckpoint expected, List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to apply after sequence=" + expected.sequence());
        }
        long sequence = expected.sequence();
        for (JournalEntry entry : entries) {
            sequence++;
            if (entry.sequence() != sequence) {
                throw new IllegalArgumentException("entries must follow the checkpoint without a gap expected="
                        + sequence + " actual=" + entry.sequence());
            }
        }
    }
}
