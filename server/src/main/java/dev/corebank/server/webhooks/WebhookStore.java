package dev.corebank.server.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** The webhook tables: subscriptions, deliveries and the attempt log. Every time is epoch milliseconds. */
final class WebhookStore {
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";
    static final String CANCELLED = "cancelled";

    private static final String SUBSCRIPTION_COLUMNS = "id, owner_key_id, url, event_types, account_id, description,"
            + " fifo, secret, previous_secret, previous_secret_until, enabled, disabled_reason, failing_since,"
            + " from_sequence, created_at, updated_at";
    private static final String DELIVERY_COLUMNS = "id, subscription_id, event_id, event_type, journal_sequence,"
            + " state, attempts, attempts_total, next_attempt_at, leased_until, last_status, created_at, finished_at";

    private final JdbcTemplate jdbc;

    WebhookStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery as listed in the log, without its body. */
    record Delivery(long id, UUID subscriptionId, String eventId, String eventType, long journalSequence, String state,
                    int attempts, int attemptsTotal, long nextAttemptAtMillis, long leasedUntilMillis,
                    Integer lastStatus, long createdAtMillis, Long finishedAtMillis) {
    }

    /** A delivery the dispatcher may send now, with what it sends. */
    record Due(long id, UUID subscriptionId, String eventId, String body, int attempts, int attemptsTotal,
               long leasedUntilMillis) {
    }

    /** One row of the attempt log. */
    record Attempt(long deliveryId, UUID subscriptionId, String eventId, int attempt, long attemptedAtMillis,
                   Integer status, long latencyMillis, String outcome, String error, String responseExcerpt) {
    }

