package dev.corebank.server.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The payments tables (V70__payments.sql). Only the reactor {@code payments} writes {@code payments} and
 * {@code payment_steps}, inside its transaction; the saga's workers only take actions off {@code payment_actions} and
 * put back the ones that must be tried again.
 */
final class PaymentStore {
    static final int DETAIL_CHARS_MAX = 512;
    private static final String COLUMNS = "id, direction, uetr, end_to_end_id, state, reason, hold_id, ledger,"
            + " amount_minor, debtor_agent, debtor_account, debtor_name, creditor_agent, creditor_account,"
            + " creditor_name, remittance, owner_key_id, trace_id, request_digest, accepted_at, business_date,"
            + " status_requests, created_position, updated_at, final_at";
    private static final RowMapper<Payment> PAYMENT = PaymentStore::payment;
    private final JdbcTemplate jdbc;

    PaymentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A step of a payment, for its status and its witness. */
    record Step(long position, int index, long at, String step, String detail) {
    }

    /** An action that is due, with the version it was scheduled at. */
    record DueAction(UUID paymentId, PaymentAction action, long version, int attempts) {
    }

    void insert(Payment payment) {
        jdbc.update("INSERT INTO payments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?)", payment.id(), payment.direction().name(), payment.uetr(),
                payment.endToEndId(), payment.state().name(), payment.reason(), payment.holdId(), payment.ledger(),
                payment.amountMinor(), payment.debtorAgent(), payment.debtorAccount(), payment.debtorName(),
                payment.creditorAgent(), payment.creditorAccount(), payment.creditorName(), payment.remittance(),
                payment.ownerKeyId(), payment.traceId(), payment.requestDigest(), payment.acceptedAt(),
                payment.businessDate() == null ? null : java.sql.Date.valueOf(payment.businessDate()),
                payment.statusRequests(), payment.createdPosition(), payment.updatedAt(), payment.finalAt());
    }

