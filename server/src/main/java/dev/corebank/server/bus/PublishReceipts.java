package dev.corebank.server.bus;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The publishers' receipts in {@code bus_receipts}: one row per acknowledged run (its first and last sequence, its
 * messages and when the broker acknowledged it), read by the witness. A receipt is a record of what happened, not a
 * checkpoint: failing to write one is logged and the run still counts. Bounded: every {@link #PRUNE_EVERY_RUNS} runs
 * the receipts of entries more than {@code retainedEntries} behind are deleted.
 */
final class PublishReceipts {
    static final int PRUNE_EVERY_RUNS = 1024;
    static final long RETAINED_ENTRIES_DEFAULT = 10_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(PublishReceipts.class);

    /** One acknowledged run that holds the entry asked for. */
    record Receipt(String publisher, long firstSequence, long lastSequence, long messages, Instant acknowledgedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long retainedEntries;
    private int runsSincePrune;

    PublishReceipts(JdbcTemplate jdbc, Clock clock, long retainedEntries) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retainedEntries = retainedEntries;
    }

    void record(String publisher, long firstSequence, long lastSequence, long messages) {
        try {
            jdbc.update("INSERT INTO bus_receipts (publisher, first_sequence, last_sequence, messages,"
                    + " acknowledged_at_millis) VALUES (?, ?, ?, ?, ?)", publisher, firstSequence, lastSequence,
                    messages, clock.millis());
            if (++runsSincePrune >= PRUNE_EVERY_RUNS) {
                runsSincePrune = 0;
                jdbc.update("DELETE FROM bus_receipts WHERE publisher = ? AND last_sequence < ?", publisher,
                        lastSequence - retainedEntries);
            }
        } catch (RuntimeException failure) {
            LOG.warn("could not keep a publish receipt publisher={} firstSequence={} lastSequence={} cause={}",
                    publisher, firstSequence, lastSequence, failure.toString());
        }
    }

    /** The acknowledged runs holding {@code sequence}, the first acknowledgement first (replays come after). */
    List<Receipt> of(String publisher, long sequence) {
        return jdbc.query("SELECT publisher, first_sequence, last_sequence, messages, acknowledged_at_millis"
                        + " FROM bus_receipts WHERE publisher = ? AND last_sequence >= ? AND first_sequence <= ?"
                        + " ORDER BY acknowledged_at_millis, last_sequence LIMIT 10",
                (row, index) -> new Receipt(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
                        Instant.ofEpochMilli(row.getLong(5))), publisher, sequence, sequence);
    }
}
