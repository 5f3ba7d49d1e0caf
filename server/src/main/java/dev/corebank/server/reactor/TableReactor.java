package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A reactor whose effect is rows in the corebank database: the rows a run writes and the checkpoint after it commit
 * in one transaction ({@link AtomicCheckpoint}), so it is exactly once into the database whatever stops it, and a
 * failing run is retried until it goes through (a row is never skipped). The audit trail, the key table and the
 * profile table are these; each says only how a run becomes rows.
 */
public final class TableReactor implements Reactor {
    private static final Logger LOG = LoggerFactory.getLogger(TableReactor.class);

    /** How a run of journal entries becomes rows; called inside the reactor's transaction. */
    public interface Rows {
        void apply(List<JournalEntry> run);

        /**
         * Whether {@code entry} may give rows. A run in which no entry does is skipped without a transaction (see
         * {@link AtomicCheckpoint}). Every entry may, unless the rows say otherwise.
         */
        default boolean concerns(JournalEntry entry) {
            return true;
        }

        /**
         * Whether any entry of {@code run} may give rows; by default, whether one {@link #concerns} it. Rows whose
         * answer depends on their own tables as well as on the entries (the webhooks: nothing is queued while no
         * subscription is enabled) answer for the whole run, with one look at those tables. A run for which this is
         * false is skipped without a transaction, as above.
         */
        default boolean concernsAny(List<JournalEntry> run) {
            for (JournalEntry entry : run) {
                if (concerns(entry)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The check at start (see {@link Reactor#checkAtStart}): holds the rows stored up to {@code checkpoint}
         * against the journal around it ({@code window}, read on first use) and returns the sequence after which they
         * must be deleted and written again, at most the checkpoint (which deletes only rows after it); empty when
         * they agree. Only rewindable rows can be repaired; by default they are not checked.
         */
        default OptionalLong disagreement(long checkpoint, Supplier<CheckpointWindow> window) {
            return OptionalLong.empty();
        }

        /** Whether {@link #deleteAfter} is supported, so an operator may rewind the reactor. */
        default boolean rewindable() {
            return false;
        }

        /** Deletes the rows derived from entries after {@code sequence}, for a rewind. */
        default void deleteAfter(long sequence) {
            throw new UnsupportedOperationException("these rows cannot be rewound");
        }
    }

    private final String name;
    private final Rows rows;
    private final AtomicCheckpoint checkpoint;
    private final boolean requiredForReadiness;

    public TableReactor(String name, Rows rows, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                        ReactorProperties properties, boolean requiredForReadiness) {
        this.name = name;
        this.rows = rows;
        this.checkpoint = new AtomicCheckpoint(name, jdbc, transactions, properties.idleCheckpointMillis(),
                Clock.systemUTC());
        this.requiredForReadiness = requiredForReadiness;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.ATOMIC;
    }

    @Override
    public boolean requiredForReadiness() {
        return requiredForReadiness;
    }

    @Override
    public ReactorCheckpoint storedCheckpoint() {
        return checkpoint.stored();
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        return checkpoint.apply(from, run, rows::apply, rows::concernsAny);
    }

    /** Resets the rows from where {@link Rows#disagreement} says and goes on from there. */
    @Override
    public StartCheck checkAtStart(ReactorCheckpoint at,
                                   Function<ReactorCheckpoint, CheckpointWindow> windowAround) {
        CheckpointWindow[] read = new CheckpointWindow[1];
        Supplier<CheckpointWindow> around = () -> read[0] != null ? read[0] : (read[0] = windowAround.apply(at));
        OptionalLong after = rows.disagreement(at.sequence(), around);
        if (after.isEmpty()) {
            return StartCheck.agreed(at);
        }
        ReactorCheckpoint from = after.getAsLong() == at.sequence() ? at : around.get().checkpointAt(after.getAsLong());
        LOG.error("the reactor's rows disagree with the journal near its checkpoint; those after the sequence are"
                + " deleted and written again reactor={} checkpoint={} sequence={}", name, at.sequence(),
                from.sequence());
        rewind(from);
        return StartCheck.repaired(from, "rows after sequence " + from.sequence() + " deleted and written again");
    }

    @Override
    public boolean rewindable() {
        return rows.rewindable();
    }

    @Override
    public void rewind(ReactorCheckpoint to) {
        checkpoint.rewind(to, () -> rows.deleteAfter(to.sequence()));
    }
}
