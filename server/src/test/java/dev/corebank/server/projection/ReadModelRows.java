package dev.corebank.server.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.TransferState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the read-model tables back for assertions, and checks them against the engine's own state. */
final class ReadModelRows {
    private final JdbcTemplate jdbc;

    ReadModelRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long checkpoint() {
        return jdbc.queryForObject("SELECT journal_sequence FROM projection_checkpoint WHERE name = 'read_model'",
                Long.class);
    }

    long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    Map<String, Object> account(UUID id) {
        return jdbc.queryForMap("SELECT * FROM accounts WHERE id = ?", id);
    }

    Map<String, Object> transfer(UUID id) {
        return jdbc.queryForMap("SELECT * FROM transfers WHERE id = ?", id);
    }

    boolean hasTransfer(UUID id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM transfers WHERE id = ?", Long.class, id) == 1;
    }

    List<UUID> accountIds() {
        return jdbc.queryForList("SELECT id FROM accounts ORDER BY id", UUID.class);
    }

    List<Map<String, Object>> history(UUID accountId) {
        return jdbc.queryForList("SELECT * FROM balance_history WHERE account_id = ? ORDER BY engine_timestamp",
                accountId);
    }

    /**
     * Checks every account row against the engine's lookup (flags and all four balances), every transfer row's hold
     * status against the engine's, and the balance history as a chain: each row's totals are the previous row's plus
     * its amount, and the last row's totals are the account's posted balances.
     */
    void assertMatchesEngine(LedgerEngine engine) throws Exception {
        List<UUID> accountIds = accountIds();
        List<Account> accounts = lookUpAccounts(engine, accountIds);
        assertThat(accounts).hasSize(accountIds.size());
        for (Account expected : accounts) {
            Map<String, Object> row = account(expected.id());
            assertThat(number(row, "flags")).as("flags of %s", expected.id()).isEqualTo(expected.flags());
            assertThat(number(row, "debits_pending")).as("debits pending of %s", expected.id())
                    .isEqualTo(expected.debitsPending());
            assertThat(number(row, "debits_posted")).as("debits posted of %s", expected.id())
                    .isEqualTo(expected.debitsPosted());
            assertThat(number(row, "credits_pending")).as("credits pending of %s", expected.id())
                    .isEqualTo(expected.creditsPending());
            assertThat(number(row, "credits_posted")).as("credits posted of %s", expected.id())
                    .isEqualTo(expected.creditsPosted());
            assertHistoryChains(expected);
        }
        Map<UUID, Map<String, Object>> transfers = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT id, pending_status, amount, engine_timestamp"
                + " FROM transfers")) {
            transfers.put((UUID) row.get("id"), row);
        }
        List<UUID> transferIds = List.copyOf(transfers.keySet());
        for (int from = 0; from < transferIds.size(); from += 1000) {
            List<UUID> chunk = transferIds.subList(from, Math.min(transferIds.size(), from + 1000));
            List<TransferState> states = engine.lookupTransfers(chunk).get(30, TimeUnit.SECONDS);
            assertThat(states).hasSize(chunk.size());
            for (TransferState state : states) {
                Map<String, Object> row = transfers.get(state.transfer().id());
                assertThat(row.get("pending_status")).as("hold status of %s", state.transfer().id())
                        .isEqualTo(state.pendingStatus().name());
                assertThat(number(row, "amount")).isEqualTo(state.transfer().amount());
                assertThat(number(row, "engine_timestamp")).isEqualTo(state.transfer().timestamp());
            }
        }
        assertThat(count("transfers")).as("one row per applied transfer in the journal")
                .isEqualTo(appliedTransfers(engine));
    }

    private void assertHistoryChains(Account account) {
        long debits = 0;
        long credits = 0;
        for (Map<String, Object> row : history(account.id())) {
            debits += number(row, "debit_amount");
            credits += number(row, "credit_amount");
            assertThat(number(row, "debits_posted")).as("running debits of %s", account.id()).isEqualTo(debits);
            assertThat(number(row, "credits_posted")).as("running credits of %s", account.id()).isEqualTo(credits);
        }
        assertThat(debits).as("history debits of %s", account.id()).isEqualTo(account.debitsPosted());
        assertThat(credits).as("history credits of %s", account.id()).isEqualTo(account.creditsPosted());
    }

    private static List<Account> lookUpAccounts(LedgerEngine engine, List<UUID> ids) throws Exception {
        List<Account> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            found.addAll(engine.lookupAccounts(ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .get(30, TimeUnit.SECONDS));
        }
        return found;
    }

    /** Counts applied transfers by reading the journal directly, independently of the projector. */
    static long appliedTransfers(LedgerEngine engine) {
        long count = 0;
        try (JournalReader reader = engine.openReader()) {
            long next = 1;
            while (next <= engine.committedPosition()) {
                List<JournalEntry> entries = reader.read(next, JournalReader.READ_ENTRIES_MAX);
                assertThat(entries).as("committed entries from sequence=%d", next).isNotEmpty();
                for (JournalEntry entry : entries) {
                    for (LedgerEvent event : entry.events()) {
                        if (event instanceof LedgerEvent.TransferPosted || event instanceof LedgerEvent.TransferPending
                                || event instanceof LedgerEvent.PendingPosted
                                || event instanceof LedgerEvent.PendingVoided) {
                            count++;
                        }
                    }
                }
                next += entries.size();
            }
        }
        return count;
    }

    static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
