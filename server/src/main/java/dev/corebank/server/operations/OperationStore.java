package dev.corebank.server.operations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** The operations table. Every time is epoch milliseconds. */
final class OperationStore {
    private static final String COLUMNS = "id, kind, state, owner_key_id, owner_role, client_address, request_id,"
            + " trace_id, format, lines_total, lines_done, lines_ok, lines_failed, result_bytes, error,"
            + " completion_journaled, created_at, started_at, updated_at, finished_at, request_method, request_path,"
            + " response_status, response_content_type, response_location";

    private final JdbcTemplate jdbc;

    OperationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Operation operation) {
        Operation.Answer answer = operation.answer();
        jdbc.update("INSERT INTO operations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?)", operation.id(), operation.kind(), operation.state(), operation.ownerKeyId(),
                operation.ownerRole(), operation.clientAddress(), operation.requestId(), operation.traceId(),
                operation.format() == null ? null : operation.format().name(), operation.linesTotal(), operation.linesDone(), operation.linesOk(),
                operation.linesFailed(), operation.resultBytes(), operation.error(), operation.completionJournaled(),
                operation.createdAtMillis(), operation.startedAtMillis(), operation.updatedAtMillis(),
                operation.finishedAtMillis(), answer == null ? null : answer.method(),
                answer == null ? null : answer.path(), answer == null ? null : answer.status(),
                answer == null ? null : answer.contentType(), answer == null ? null : answer.location());
    }

    Optional<Operation> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM operations WHERE id = ?", OperationStore::operation, id)
                .stream().findFirst();
    }

    /** The oldest running import, the next one to work on. */
    Optional<Operation> nextRunning() {
        return jdbc.query("SELECT " + COLUMNS + " FROM operations WHERE state = 'running' AND kind = '"
                + Operation.TRANSFER_IMPORT + "' ORDER BY created_at, id LIMIT 1", OperationStore::operation).stream()
                .findFirst();
    }

    /** A single request's answer, and its end. */
    void answered(java.util.UUID id, int status, String contentType, String location, long nowMillis) {
        jdbc.update("UPDATE operations SET state = '" + Operation.SUCCEEDED + "', response_status = ?,"
                + " response_content_type = ?, response_location = ?, lines_done = 1, lines_ok = ?, lines_failed = ?,"
                + " updated_at = ?, finished_at = ? WHERE id = ?", status, contentType, location,
                status < 400 ? 1 : 0, status < 400 ? 0 : 1, nowMillis, nowMillis, id);
    }

    /**
     * Single requests that were running when the process stopped: their thread is gone, so they end as failed; the
     * request may or may not have been applied, and is safe to send again with the same ids. Returns how many.
     */
    int failInterruptedRequests(long nowMillis) {
        return jdbc.update("UPDATE operations SET state = '" + Operation.FAILED + "', error = 'the server stopped"
                + " while the request ran; it may have been applied: send it again with the same ids or"
                + " Idempotency-Key', updated_at = ?, finished_at = ? WHERE state = 'running' AND kind = '"
                + Operation.REQUEST + "'", nowMillis, nowMillis);
    }

    /** Finished operations whose completion event is not in the journal yet (a crash came between the two). */
    List<Operation> completionsToJournal() {
        return jdbc.query("SELECT " + COLUMNS + " FROM operations WHERE state <> 'running'"
                + " AND completion_journaled = FALSE ORDER BY finished_at", OperationStore::operation);
    }

    void started(UUID id, long nowMillis) {
        jdbc.update("UPDATE operations SET started_at = ?, updated_at = ? WHERE id = ? AND started_at IS NULL",
                nowMillis, nowMillis, id);
    }

    /** After a whole batch is applied and its results are on disk. */
    void progressed(UUID id, long linesDone, long linesOk, long linesFailed, long resultBytes, long nowMillis) {
        jdbc.update("UPDATE operations SET lines_done = ?, lines_ok = ?, lines_failed = ?, result_bytes = ?,"
                + " updated_at = ? WHERE id = ?", linesDone, linesOk, linesFailed, resultBytes, nowMillis, id);
    }

    void finished(UUID id, String state, String error, long nowMillis) {
        jdbc.update("UPDATE operations SET state = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?",
                state, error == null || error.length() <= 512 ? error : error.substring(0, 512), nowMillis, nowMillis,
                id);
    }

    void completionJournaled(UUID id) {
        jdbc.update("UPDATE operations SET completion_journaled = TRUE WHERE id = ?", id);
    }

    private static Operation operation(ResultSet row, int index) throws SQLException {
        return new Operation(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                row.getString(9) == null ? null : ImportFormat.valueOf(row.getString(9)), row.getLong(10), row.getLong(11), row.getLong(12),
                row.getLong(13), row.getLong(14), row.getString(15), row.getBoolean(16), row.getLong(17),
                (Long) row.getObject(18, Long.class), row.getLong(19), (Long) row.getObject(20, Long.class),
                row.getString(21) == null ? null : new Operation.Answer(row.getString(21), row.getString(22),
                        (Integer) row.getObject(23, Integer.class), row.getString(24), row.getString(25)));
    }
}
