package dev.corebank.server.projection;

import dev.corebank.server.reactor.ReactorCheckpoint;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads and moves the read model's row in {@code projection_checkpoint}. The migration creates the row, so there is
 * no first-writer race.
 */
final class CheckpointStore {
    static final String READ_MODEL = ProjectionPosition.CHECKPOINT_NAME;

    private static final String SELECT = "SELECT journal_sequence, entry_timestamp FROM projection_checkpoint"
            + " WHERE name = ?";

    private final JdbcTemplate jdbc;

    CheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ReactorCheckpoint load() {
        return jdbc.queryForObject(SELECT, (row, index) -> new ReactorCheckpoint(row.getLong(1), row.getLong(2)),
                READ_MODEL);
    }

    /**
     * Reads the checkpoint and locks its row until the transaction ends. Every projector transaction starts here, so
     * two server instances projecting into one database take turns instead of applying the same entries twice.
     */
    ReactorCheckpoint lock() {
        return jdbc.queryForObject(SELECT + " FOR UPDATE",
                (row, index) -> new ReactorCheckpoint(row.getLong(1), row.getLong(2)), READ_MODEL);
    }

    /** Moves the checkpoint from {@code expected} back to the start of the journal, for a rebuild. */
    void reset(ReactorCheckpoint expected) {
        int updated = jdbc.update("UPDATE projection_checkpoint SET journal_sequence = 0, entry_timestamp = 0"
                + " WHERE name = ? AND journal_sequence = ?", READ_MODEL, expected.sequence());
        if (updated != 1) {
            throw new IllegalStateException("checkpoint was not where this transaction locked it expected="
                    + expected.sequence() + " updated=" + updated);
        }
    }

    /** Moves the checkpoint from {@code expected} to {@code next}, in the caller's transaction. */
    void advance(ReactorCheckpoint expected, ReactorCheckpoint next) {
        if (next.sequence() <= expected.sequence()) {
            throw new IllegalArgumentException("a checkpoint only moves forward from=" + expected.sequence() + " to="
                    + next.sequence());
        }
        int updated = jdbc.update("UPDATE projection_checkpoint SET journal_sequence = ?, entry_timestamp = ?"
                        + " WHERE name = ? AND journal_sequence = ?",
                next.sequence(), next.entryTimestamp(), READ_MODEL, expected.sequence());
        if (updated != 1) {
            throw new IllegalStateException("checkpoint was not where this transaction locked it expected="
                    + expected.sequence() + " updated=" + updated);
        }
    }
}
