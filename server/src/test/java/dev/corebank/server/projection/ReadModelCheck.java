package dev.corebank.server.projection;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.LedgerEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark's verification of a projected read model against the engine, cheap enough for a million rows: every
 * account row's flags and four balances equal the engine's, the row count equals the accounts opened, and the transfer row count equals the accepted count.
 * It returns what differs rather than throwing, so a run reports it beside its number.
 */
final class ReadModelCheck {
    private static final int LOOKUP_IDS_MAX = 8000;
    private static final int PROBLEMS_MAX = 10;

    private ReadModelCheck() {
    }

    static List<String> problems(LedgerEngine engine, JdbcTemplate jdbc, int openedAccounts, long acceptedTransfers) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<UUID, long[]> rows = new HashMap<>();
        jdbc.query("SELECT id, flags, debits_pending, debits_posted, credits_pending, credits_posted FROM accounts",
                row -> {
                    rows.put(row.getObject(1, UUID.class), new long[] {row.getLong(2), row.getLong(3), row.getLong(4),
                            row.getLong(5), row.getLong(6)});
                });
        List<UUID> ids = new ArrayList<>(rows.keySet());
        int accounts = 0;
        for (int from = 0; from < ids.size(); from += LOOKUP_IDS_MAX) {
            List<Account> found = engine.lookupAccounts(ids.subList(from, Math.min(ids.size(), from + LOOKUP_IDS_MAX)))
                    .get(60, TimeUnit.SECONDS);
            for (Account account : found) {
                accounts++;
                long[] expected = {account.flags(), account.debitsPending(), account.debitsPosted(),
                        account.creditsPending(), account.creditsPosted()};
                long[] actual = rows.get(account.id());
                if (!java.util.Arrays.equals(expected, actual) && problems.size() < PROBLEMS_MAX) {
                    problems.add("account=" + account.id() + " engine=" + java.util.Arrays.toString(expected)
                            + " readModel=" + java.util.Arrays.toString(actual));
                }
            }
        }
        if (accounts != rows.size() || rows.size() != openedAccounts) {
            problems.add("account rows=" + rows.size() + " known to the engine=" + accounts + " opened="
                    + openedAccounts);
        }
        long transferRows = jdbc.queryForObject("SELECT COUNT(*) FROM transfers", Long.class);
        if (transferRows != acceptedTransfers) {
            problems.add("transfer rows=" + transferRows + " accepted=" + acceptedTransfers);
        }
        return problems;
    }
}
