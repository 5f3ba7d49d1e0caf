package dev.corebank.server.history;

import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.PendingStatus;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.projection.ProjectionPosition;
import dev.corebank.server.commands.EngineTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads account history from the read model. Each method runs in one read-only, repeatable-read transaction, so the
 * rows, the balances and the reported position all come from the same snapshot, even while the projector commits.
 */
final class HistoryRepository {
    private static final String TRANSFER_COLUMNS = "id, debit_account_id, credit_account_id, amount, currency, code,"
            + " flags, kind, pending_status, pending_id, timeout_seconds, reference, engine_timestamp, resolved_at,"
            + " journal_sequence, trace_id";
    // Each side is read backwards along its own index and cut at the limit before the two are merged, so a page costs
    // two short index range scans however long the account's history is.
    private static final String TRANSFERS_PAGE = "SELECT " + TRANSFER_COLUMNS + " FROM ("
            + "(SELECT " + TRANSFER_COLUMNS + " FROM transfers WHERE debit_account_id = :account"
            + " AND engine_timestamp < :before ORDER BY engine_timestamp DESC LIMIT :limit)"
            + " UNION ALL "
            + "(SELECT " + TRANSFER_COLUMNS + " FROM transfers WHERE credit_account_id = :account"
            + " AND engine_timestamp < :before ORDER BY engine_timestamp DESC LIMIT :limit)"
            + ") page ORDER BY engine_timestamp DESC LIMIT :limit";
    // The statement's ORDER BY names the key's leading column, account_id, though it is fixed by the WHERE: only then
    // does H2 read the primary key (account_id, engine_timestamp) in order and stop at the LIMIT ("index sorted" in
    // its plan); ordered by engine_timestamp alone it reads and sorts every line of the account past the cursor, which
    // made a page of a 100,000-line history take half a second. PostgreSQL reads the key in order either way.
    private static final String TOTALS_BEFORE = "SELECT debits_posted, credits_posted FROM balance_history"
            + " WHERE account_id = :account AND engine_timestamp < :before"
            + " ORDER BY account_id DESC, engine_timestamp DESC LIMIT 1";
    private static final String STATEMENT_LINES = "SELECT h.engine_timestamp, h.transfer_id, h.debit_amount,"
            + " h.credit_amount, h.debits_posted, h.credits_posted, h.journal_sequence, t.kind, t.code, t.reference"
            + " FROM balance_history h JOIN transfers t ON t.id = h.transfer_id"
            + " WHERE h.account_id = :account AND h.engine_timestamp >= :from AND h.engine_timestamp < :to"
            + " ORDER BY h.account_id, h.engine_timestamp LIMIT :limit";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    HistoryRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * Up to {@code limit} transfers of the account older than {@code beforeTimestamp}, newest first, and the cursor of
     * the next page when there is one.
     */
    AtPosition<TransferPage> transfers(UUID accountId, long beforeTimestamp, int limit) {
        return transactions.execute(status -> {
            long position = position();
            if (account(accountId).isEmpty()) {
                return new AtPosition<>(position, null);
            }
            List<Timed<AccountTransfer>> rows = jdbc.sql(TRANSFERS_PAGE)
                    .param("account", accountId)
                    .param("before", beforeTimestamp)
                    .param("limit", limit + 1)
                    .query((row, index) -> new Timed<>(row.getLong("engine_timestamp"), transfer(row, accountId)))
                    .list();
            Page<AccountTransfer> page = Page.of(rows, limit);
            return new AtPosition<>(position, new TransferPage(accountId, page.items(), page.nextCursor()));
        });
    }

    /** The statement of the period, with up to {@code limit} lines after {@code afterTimestamp}. */
    AtPosition<Statement> statement(UUID accountId, StatementPeriod period, long afterTimestamp, int limit) {
        return transactions.execute(status -> {
            long position = position();
            Optional<AccountSummary> account = account(accountId);
            if (account.isEmpty()) {
                return new AtPosition<>(position, null);
            }
            AccountType type = account.get().type();
            Totals opening = totalsBefore(accountId, period.fromNanos());
            Totals closing = totalsBefore(accountId, period.toNanosExclusive());
            List<Timed<StatementLine>> rows = jdbc.sql(STATEMENT_LINES)
                    .param("account", accountId)
                    .param("from", Math.max(period.fromNanos(), afterTimestamp + 1))
                    .param("to", period.toNanosExclusive())
                    .param("limit", limit + 1)
                    .query((row, index) -> new Timed<>(row.getLong("engine_timestamp"), line(row, type)))
                    .list();
            Page<StatementLine> lines = Page.of(rows, limit);
            return new AtPosition<>(position, new Statement(accountId, type.name(), account.get().currency(),
                    period.from().toString(), period.to().toString(), opening.balance(type),
                    Math.subtractExact(closing.debitsPosted(), opening.debitsPosted()),
                    Math.subtractExact(closing.creditsPosted(), opening.creditsPosted()), closing.balance(type),
                    lines.items(), lines.nextCursor()));
        });
    }

