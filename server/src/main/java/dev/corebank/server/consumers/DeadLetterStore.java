package dev.corebank.server.consumers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters of every consumer, in {@code consumer_dead_letters}: what {@code GET /v1/admin/dead-letters} and
 * {@code ./corebank dlq} show. The broker keeps its own copy (the dead-letter topic or queue); this table is the one an
 * operator works from, because it can say which letters were replayed.
 */
public final class DeadLetterStore {
    /** Most letters one listing returns. */
    public static final int LIST_LIMIT_MAX = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "letter_id, consumer, transport, stream, origin, event_id, event_type,"
            + " attributes, content_type, body, event_copy, copy_key, reason, cause, attempts, dead_at, state,"
            + " replayed_at";

    private final JdbcTemplate jdbc;

    public DeadLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the letter; true when it is new, false when the same letter was kept before (a redelivery). */
    boolean add(DeadLetter letter) {
        try {
            jdbc.update("INSERT INTO consumer_dead_letters (" + COLUMNS + ") VALUES"
                            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    letter.letterId(), letter.consumer(), letter.transport(), clip(letter.stream(), 255),
                    clip(letter.origin(), 512), letter.eventId(), clip(letter.eventType(), 128),
                    JSON.writeValueAsString(letter.attributes()), clip(letter.contentType(), 128), letter.body(),
                    letter.copy(), clip(letter.copyKey(), 64), letter.reason(), letter.cause(), letter.attempts(), Timestamp.from(letter.deadAt()),
                    letter.state(), letter.replayedAt() == null ? null : Timestamp.from(letter.replayedAt()));
            return true;
        } catch (DuplicateKeyException keptBefore) {
            return false;
        }
    }

    public Optional<DeadLetter> find(UUID letterId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM consumer_dead_letters WHERE letter_id = ?", ROW, letterId)
                .stream().findFirst();
    }

    /** The newest letters first; {@code consumer} and {@code state} filter when not null. */
    public List<DeadLetter> list(String consumer, String state, int limit) {
        if (limit < 1 || limit > LIST_LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be from 1 to " + LIST_LIMIT_MAX + " limit=" + limit);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM consumer_dead_letters WHERE (? IS NULL OR consumer = ?)"
                + " AND (? IS NULL OR state = ?) ORDER BY dead_at DESC, letter_id FETCH FIRST " + limit
                + " ROWS ONLY", ROW, consumer, consumer, state, state);
    }

    /** Letters not replayed yet, by consumer. */
    public long pending(String consumer) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM consumer_dead_letters WHERE consumer = ? AND state <> ?",
                Long.class, consumer, DeadLetter.REPLAYED);
        return count == null ? 0 : count;
    }

    /** Moves a letter from one state to another; false when it was not in {@code from} (someone else moved it). */
    boolean transition(UUID letterId, String from, String to, Instant replayedAt) {
        return jdbc.update("UPDATE consumer_dead_letters SET state = ?, replayed_at = ? WHERE letter_id = ?"
                        + " AND state = ?", to, replayedAt == null ? null : Timestamp.from(replayedAt), letterId,
                from) == 1;
    }

    private static String clip(String text, int charsMax) {
        return text == null || text.length() <= charsMax ? text : text.substring(0, charsMax);
    }

    private static final RowMapper<DeadLetter> ROW = DeadLetterStore::row;

    private static DeadLetter row(ResultSet row, int number) throws SQLException {
        Timestamp replayed = row.getTimestamp("replayed_at");
        Map<String, String> attributes = JSON.readValue(row.getString("attributes"), new TypeReference<>() { });
        return new DeadLetter(row.getObject("letter_id", UUID.class), row.getString("consumer"),
                row.getString("transport"), row.getString("stream"), row.getString("origin"),
                row.getString("event_id"), row.getString("event_type"), attributes, row.getString("content_type"),
                row.getBytes("body"), row.getInt("event_copy"), row.getString("copy_key"), row.getString("reason"), row.getString("cause"), row.getInt("attempts"),
                row.getTimestamp("dead_at").toInstant(), row.getString("state"),
                replayed == null ? null : replayed.toInstant());
    }
}
