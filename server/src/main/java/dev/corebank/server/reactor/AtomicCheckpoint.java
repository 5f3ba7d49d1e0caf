package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checkpoint of an ATOMIC reactor whose effect is rows in the corebank database: the effect of a run and the
 * checkpoint after it commit in one transaction, so the reactor is exactly once into the database whatever stops it.
 * {@link TableReactor} is built on it.
 *
 * <p>A run that holds nothing for the reactor writes nothing, so it needs no transaction: its checkpoint moves in
 * memory only, and is stored with the next run that writes, or by itself once {@code idleCheckpointMillis} have
 * passed since the last store. A restart then re-reads at most that much of the journal, which again writes nothing.
 * The fence against a second writer compares the stored checkpoint with the last one this reactor stored.
 */
final class AtomicCheckpoint {
    private final String name;
    private final ReactorCheckpoints checkpoints;
    private final TransactionTemplate transactions;
    private final long idleCheckpointMillis;
    private final Clock clock;
    /** The checkpoint this reactor last stored (or found stored at start); only the reactor's thread uses it. */
    private ReactorCheckpoint durable;
    private long durableAtMillis;

    AtomicCheckpoint(String name, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                     long idleCheckpointMillis, Clock clock) {
        this.name = name;
        this.checkpoints = new ReactorCheckpoints(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.idleCheckpointMillis = idleCheckpointMillis;
        this.clock = clock;
    }

    ReactorCheckpoint stored() {
        durable = checkpoints.load(name);
        durableAtMillis = clock.millis();
        return durable;
    }

    /**
     * Applies the run's effect and moves the checkpoint to its last entry in one transaction; a run that does not
     * {@code concerns} the reactor is skipped without one (see the class comment). The stored checkpoint must be the
     * one this reactor last stored: anything else means two writers, and the run is refused before it writes.
     */
    ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run, Consumer<List<JournalEntry>> effect,
                            Predicate<List<JournalEntry>> concerns) {
        ReactorCheckpoint next = ReactorCheckpoint.of(run.getLast());
        if (durable == null) {
            stored();
        }
        if (durable.sequence() > from.sequence()) {
            throw new IllegalStateException("the stored checkpoint is past where the run starts reactor=" + name
                    + " stored=" + durable.sequence() + " from=" + from.sequence());
        }
        long now = clock.millis();
        if (!concerns.test(run) && now - durableAtMillis < idleCheckpointMillis) {
            return next;
        }
        ReactorCheckpoint expected = durable;
        transactions.executeWithoutResult(status -> {
            ReactorCheckpoint stored = checkpoints.load(name);
            if (!stored.equals(expected)) {
                throw new IllegalStateException("the stored checkpoint is not the one this reactor stored last"
                        + " reactor=" + name + " stored=" + stored.sequence() + " expected=" + expected.sequence()
                        + " from=" + from.sequence());
            }
            effect.accept(run);
            checkpoints.store(name, next);
        });
        durable = next;
        durableAtMillis = now;
        return next;
    }

    /** Undoes the effect after {@code to} and moves the checkpoint back to it, in one transaction. */
    void rewind(ReactorCheckpoint to, Runnable undoAfter) {
        transactions.executeWithoutResult(status -> {
            undoAfter.run();
            checkpoints.store(name, to);
        });
        durable = to;
        durableAtMillis = clock.millis();
    }
}
