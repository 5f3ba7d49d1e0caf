package dev.corebank.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and writes audit_record and audit_subject (V20__audit.sql). */
final class AuditRepository {
    private static final String INSERT_RECORD = """
            INSERT INTO audit_record (id, occurred_at, key_id, role, http_method, route, operation, subject_ids,
                client_address, status, outcome, trace_id, request_id, idempotency_key, journal_sequence, entry_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_SUBJECT = "INSERT INTO audit_subject (subject_id, record_id) VALUES (?, ?)";
    private static final String SELECT = """
            SELECT r.id, r.occurred_at, r.key_id, r.role, r.http_method, r.route, r.operation, r.subject_ids,
                r.client_address, r.status, r.outcome, r.trace_id, r.request_id, r.idempotency_key,
                r.journal_sequence, r.entry_hash
            FROM audit_record r""";

    private final JdbcTemplate jdbc;

    AuditRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the records and their subjects, inside the caller's transaction. */
    void insert(List<AuditRecord> records) {
        List<Object[]> subjects = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>(records.size());
        for (AuditRecord record : records) {
            rows.add(new Object[] {record.id(), Timestamp.from(record.occurredAt()), record.keyId(), record.role(),
                    record.httpMethod(), record.route(), record.operation(), joined(record.subjectIds()),
                    record.clientAddress(), record.status(), record.outcome(), record.traceId(), record.requestId(),
                    record.idempotencyKey(), record.journalSequence(), record.entryHash()});
            for (UUID subject : record.subjectIds()) {
                subjects.add(new Object[] {subject, record.id()});
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT_RECORD, rows);
        }
        if (!subjects.isEmpty()) {
            jdbc.batchUpdate(INSERT_SUBJECT, subjects);
        }
    }

    /** Deletes the records derived from entries after {@code sequence}, for a rewind; inside the caller's transaction. */
    /** The journal sequence and entry hash of every record of an entry after {@code sequence}, in sequence order. */
    List<Map.Entry<Long, String>> hashesAfter(long sequence) {
        return jdbc.query("SELECT journal_sequence, entry_hash FROM audit_record WHERE journal_sequence > ?"
                        + " ORDER BY journal_sequence",
                (row, index) -> Map.entry(row.getLong(1), row.getString(2)), sequence);
    }

    void deleteAfter(long sequence) {
        jdbc.update("DELETE FROM audit_subject WHERE record_id IN (SELECT id FROM audit_record"
                + " WHERE journal_sequence > ?)", sequence);
        jdbc.update("DELETE FROM audit_record WHERE journal_sequence > ?", sequence);
    }

    /** The records of one request or trace, oldest first. */
    List<AuditRecord> findByRequest(String requestId, String traceId) {
        if (requestId != null) {
            return jdbc.query(SELECT + " WHERE r.request_id = ? ORDER BY r.journal_sequence", AuditRepository::record,
                    requestId);
        }
        return jdbc.query(SELECT + " WHERE r.trace_id = ? ORDER BY r.journal_sequence", AuditRepository::record,
                traceId);
    }

    /** Newest first; each filter is optional (null). */
    List<AuditRecord> find(UUID subjectId, String keyId, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> arguments = new ArrayList<>();
        if (subjectId != null) {
            sql.append(" JOIN audit_subject s ON s.record_id = r.id AND s.subject_id = ?");
            arguments.add(subjectId);
        }
        sql.append(" WHERE 1 = 1");
        if (keyId != null) {
            sql.append(" AND r.key_id = ?");
            arguments.add(keyId);
        }
        if (from != null) {
            sql.append(" AND r.occurred_at >= ?");
            arguments.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND r.occurred_at < ?");
            arguments.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY r.occurred_at DESC, r.id DESC LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), AuditRepository::record, arguments.toArray());
    }

    private static AuditRecord record(ResultSet row, int rowNumber) throws SQLException {
        String subjects = row.getString("subject_ids");
        List<UUID> subjectIds = subjects == null || subjects.isBlank() ? List.of()
                : Arrays.stream(subjects.split(" ")).map(UUID::fromString).toList();
        return new AuditRecord(row.getObject("id", UUID.class), row.getTimestamp("occurred_at").toInstant(),
                row.getString("key_id"), row.getString("role"), row.getString("http_method"), row.getString("route"),
                row.getString("operation"), subjectIds, row.getString("client_address"),
                (Integer) row.getObject("status", Integer.class), row.getString("outcome"), row.getString("trace_id"),
                row.getString("request_id"), row.getString("idempotency_key"), row.getLong("journal_sequence"),
                row.getString("entry_hash"));
    }

    private static String joined(List<UUID> ids) {
        StringBuilder text = new StringBuilder(ids.size() * 37);
        for (UUID id : ids) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(id);
        }
        return text.toString();
    }
}
