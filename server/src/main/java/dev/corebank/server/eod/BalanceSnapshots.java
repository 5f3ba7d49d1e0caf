package dev.corebank.server.eod;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The step {@code statements-and-snapshot}: each account's balance through the closing date, written to
 * {@code eod_balance_snapshots} in batches. The date's rows are deleted first, so running the step again (after a
 * crash in the middle) writes them once. Statements read the transfers of a period from the read model and these
 * rows for the balances the period opens and closes with.
 */
@Component
final class BalanceSnapshots {
    static final int ROWS_PER_BATCH = 5_000;
    private final JdbcTemplate jdbc;

    BalanceSnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    EodSteps.Record write(EodRun run, DayBook dayBook) {
        LocalDate date = run.date();
        run.begin(EodSteps.SNAPSHOT, dayBook.accountCount());
        Date day = Date.valueOf(date);
        jdbc.update("DELETE FROM eod_balance_snapshots WHERE business_date = ?", day);
        List<Object[]> rows = new ArrayList<>(ROWS_PER_BATCH);
        long[] written = {0};
        dayBook.forEachBalance((UUID account, int ledger, int code, long balance, BigDecimal accrued) -> {
            rows.add(new Object[] {day, account, ledger, code, balance, accrued});
            if (rows.size() == ROWS_PER_BATCH) {
                flush(rows);
                written[0] += ROWS_PER_BATCH;
                run.progress(written[0]);
            }
        });
        written[0] += rows.size();
        flush(rows);
        return new EodSteps.Record(date, EodSteps.SNAPSHOT, written[0], 0, 0, written[0] + " account balances");
    }

    private void flush(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO eod_balance_snapshots (business_date, account_id, ledger, code,"
                    + " balance_minor, accrued_interest_minor) VALUES (?, ?, ?, ?, ?, ?)", rows);
            rows.clear();
        }
    }

    /** The snapshot balance of an account on a date, or null when none was written. */
    Long balance(UUID account, LocalDate date) {
        List<Long> found = jdbc.queryForList("SELECT balance_minor FROM eod_balance_snapshots WHERE business_date = ?"
                + " AND account_id = ?", Long.class, Date.valueOf(date), account);
        return found.isEmpty() ? null : found.getFirst();
    }
}