    void insert(Subscription subscription) {
        jdbc.update("INSERT INTO webhook_subscriptions (" + SUBSCRIPTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?)", subscription.id(), subscription.ownerKeyId(),
                subscription.url(), String.join(",", subscription.eventTypes()), subscription.accountId(),
                subscription.description(), subscription.fifo(), subscription.secret().text(),
                subscription.previousSecret() == null ? null : subscription.previousSecret().text(),
                subscription.previousSecretUntilMillis(), subscription.enabled(), subscription.disabledReason(),
                subscription.failingSinceMillis(), subscription.fromSequence(), subscription.createdAtMillis(),
                subscription.updatedAtMillis());
    }

    Optional<Subscription> subscription(UUID id) {
        return jdbc.query("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscriptions WHERE id = ?",
                WebhookStore::subscription, id).stream().findFirst();
    }

    List<Subscription> subscriptionsOf(String ownerKeyId) {
        return jdbc.query("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscriptions WHERE owner_key_id = ?"
                + " ORDER BY created_at, id", WebhookStore::subscription, ownerKeyId);
    }

    List<Subscription> enabledSubscriptions() {
        return jdbc.query("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscriptions WHERE enabled = TRUE"
                + " ORDER BY id", WebhookStore::subscription);
    }

    boolean hasEnabledSubscriptions() {
        return !jdbc.queryForList("SELECT id FROM webhook_subscriptions WHERE enabled = TRUE LIMIT 1").isEmpty();
    }

    int countOf(String ownerKeyId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM webhook_subscriptions WHERE owner_key_id = ?",
                Integer.class, ownerKeyId);
        return count == null ? 0 : count;
    }

    void update(Subscription changed) {
        jdbc.update("UPDATE webhook_subscriptions SET url = ?, event_types = ?, account_id = ?, description = ?,"
                        + " fifo = ?, enabled = ?, disabled_reason = ?, failing_since = ?, updated_at = ? WHERE id = ?",
                changed.url(), String.join(",", changed.eventTypes()), changed.accountId(), changed.description(),
                changed.fifo(), changed.enabled(), changed.disabledReason(), changed.failingSinceMillis(),
                changed.updatedAtMillis(), changed.id());
    }

    void rotate(UUID id, WebhookSecret secret, WebhookSecret previous, long previousUntilMillis, long nowMillis) {
        jdbc.update("UPDATE webhook_subscriptions SET secret = ?, previous_secret = ?, previous_secret_until = ?,"
                + " updated_at = ? WHERE id = ?", secret.text(), previous.text(), previousUntilMillis, nowMillis, id);
    }

    /** Disables the subscription unless it is already; true when this call disabled it. */
    boolean disable(UUID id, String reason, long nowMillis) {
        return jdbc.update("UPDATE webhook_subscriptions SET enabled = FALSE, disabled_reason = ?, updated_at = ?"
                + " WHERE id = ? AND enabled = TRUE", shorten(reason, 256), nowMillis, id) == 1;
    }

    /** Disables every enabled subscription of one API key. */
    void disableAllOf(String ownerKeyId, String reason, long nowMillis) {
        jdbc.update("UPDATE webhook_subscriptions SET enabled = FALSE, disabled_reason = ?, updated_at = ?"
                + " WHERE owner_key_id = ? AND enabled = TRUE", reason, nowMillis, ownerKeyId);
    }

    void delete(UUID id, long nowMillis) {
        jdbc.update("UPDATE webhook_deliveries SET state = ?, finished_at = ? WHERE subscription_id = ? AND state = ?",
                CANCELLED, nowMillis, id, PENDING);
        jdbc.update("DELETE FROM webhook_subscriptions WHERE id = ?", id);
    }

    /** Stores new deliveries; one that exists already (same subscription and event) is left as it is. */
    void enqueue(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // A delivery already there (one event, one subscription) is kept as it is: after a rewind, or a crash that
        // kept a run's rows but not its checkpoint, the event is queued again, and one that was tried must not be
        // queued twice.
        jdbc.batchUpdate("INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, journal_sequence,"
                + " account_a, account_b, body, state, attempts, attempts_total, next_attempt_at, leased_until,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '" + PENDING + "', 0, 0, ?, 0, ?)"
                + " ON CONFLICT DO NOTHING", rows);
    }

    /** Deliveries derived from entries after {@code sequence}; for the check at start, none after the checkpoint. */
    long countAfter(long sequence) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM webhook_deliveries WHERE journal_sequence > ?", Long.class,
                sequence);
    }

    /** Deletes the deliveries derived from entries after {@code sequence} that were never tried, for a rewind. */
    void deleteUntriedAfter(long sequence) {
        jdbc.update("DELETE FROM webhook_deliveries WHERE journal_sequence > ? AND attempts_total = 0", sequence);
    }

    /**
     * Deliveries that are due, oldest first, of enabled subscriptions, not held by a live lease; for a subscription in
     * the first-in-first-out mode, only those with no earlier unfinished delivery of the same subscription for one of
     * their accounts. Two queries, so the common case never pays for the ordering check.
     */
    List<Due> due(long nowMillis, int limit) {
        // The bodies are read for the claimed rows only (withBodies): sorting the candidates must not drag them along.
        String select = "SELECT d.id, d.subscription_id, d.event_id, NULL, d.attempts, d.attempts_total,"
                + " d.leased_until, d.next_attempt_at FROM webhook_deliveries d JOIN webhook_subscriptions s"
                + " ON s.id = d.subscription_id WHERE d.state = '" + PENDING + "' AND d.next_attempt_at <= ?"
                + " AND d.leased_until <= ? AND s.enabled = TRUE AND s.fifo = ";
        // state leads the ORDER BY although it is fixed: so the database sees the order of webhook_deliveries_due
        // (state, next_attempt_at, id), reads the first rows in index order and stops at the limit.
        String order = " ORDER BY d.state, d.next_attempt_at, d.id LIMIT ?";
        List<Object[]> found = new java.util.ArrayList<>(jdbc.query(select + "FALSE" + order, WebhookStore::dueRow,
                nowMillis, nowMillis, limit));
        found.addAll(jdbc.query(select + "TRUE AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e"
                + " WHERE e.subscription_id = d.subscription_id AND e.state = '" + PENDING + "' AND e.id < d.id"
                + " AND (e.account_a = d.account_a OR e.account_a = d.account_b OR e.account_b = d.account_a"
                + " OR e.account_b = d.account_b))" + order, WebhookStore::dueRow, nowMillis, nowMillis, limit));
        found.sort(java.util.Comparator.comparingLong((Object[] row) -> (Long) row[1])
                .thenComparingLong(row -> ((Due) row[0]).id()));
        return found.stream().limit(limit).map(row -> (Due) row[0]).toList();
    }

    /** The claimed deliveries with their bodies, in the same order. */
    List<Due> withBodies(List<Due> claimed) {
        if (claimed.isEmpty()) {
            return claimed;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(claimed.size(), "?"));
        java.util.Map<Long, String> bodies = new java.util.HashMap<>();
        jdbc.query("SELECT id, body FROM webhook_deliveries WHERE id IN (" + marks + ")",
                (java.sql.ResultSet row) -> {
                    bodies.put(row.getLong(1), row.getString(2));
                }, claimed.stream().map(Due::id).toArray());
        return claimed.stream().map(d -> new Due(d.id(), d.subscriptionId(), d.eventId(), bodies.get(d.id()),
                d.attempts(), d.attemptsTotal(), d.leasedUntilMillis())).toList();
    }

    private static Object[] dueRow(ResultSet row, int index) throws SQLException {
        return new Object[] {new Due(row.getLong(1), row.getObject(2, UUID.class), row.getString(3),
                row.getString(4), row.getInt(5), row.getInt(6), row.getLong(7)), row.getLong(8)};
    }

    /**
     * Takes the deliveries for one attempt each until {@code leaseUntilMillis}, in one batch; returns those this call
     * took (another dispatcher may have taken some first). Call it inside a transaction, so the batch is one commit.
     */
    List<Due> claim(List<Due> due, long leaseUntilMillis) {
        int[] taken = jdbc.batchUpdate("UPDATE webhook_deliveries SET leased_until = ? WHERE id = ?"
                + " AND leased_until = ? AND state = '" + PENDING + "'", due.stream().map(d -> new Object[] {
                leaseUntilMillis, d.id(), d.leasedUntilMillis()}).toList());
        List<Due> claimed = new java.util.ArrayList<>(due.size());
        for (int index = 0; index < due.size(); index++) {
            // A driver may answer SUCCESS_NO_INFO (-2) for a batched row: only 0 means another took it.
            if (taken[index] != 0) {
                claimed.add(due.get(index));
            }
        }
        return claimed;
    }

    void logAttempts(List<Attempt> attempts) {
        jdbc.batchUpdate("INSERT INTO webhook_attempts (delivery_id, subscription_id, event_id, attempt, attempted_at,"
                + " status, latency_millis, outcome, error, response_excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                attempts.stream().map(attempt -> new Object[] {attempt.deliveryId(), attempt.subscriptionId(),
                        attempt.eventId(), attempt.attempt(), attempt.attemptedAtMillis(), attempt.status(),
                        attempt.latencyMillis(), attempt.outcome(), shorten(attempt.error(), 512),
                        shorten(attempt.responseExcerpt(), 2048)}).toList());
    }

    /** A delivery after an attempt: its new state, its tries, the next try (when pending) and the status seen. */
    record AfterAttempt(long id, String state, int attempts, int attemptsTotal, long nextAttemptAtMillis,
                        Integer status, Long finishedAtMillis) {
    }

    /** Moves the deliveries on after their attempts; a delivery cancelled meanwhile stays cancelled. */
    void afterAttempts(List<AfterAttempt> changes) {
        jdbc.batchUpdate("UPDATE webhook_deliveries SET state = ?, attempts = ?, attempts_total = ?,"
                + " next_attempt_at = ?, leased_until = 0, last_status = ?, finished_at = ? WHERE id = ? AND state = '"
                + PENDING + "'", changes.stream().map(change -> new Object[] {change.state(), change.attempts(),
                change.attemptsTotal(), change.nextAttemptAtMillis(), change.status(), change.finishedAtMillis(),
                change.id()}).toList());
    }

    void markHealthy(UUID subscriptionId) {
        jdbc.update("UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
                subscriptionId);
    }

    /** Notes the first failure since the last success; returns when the subscription began failing. */
    long markFailing(UUID subscriptionId, long nowMillis) {
        jdbc.update("UPDATE webhook_subscriptions SET failing_since = ? WHERE id = ? AND failing_since IS NULL",
                nowMillis, subscriptionId);
        Long since = jdbc.query("SELECT failing_since FROM webhook_subscriptions WHERE id = ?",
                (row, index) -> (Long) row.getObject(1, Long.class), subscriptionId).stream().findFirst().orElse(null);
        return since == null ? nowMillis : since;
    }

    List<Delivery> deliveriesOf(UUID subscriptionId, String eventId, int limit) {
        if (eventId != null) {
            return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE subscription_id = ?"
                    + " AND event_id = ?", WebhookStore::delivery, subscriptionId, eventId);
        }
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE subscription_id = ?"
                + " ORDER BY id DESC LIMIT ?", WebhookStore::delivery, subscriptionId, limit);
    }

    /** The deliveries of one event to the subscriptions of one owner. */
    List<Delivery> deliveriesOfEvent(String eventId, String ownerKeyId) {
        return jdbc.query("SELECT " + prefixed("d.", DELIVERY_COLUMNS) + " FROM webhook_deliveries d"
                + " JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.event_id = ?"
                + " AND s.owner_key_id = ? ORDER BY d.id", WebhookStore::delivery, eventId, ownerKeyId);
    }

    List<Delivery> deliveriesOfSequence(long sequence) {
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE journal_sequence = ?"
                + " ORDER BY id", WebhookStore::delivery, sequence);
    }

    List<Attempt> attemptsOf(long deliveryId) {
        return jdbc.query("SELECT delivery_id, subscription_id, event_id, attempt, attempted_at, status,"
                + " latency_millis, outcome, error, response_excerpt FROM webhook_attempts WHERE delivery_id = ?"
                + " ORDER BY attempt", (row, index) -> new Attempt(row.getLong(1), row.getObject(2, UUID.class),
                row.getString(3), row.getInt(4), row.getLong(5), (Integer) row.getObject(6, Integer.class),
                row.getLong(7), row.getString(8), row.getString(9), row.getString(10)), deliveryId);
    }

    /** Starts a new round of attempts for one event; returns the deliveries started again (0 or 1). */
    int redeliver(UUID subscriptionId, String eventId, long nowMillis) {
        return jdbc.update("UPDATE webhook_deliveries SET state = '" + PENDING + "', attempts = 0,"
                + " next_attempt_at = ?, finished_at = NULL WHERE subscription_id = ? AND event_id = ?"
                + " AND state <> '" + CANCELLED + "'", nowMillis, subscriptionId, eventId);
    }

    /** Starts a new round for the deliveries of entries {@code from..to}, at most {@code limit}, oldest first. */
    int redeliverRange(UUID subscriptionId, long fromSequence, long toSequence, int limit, long nowMillis) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM webhook_deliveries WHERE subscription_id = ?"
                + " AND journal_sequence BETWEEN ? AND ? AND state <> '" + CANCELLED + "' ORDER BY id LIMIT ?",
                Long.class, subscriptionId, fromSequence, toSequence, limit);
        List<Object[]> rows = ids.stream().map(id -> new Object[] {nowMillis, id}).toList();
        int[][] updated = jdbc.batchUpdate("UPDATE webhook_deliveries SET state = '" + PENDING + "', attempts = 0,"
                + " next_attempt_at = ?, finished_at = NULL WHERE id = ?", rows, 500, (statement, row) -> {
                    statement.setLong(1, (Long) row[0]);
                    statement.setLong(2, (Long) row[1]);
                });
        return Arrays.stream(updated).flatMapToInt(Arrays::stream).map(count -> Math.max(count, 0)).sum();
    }

    private static Subscription subscription(ResultSet row, int index) throws SQLException {
        String previous = row.getString(9);
        return new Subscription(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                List.of(row.getString(4).split(",")), row.getObject(5, UUID.class), row.getString(6),
                row.getBoolean(7), new WebhookSecret(row.getString(8)),
                previous == null ? null : new WebhookSecret(previous), (Long) row.getObject(10, Long.class),
                row.getBoolean(11), row.getString(12), (Long) row.getObject(13, Long.class), row.getLong(14),
                row.getLong(15), row.getLong(16));
    }

    private static Delivery delivery(ResultSet row, int index) throws SQLException {
        return new Delivery(row.getLong(1), row.getObject(2, UUID.class), row.getString(3), row.getString(4),
                row.getLong(5), row.getString(6), row.getInt(7), row.getInt(8), row.getLong(9), row.getLong(10),
                (Integer) row.getObject(11, Integer.class), row.getLong(12), (Long) row.getObject(13, Long.class));
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }

    static String shorten(String text, int lengthMax) {
        return text == null || text.length() <= lengthMax ? text : text.substring(0, lengthMax);
    }
}
