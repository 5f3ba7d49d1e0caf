package dev.corebank.server.projection;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.reactor.CheckpointWindow;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.util.List;
import java.util.function.Function;
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
     * last entry's; or, when another projector instance applied all of these entries first, the newer stored one, and
     * this call wrote nothing. When it applied only the first of them, this call applies the rest.
     */
    ReactorCheckpoint apply(ReactorCheckpoint expected, List<JournalEntry> entries) {
        checkConsecutive(expected, entries);
        return transactions.execute(status -> {
            ReactorCheckpoint stored = checkpoints.lock();
            List<JournalEntry> rest = entries;
            if (stored.sequence() != expected.sequence()) {
                if (stored.sequence() < expected.sequence()) {
                    throw new IllegalStateException("the stored checkpoint moved backwards expected="
                            + expected.sequence() + " stored=" + stored.sequence());
                }
                if (stored.sequence() >= entries.getLast().sequence()) {
                    return stored;
                }
                // Another instance applied the start of the run: this one applies the rest, after the stored entry.
                JournalEntry storedEntry = entries.get((int) (stored.sequence() - expected.sequence() - 1));
                if (storedEntry.timestamp() != stored.entryTimestamp()) {
                    throw new IllegalStateException("the stored checkpoint is not this journal's entry sequence="
                            + stored.sequence() + " storedTimestamp=" + stored.entryTimestamp()
                            + " journalTimestamp=" + storedEntry.timestamp());
                }
                rest = entries.subList((int) (stored.sequence() - expected.sequence()), entries.size());
            }
            ProjectedBatch batch = new ProjectedBatch(writer.loadAccounts(ProjectedBatch.accountIds(rest)),
                    writer.loadHolds(ProjectedBatch.pendingIds(rest)));
            for (JournalEntry entry : rest) {
                batch.apply(entry);
            }
            writer.write(batch);
            ReactorCheckpoint next = ReactorCheckpoint.of(rest.getLast());
            checkpoints.advance(stored, next);
            return next;
        });
    }

    /** What the check at start found, and the checkpoint to go on from. */
    record Checked(ReactorCheckpoint from, ReadModelTailCheck.Findings findings) {
    }

    /**
     * The check at start: with the checkpoint locked, holds the read model against the journal around the stored
     * checkpoint (see {@link ReadModelTailCheck}); the locked one, since a second projector instance, or a database
     * that came back from a crash with a transaction half undone, may show another one than the read at start. When
     * they disagree, deletes every projected row and moves the checkpoint back to the start of the journal, in the
     * same transaction, so the read model is rebuilt from the journal.
     */
    Checked checkAtStart(Function<ReactorCheckpoint, CheckpointWindow> windowAround) {
        return transactions.execute(status -> {
            ReactorCheckpoint stored = checkpoints.lock();
            CheckpointWindow window = windowAround.apply(stored);
            ReadModelTailCheck.Findings findings = check.check(window);
            if (findings.agree()) {
                return new Checked(stored, findings);
            }
            LOG.error("the read model disagrees with the journal near its checkpoint; it is deleted and rebuilt from"
                    + " the journal checkpoint={} journalPosition={} {}", stored.sequence(),
                    window.after().isEmpty() ? stored.sequence() : window.after().getLast().sequence(), findings);
            writer.deleteAll();
            checkpoints.reset(stored);
            return new Checked(ReactorCheckpoint.START, findings);
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
