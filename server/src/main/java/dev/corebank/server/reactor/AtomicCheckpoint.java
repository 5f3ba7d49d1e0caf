package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checkpoint of an ATOMIC reactor whose effect is rows in the corebank database: the effect of a run and the
 * checkpoint after it commit in one transaction, so the reactor is exactly once into the database whatever stops it.
 * {@link TableReactor} is built on it.
 */
final class AtomicCheckpoint {
    private final String name;
    private final ReactorCheckpoints checkpoints;
    private final TransactionTemplate transactions;

    AtomicCheckpoint(String name, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.name = name;
        this.checkpoints = new ReactorCheckpoints(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    ReactorCheckpoint stored() {
        return checkpoints.load(name);
    }

    /**
     * Applies the run's effect and moves the checkpoint to its last entry in one transaction. The stored checkpoint
     * must be {@code from}: anything else means two writers, and the run is refused before it writes.
     */
    ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run, Consumer<List<JournalEntry>> effect) {
        ReactorCheckpoint next = ReactorCheckpoint.of(run.getLast());
        transactions.executeWithoutResult(status -> {
            ReactorCheckpoint stored = checkpoints.load(name);
            if (!stored.equals(from)) {
                throw new IllegalStateException("the stored checkpoint is not where the run starts reactor=" + name
                        + " stored=" + stored.sequence() + " from=" + from.sequence());
            }
            effect.accept(run);
            checkpoints.store(name, next);
        });
        return next;
    }

    /** Undoes the effect after {@code to} and moves the checkpoint back to it, in one transaction. */
    void rewind(ReactorCheckpoint to, Runnable undoAfter) {
        transactions.executeWithoutResult(status -> {
            undoAfter.run();
            checkpoints.store(name, to);
        });
    }
}
