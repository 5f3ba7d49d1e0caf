package dev.corebank.server.audit;

import dev.corebank.ledger.LedgerEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads what {@link JournalAudit} compares the journal with: the read model and the live engine. */
final class AuditSources {
    /** Attempts to catch the engine between two commits before the live comparison is given up. */
    static final int LIVE_ATTEMPTS_MAX = 50;
    private static final long STATE_HASH_TIMEOUT_SECONDS = 60;

    private AuditSources() {
    }

    /**
     * The read model's checkpoint and accounts from one repeatable-read transaction, so the balances are exactly
     * those of the checkpoint's journal position (the projector moves both in one transaction).
     */
    static JournalAudit.ReadModelState readModel(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot.execute((status) -> {
            Long sequence = jdbc.queryForObject(
                    "SELECT journal_sequence FROM projection_checkpoint WHERE name = 'read_model'", Long.class);
            Map<UUID, JournalAudit.Balances> accounts = new HashMap<>();
            jdbc.query("SELECT id, debits_pending, debits_posted, credits_pending, credits_posted, flags FROM accounts",
                    (row) -> {
                        accounts.put(row.getObject(1, UUID.class), new JournalAudit.Balances(row.getLong(2),
                                row.getLong(3), row.getLong(4), row.getLong(5), row.getInt(6)));
                    });
            return new JournalAudit.ReadModelState(sequence == null ? 0 : sequence, accounts);
        });
    }

    /**
     * The engine's state hash at its committed position. The hash command waits for everything applied so far to be
     * durable, so when the committed position is the same before and after it, the hash is the state at that
     * position. Under constant writes that may never happen; then null, and the live state is not compared.
     */
    static JournalAudit.LiveState live(LedgerEngine engine) throws InterruptedException {
        for (int attempt = 0; attempt < LIVE_ATTEMPTS_MAX; attempt++) {
            long before = engine.committedPosition();
            String hash;
            try {
                hash = engine.stateHash().get(STATE_HASH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException failed) {
                throw new IllegalStateException("the engine did not give its state hash: " + failed, failed);
            }
            if (engine.committedPosition() == before) {
                return new JournalAudit.LiveState(before, hash);
            }
            Thread.sleep(20);
        }
        return null;
    }
}
