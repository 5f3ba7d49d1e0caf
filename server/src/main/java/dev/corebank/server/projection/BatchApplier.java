package dev.corebank.server.projection;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.reactor.CheckpointWindow;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a run of consecutive journal entries to the read model in one database transaction, together with the move
 * of the checkpoint: after a crash at any point either all of the run is in the tables and the checkpoint names its
 * last entry, or none of it is and the checkpoint has not moved.
 */
final class BatchApplier {
    private static final Logger LOG = LoggerFactory.getLogger(BatchApplier.class);

    private final TransactionTemplate transactions;
    private final CheckpointStore checkpoints;
    private final ReadModelWriter writer;
    private final ReadModelTailCheck check;

    BatchApplier(TransactionTemplate transactions, CheckpointStore checkpoints, ReadModelWriter writer) {
        this.transactions = transactions;
        this.checkpoints = checkpoints;
        this.writer = writer;
        this.check = new ReadModelTailCheck(writer);
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

    /**
     * The check at start: with the checkpoint locked, holds the read model against {@code window} (see
     * {@link ReadModelTailCheck}). When they disagree, deletes every projected row and moves the checkpoint back to the
     * start of the journal, in the same transaction, so the read model is rebuilt from the journal. Returns what was
     * found: nothing when they agree, or when another projector instance has moved the stored checkpoint meanwhile
     * (its own start checked it).
     */
    ReadModelTailCheck.Findings checkAtStart(ReactorCheckpoint at, CheckpointWindow window) {
        return transactions.execute(status -> {
            ReactorCheckpoint stored = checkpoints.lock();
            if (!stored.equals(at)) {
                return ReadModelTailCheck.Findings.NONE;
            }
            ReadModelTailCheck.Findings findings = check.check(window);
            if (findings.agree()) {
                return findings;
            }
            LOG.error("the read model disagrees with the journal near its checkpoint; it is deleted and rebuilt from"
                    + " the journal checkpoint={} journalPosition={} {}", at.sequence(),
                    window.after().isEmpty() ? at.sequence() : window.after().getLast().sequence(), findings);
            writer.deleteAll();
            checkpoints.reset(at);
            return findings;
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
