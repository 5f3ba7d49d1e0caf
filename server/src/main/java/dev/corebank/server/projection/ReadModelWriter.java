package dev.corebank.server.projection;

import dev.corebank.ledger.AccountType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;

/**
 * The projector's SQL: loads the rows a batch touches and writes what the batch produced, with JDBC batch updates.
 * It runs inside the caller's transaction and checks that every statement changed exactly one row, so a read model
 * that disagrees with the journal stops the projector instead of drifting.
 */
final class ReadModelWriter {
    /** Ids per {@code IN (...)} list, well under every driver's limit on bind parameters. */
    static final int IDS_PER_QUERY_MAX = 256;

    private static final String SELECT_ACCOUNTS = "SELECT id, ledger, account_type, code, flags, debits_pending,"
            + " debits_posted, credits_pending, credits_posted, opened_at, opened_sequence, updated_sequence"
            + " FROM accounts WHERE id IN ";
    private static final String SELECT_HOLDS = "SELECT id, amount FROM transfers WHERE pending_status = 'PENDING'"
            + " AND id IN ";
    private static final String INSERT_ACCOUNT = "INSERT INTO accounts (id, ledger, currency, account_type, code,"
            + " flags, debits_pending, debits_posted, credits_pending, credits_posted, opened_at, opened_sequence,"
            + " updated_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_ACCOUNT = "UPDATE accounts SET flags = ?, debits_pending = ?,"
            + " debits_posted = ?, credits_pending = ?, credits_posted = ?, updated_sequence = ? WHERE id = ?";
    private static final String INSERT_TRANSFER = "INSERT INTO transfers (id, debit_account_id, credit_account_id,"
            + " amount, ledger, currency, code, flags, kind, pending_status, pending_id, timeout_seconds, reference,"
            + " engine_timestamp, journal_sequence, resolved_at, trace_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RESOLVE_HOLD = "UPDATE transfers SET pending_status = ?, resolved_at = ?"
            + " WHERE id = ? AND pending_status = 'PENDING'";
    private static final String INSERT_HISTORY = "INSERT INTO balance_history (account_id, engine_timestamp,"
            + " journal_sequence, transfer_id, debit_amount, credit_amount, debits_posted, credits_posted)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    ReadModelWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<ProjectedAccount> loadAccounts(Collection<UUID> ids) {
        return selectByIds(SELECT_ACCOUNTS, ids, ReadModelWriter::account);
    }

    List<PendingHold> loadHolds(Collection<UUID> ids) {
        return selectByIds(SELECT_HOLDS, ids,
                (row, index) -> new PendingHold(row.getObject(1, UUID.class), row.getLong(2)));
    }

    <T> List<T> selectByIds(String sqlPrefix, Collection<UUID> ids, RowMapper<T> mapper) {
        return selectByIds(sqlPrefix, List.of(), ids, mapper);
    }

    /** As above, where {@code sqlPrefix} has placeholders of its own before the id list, bound to {@code leading}. */
    <T> List<T> selectByIds(String sqlPrefix, List<Object> leading, Collection<UUID> ids, RowMapper<T> mapper) {
        List<T> found = new ArrayList<>(ids.size());
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY_MAX) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY_MAX));
            String placeholders = "(" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            List<Object> arguments = new ArrayList<>(leading);
            arguments.addAll(chunk);
            found.addAll(jdbc.query(sqlPrefix + placeholders, mapper, arguments.toArray()));
        }
        return found;
    }

    /**
     * Deletes every projected row (accounts, transfers and balance history), in the caller's transaction, for a
     * rebuild from the start of the journal.
     */
    void deleteAll() {
        jdbc.update("DELETE FROM balance_history");
        jdbc.update("DELETE FROM transfers");
        jdbc.update("DELETE FROM accounts");
    }

    private static ProjectedAccount account(ResultSet row, int index) throws SQLException {
        ProjectedAccount account = new ProjectedAccount(row.getObject("id", UUID.class), row.getInt("ledger"),
                AccountType.valueOf(row.getString("account_type")), row.getInt("code"), row.getInt("flags"),
                row.getLong("opened_at"), row.getLong("opened_sequence"), false);
        account.debitsPending = row.getLong("debits_pending");
        account.debitsPosted = row.getLong("debits_posted");
        account.creditsPending = row.getLong("credits_pending");
        account.creditsPosted = row.getLong("credits_posted");
        account.updatedSequence = row.getLong("updated_sequence");
        return account;
    }

    /** Writes the batch's rows in the order the foreign keys need: accounts, transfers, resolutions, history. */
    void write(ProjectedBatch batch) {
        List<ProjectedAccount> opened = new ArrayList<>();
        List<ProjectedAccount> changed = new ArrayList<>();
        for (ProjectedAccount account : batch.accounts()) {
            if (account.opened) {
                opened.add(account);
            } else if (account.changed) {
                changed.add(account);
            }
        }
        run(INSERT_ACCOUNT, opened, ReadModelWriter::setInsertAccount);
        run(UPDATE_ACCOUNT, changed, ReadModelWriter::setUpdateAccount);
        run(INSERT_TRANSFER, batch.transfers(), ReadModelWriter::setInsertTransfer);
        run(RESOLVE_HOLD, batch.resolutions(), ReadModelWriter::setResolveHold);
        run(INSERT_HISTORY, batch.history(), ReadModelWriter::setInsertHistory);
    }

    private <T> void run(String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
        if (rows.isEmpty()) {
            return;
        }
        int[][] counts = jdbc.batchUpdate(sql, rows, rows.size(), setter);
        for (int[] chunk : counts) {
            for (int count : chunk) {
                // A driver that rewrites a batch into one statement may report SUCCESS_NO_INFO instead of a count.
                if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("a read-model write did not change exactly one row count=" + count
                            + " sql=" + sql);
                }
            }
        }
    }

    private static void setInsertAccount(PreparedStatement statement, ProjectedAccount account) throws SQLException {
        statement.setObject(1, account.id);
        statement.setInt(2, account.ledger);
        setNullableString(statement, 3, CurrencyCodes.letterCode(account.ledger));
        statement.setString(4, account.type.name());
        statement.setInt(5, account.code);
        statement.setInt(6, account.flags);
        statement.setLong(7, account.debitsPending);
        statement.setLong(8, account.debitsPosted);
        statement.setLong(9, account.creditsPending);
        statement.setLong(10, account.creditsPosted);
        statement.setLong(11, account.openedAt);
        statement.setLong(12, account.openedSequence);
        statement.setLong(13, account.updatedSequence);
    }

    private static void setUpdateAccount(PreparedStatement statement, ProjectedAccount account) throws SQLException {
        statement.setInt(1, account.flags);
        statement.setLong(2, account.debitsPending);
        statement.setLong(3, account.debitsPosted);
        statement.setLong(4, account.creditsPending);
        statement.setLong(5, account.creditsPosted);
        statement.setLong(6, account.updatedSequence);
        statement.setObject(7, account.id);
    }

    private static void setInsertTransfer(PreparedStatement statement, TransferRow transfer) throws SQLException {
        statement.setObject(1, transfer.id());
        statement.setObject(2, transfer.debitAccountId());
        statement.setObject(3, transfer.creditAccountId());
        statement.setLong(4, transfer.amountMinor());
        statement.setInt(5, transfer.ledger());
        setNullableString(statement, 6, CurrencyCodes.letterCode(transfer.ledger()));
        statement.setInt(7, transfer.code());
        statement.setInt(8, transfer.flags());
        statement.setString(9, transfer.kind());
        statement.setString(10, transfer.pendingStatus());
        statement.setObject(11, transfer.pendingId());
        statement.setInt(12, transfer.timeoutSeconds());
        statement.setString(13, transfer.reference());
        statement.setLong(14, transfer.engineTimestamp());
        statement.setLong(15, transfer.journalSequence());
        if (transfer.resolvedAt() == null) {
            statement.setNull(16, Types.BIGINT);
        } else {
            statement.setLong(16, transfer.resolvedAt());
        }
        setNullableString(statement, 17, transfer.traceId());
    }

    private static void setResolveHold(PreparedStatement statement, Resolution resolution) throws SQLException {
        statement.setString(1, resolution.status());
        statement.setLong(2, resolution.resolvedAt());
        statement.setObject(3, resolution.pendingId());
    }

    private static void setInsertHistory(PreparedStatement statement, HistoryRow row) throws SQLException {
        statement.setObject(1, row.accountId());
        statement.setLong(2, row.engineTimestamp());
        statement.setLong(3, row.journalSequence());
        statement.setObject(4, row.transferId());
        statement.setLong(5, row.debitAmountMinor());
        statement.setLong(6, row.creditAmountMinor());
        statement.setLong(7, row.debitsPostedAfter());
        statement.setLong(8, row.creditsPostedAfter());
    }

    private static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.CHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
