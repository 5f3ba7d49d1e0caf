package dev.corebank.server.audit;

import dev.corebank.ledger.LedgerEngine;
import java.util.HashMap;
import java.util.List;
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
            return new JournalAudit.ReadModelState(sequence == null ? 0 : sequence, accounts, trail(jdbc));
        });
    }

    /** The audit reactor's checkpoint and the chain hash each of its records names, by journal sequence. */
    private static JournalAudit.AuditTrailState trail(JdbcTemplate jdbc) {
        List<Long> checkpoint = jdbc.queryForList("SELECT journal_sequence FROM reactor_checkpoints WHERE name = ?",
                Long.class, AuditTrail.NAME);
        Map<Long, String> hashes = new HashMap<>();
        jdbc.query("SELECT journal_sequence, entry_hash FROM audit_record WHERE journal_sequence IS NOT NULL",
                (row) -> {
                    hashes.put(row.getLong(1), row.getString(2));
                });
        return new JournalAudit.AuditTrailState(checkpoint.isEmpty() ? 0 : checkpoint.getFirst(), hashes);
    }

    /**
     * The engine's state hash and the journal position it describes, taken at one instant on the engine thread (the
     * engine answers only when everything applied is durable and nothing else is in flight), so the journal can be
     * replayed to exactly that position and compared. One call, however busy the engine is.
     */
    static JournalAudit.LiveState live(LedgerEngine engine) throws InterruptedException {
        LedgerEngine.StateHash hash;
        try {
            hash = engine.stateHashAtPosition().get(STATE_HASH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("the engine did not give its state hash: " + failed, failed);
        }
        return new JournalAudit.LiveState(hash.position(), hash.hashHex());
    }
}
