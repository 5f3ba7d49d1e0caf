package dev.corebank.server.consumers;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A consumer's deduplication state: for each stream (a Kafka partition, a RabbitMQ queue), the (journal sequence,
 * index, copy) of the last message it passed. Within a stream messages arrive in journal order, and ids are ordered
 * (two copies of one event that share a partition come debit copy first), so a message at or below the mark is a
 * redelivery: one mark per stream replaces a table of every id ever seen.
 *
 * <p>Marks move in memory as events pass and are written to {@code consumer_marks} by {@link #flush}, which the loop
 * calls before it acknowledges a batch: a crash in between hands the batch again, and the handlers' own idempotency
 * (by event id) absorbs the repeat. Used by the consumer's one thread only.
 */
final class DedupMarks {
    /** The most streams one consumer tracks: partitions of its topic, or its one queue. */
    static final int STREAMS_MAX = 4096;
    private final String consumer;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, long[]> marks = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    DedupMarks(String consumer, JdbcTemplate jdbc, Clock clock) {
        this.consumer = consumer;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the message at (sequence, index, copy) on the stream was passed before. */
    boolean seen(String stream, long sequence, int index, int copy) {
        long[] mark = mark(stream);
        return mark != null && compare(sequence, index, copy, mark) <= 0;
    }

    /** Marks the message passed; a mark never moves back. */
    void advance(String stream, long sequence, int index, int copy) {
        long[] mark = mark(stream);
        if (mark != null && compare(sequence, index, copy, mark) <= 0) {
            return;
        }
        if (mark == null && marks.size() >= STREAMS_MAX) {
            throw new IllegalStateException("too many streams for one consumer consumer=" + consumer
                    + " streamsMax=" + STREAMS_MAX);
        }
        marks.put(stream, new long[] {sequence, index, copy});
        dirty.add(stream);
    }

    /** The highest journal sequence passed on any stream, or 0. */
    long position() {
        long position = 0;
        for (long[] mark : marks.values()) {
            position = Math.max(position, mark[0]);
        }
        return position;
    }

    /** Writes the marks that moved since the last flush. */
    void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (String stream : dirty) {
            long[] mark = marks.get(stream);
            int updated = jdbc.update("UPDATE consumer_marks SET journal_sequence = ?, event_index = ?, event_copy = ?,"
                    + " updated_at = ? WHERE consumer = ? AND stream = ?", mark[0], (int) mark[1], (int) mark[2], now,
                    consumer, stream);
            if (updated == 0) {
                jdbc.update("INSERT INTO consumer_marks (consumer, stream, journal_sequence, event_index, event_copy,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?)", consumer, stream, mark[0], (int) mark[1],
                        (int) mark[2], now);
            }
        }
        dirty.clear();
    }

    /** Forgets what was not flushed, after a failure: the marks are read again from the table. */
    void discardUnflushed() {
        for (String stream : dirty) {
            marks.remove(stream);
        }
        dirty.clear();
    }

    private static int compare(long sequence, int index, int copy, long[] mark) {
        int bySequence = Long.compare(sequence, mark[0]);
        if (bySequence != 0) {
            return bySequence;
        }
        int byIndex = Long.compare(index, mark[1]);
        return byIndex != 0 ? byIndex : Long.compare(copy, mark[2]);
    }

    private long[] mark(String stream) {
        long[] mark = marks.get(stream);
        if (mark != null) {
            return mark;
        }
        List<long[]> stored = jdbc.query("SELECT journal_sequence, event_index, event_copy FROM consumer_marks"
                + " WHERE consumer = ? AND stream = ?", (row, number) -> new long[] {row.getLong(1), row.getInt(2),
                row.getInt(3)}, consumer, stream);
        if (stored.isEmpty()) {
            return null;
        }
        marks.put(stream, stored.get(0));
        return stored.get(0);
    }
}