    private long position() {
        return jdbc.sql("SELECT journal_sequence FROM projection_checkpoint WHERE name = :name")
                .param("name", ProjectionPosition.CHECKPOINT_NAME)
                .query(Long.class)
                .single();
    }

    private Optional<AccountSummary> account(UUID accountId) {
        return jdbc.sql("SELECT account_type, currency FROM accounts WHERE id = :account")
                .param("account", accountId)
                .query((row, index) -> new AccountSummary(AccountType.valueOf(row.getString(1)), row.getString(2)))
                .optional();
    }

    /** The posted totals after the last movement before {@code beforeNanos}; zero when there was none. */
    private Totals totalsBefore(UUID accountId, long beforeNanos) {
        return jdbc.sql(TOTALS_BEFORE)
                .param("account", accountId)
                .param("before", beforeNanos)
                .query((row, index) -> new Totals(row.getLong(1), row.getLong(2)))
                .optional()
                .orElse(Totals.ZERO);
    }

    private static AccountTransfer transfer(ResultSet row, UUID accountId) throws SQLException {
        UUID debit = row.getObject("debit_account_id", UUID.class);
        long resolvedAt = row.getLong("resolved_at");
        Instant resolved = row.wasNull() ? null : EngineTime.instant(resolvedAt);
        PendingStatus status = PendingStatus.valueOf(row.getString("pending_status"));
        long timestamp = row.getLong("engine_timestamp");
        return new AccountTransfer(row.getObject("id", UUID.class), debit.equals(accountId) ? "DEBIT" : "CREDIT",
                row.getString("kind"), debit, row.getObject("credit_account_id", UUID.class), row.getLong("amount"),
                trimmed(row, "currency"), row.getInt("code"), TransferFlags.names(row.getInt("flags")),
                row.getObject("pending_id", UUID.class), row.getInt("timeout_seconds"), row.getString("reference"),
                status == PendingStatus.NONE ? null : status, resolved, timestamp, EngineTime.instant(timestamp),
                row.getLong("journal_sequence"), trimmed(row, "trace_id"));
    }

    private static StatementLine line(ResultSet row, AccountType type) throws SQLException {
        Totals after = new Totals(row.getLong("debits_posted"), row.getLong("credits_posted"));
        long timestamp = row.getLong("engine_timestamp");
        return new StatementLine(timestamp, EngineTime.instant(timestamp), row.getObject("transfer_id", UUID.class),
                row.getString("kind"), row.getInt("code"), row.getString("reference"), row.getLong("debit_amount"),
                row.getLong("credit_amount"), after.balance(type), row.getLong("journal_sequence"));
    }

    private static String trimmed(ResultSet row, String column) throws SQLException {
        String value = row.getString(column);
        return value == null ? null : value.strip();
    }

    /** A row and its engine timestamp, which is the page cursor. */
    private record Timed<T>(long engineTimestamp, T value) {
    }

    /** One page of rows fetched with one extra, which tells whether a next page exists without a count. */
    private record Page<T>(List<T> items, String nextCursor) {
        static <T> Page<T> of(List<Timed<T>> rows, int limit) {
            boolean more = rows.size() > limit;
            List<Timed<T>> kept = more ? rows.subList(0, limit) : rows;
            List<T> items = new ArrayList<>(kept.size());
            for (Timed<T> row : kept) {
                items.add(row.value());
            }
            return new Page<>(List.copyOf(items), more ? PageCursor.encode(kept.getLast().engineTimestamp()) : null);
        }
    }

    private record AccountSummary(AccountType type, String currency) {
    }

    /** An account's posted totals at a point in time. */
    private record Totals(long debitsPosted, long creditsPosted) {
        static final Totals ZERO = new Totals(0, 0);

        long balance(AccountType type) {
            return type.debitNormal() ? Math.subtractExact(debitsPosted, creditsPosted)
                    : Math.subtractExact(creditsPosted, debitsPosted);
        }
    }
}