    Optional<Payment> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payments WHERE id = ?", PAYMENT, id).stream().findFirst();
    }

    Optional<Payment> findByUetr(String uetr) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payments WHERE uetr = ?", PAYMENT, uetr).stream()
                .findFirst();
    }

    Optional<Payment> findByHold(UUID holdId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payments WHERE hold_id = ?", PAYMENT, holdId).stream()
                .findFirst();
    }

    void updateState(UUID id, PaymentState state, String reason, long at) {
        jdbc.update("UPDATE payments SET state = ?, reason = ?, updated_at = ?, final_at = ? WHERE id = ?",
                state.name(), reason, at, state.isFinal() ? at : null, id);
    }

    void countStatusRequest(UUID id, long at) {
        jdbc.update("UPDATE payments SET status_requests = status_requests + 1, updated_at = ? WHERE id = ?", at, id);
    }

    void addStep(UUID paymentId, long position, int index, long at, String step, String detail) {
        String bounded = detail.length() <= DETAIL_CHARS_MAX ? detail : detail.substring(0, DETAIL_CHARS_MAX);
        jdbc.update("INSERT INTO payment_steps (payment_id, position, step_index, at, step, detail) VALUES"
                + " (?, ?, ?, ?, ?, ?)", paymentId, position, index, at, step, bounded);
    }

    List<Step> steps(UUID paymentId) {
        return jdbc.query("SELECT position, step_index, at, step, detail FROM payment_steps WHERE payment_id = ?"
                        + " ORDER BY position, step_index",
                (row, number) -> new Step(row.getLong(1), row.getInt(2), row.getLong(3), row.getString(4),
                        row.getString(5)), paymentId);
    }

    /** Schedules {@code action} at {@code dueAt}, replacing the same action scheduled before. */
    void schedule(UUID paymentId, PaymentAction action, long dueAt, long version) {
        cancel(paymentId, action);
        jdbc.update("INSERT INTO payment_actions (payment_id, action, due_at, version, attempts) VALUES (?, ?, ?, ?,"
                + " 0)", paymentId, action.name(), dueAt, version);
    }

    void cancel(UUID paymentId, PaymentAction action) {
        jdbc.update("DELETE FROM payment_actions WHERE payment_id = ? AND action = ?", paymentId, action.name());
    }

    void cancelAll(UUID paymentId) {
        jdbc.update("DELETE FROM payment_actions WHERE payment_id = ?", paymentId);
    }

    /** Actions due by {@code now}, the longest due first. */
    List<DueAction> due(long now, int limit) {
        return jdbc.query("SELECT payment_id, action, version, attempts FROM payment_actions WHERE due_at <= ?"
                        + " ORDER BY due_at LIMIT ?",
                (row, number) -> new DueAction(row.getObject(1, UUID.class), PaymentAction.valueOf(row.getString(2)),
                        row.getLong(3), row.getInt(4)), now, limit);
    }

    /** The earliest due time of any action, or empty. */
    Optional<Long> nextDue() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(due_at) FROM payment_actions", Long.class));
    }

    /** Removes a done action, unless the reactor scheduled it anew meanwhile (another version). */
    void done(DueAction action) {
        jdbc.update("DELETE FROM payment_actions WHERE payment_id = ? AND action = ? AND version = ?",
                action.paymentId(), action.action().name(), action.version());
    }

    /** Puts a failed action back for {@code dueAt}, unless it was scheduled anew meanwhile. */
    void retryLater(DueAction action, long dueAt) {
        jdbc.update("UPDATE payment_actions SET due_at = ?, attempts = attempts + 1 WHERE payment_id = ? AND"
                + " action = ? AND version = ?", dueAt, action.paymentId(), action.action().name(), action.version());
    }

    /** The sum of a debtor account's outgoing payments on a business date that were not rejected. */
    long dailyTotalMinor(String debtorAccount, LocalDate businessDate) {
        Long total = jdbc.queryForObject("SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE debtor_account = ?"
                        + " AND business_date = ? AND direction = 'OUTGOING' AND state <> 'REJECTED'", Long.class,
                debtorAccount, java.sql.Date.valueOf(businessDate));
        return total == null ? 0 : total;
    }

    /** Payments not yet final, by direction: their count and the oldest acceptance time. */
    record InFlight(long count, long oldestAcceptedAt) {
    }

    InFlight inFlight() {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(MIN(accepted_at), 0) FROM payments WHERE state NOT IN"
                + " ('SETTLED', 'REJECTED')", (row, number) -> new InFlight(row.getLong(1), row.getLong(2)));
    }

    /** Payments by state, for metrics. */
    List<Object[]> countsByState() {
        return jdbc.query("SELECT direction, state, COUNT(*) FROM payments GROUP BY direction, state",
                (row, number) -> new Object[] {row.getString(1), row.getString(2), row.getLong(3)});
    }

    private static Payment payment(ResultSet row, int number) throws SQLException {
        java.sql.Date date = row.getDate("business_date");
        long finalAt = row.getLong("final_at");
        Long finalAtOrNull = row.wasNull() ? null : finalAt;
        return new Payment(row.getObject("id", UUID.class), Payment.Direction.valueOf(row.getString("direction")),
                row.getString("uetr"), row.getString("end_to_end_id"), PaymentState.valueOf(row.getString("state")),
                row.getString("reason"), row.getObject("hold_id", UUID.class), row.getInt("ledger"),
                row.getLong("amount_minor"), row.getString("debtor_agent"), row.getString("debtor_account"),
                row.getString("debtor_name"), row.getString("creditor_agent"), row.getString("creditor_account"),
                row.getString("creditor_name"), row.getString("remittance"), row.getString("owner_key_id"),
                row.getString("trace_id"), row.getString("request_digest"), row.getLong("accepted_at"),
                date == null ? null : date.toLocalDate(), row.getInt("status_requests"),
                row.getLong("created_position"), row.getLong("updated_at"), finalAtOrNull);
    }
}
