package dev.corebank.server.reactor;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable checkpoints in {@code reactor_checkpoints}, one row per reactor: written by the runtime for AFTER_EFFECT
 * reactors, and by an ATOMIC reactor itself inside its own transaction (see {@link AtomicCheckpoint}). A reactor with
 * no row stands at the start. The projector keeps its own in {@code projection_checkpoint}, in the read model's
 * transaction.
 */
final class ReactorCheckpoints {
    private final JdbcTemplate jdbc;

    ReactorCheckpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ReactorCheckpoint load(String name) {
        List<ReactorCheckpoint> found = jdbc.query("SELECT journal_sequence, entry_timestamp FROM reactor_checkpoints"
                + " WHERE name = ?", (row, index) -> new ReactorCheckpoint(row.getLong(1), row.getLong(2)), name);
        return found.isEmpty() ? ReactorCheckpoint.START : found.getFirst();
    }

    /** Stores {@code checkpoint} for {@code name}, forward after a run or back for a rewind. */
    void store(String name, ReactorCheckpoint checkpoint) {
        int updated = jdbc.update("UPDATE reactor_checkpoints SET journal_sequence = ?, entry_timestamp = ?,"
                + " updated_at = CURRENT_TIMESTAMP WHERE name = ?", checkpoint.sequence(), checkpoint.entryTimestamp(),
                name);
        if (updated == 0) {
            jdbc.update("INSERT INTO reactor_checkpoints (name, journal_sequence, entry_timestamp, updated_at)"
                    + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)", name, checkpoint.sequence(), checkpoint.entryTimestamp());
        }
        ReactorCheckpoint stored = load(name);
        // Pair assertion: the row read back is the one just written.
        if (!stored.equals(checkpoint)) {
            throw new IllegalStateException("the stored checkpoint differs from the one written reactor=" + name
                    + " written=" + checkpoint.sequence() + " stored=" + stored.sequence());
        }
    }
}
