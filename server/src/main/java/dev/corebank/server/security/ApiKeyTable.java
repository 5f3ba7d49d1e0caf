package dev.corebank.server.security;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.server.reactor.AtomicCheckpoint;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.FailurePolicy;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code api_keys} table as a reactor: applies every journaled key creation and revocation, with its checkpoint in
 * the same transaction. The admin API applies a change right after journaling it too, so a new key works at once;
 * applying it again here changes nothing. After the read model is lost, this rebuilds every key, and readiness waits
 * for it, so a node never serves while it still forgets keys.
 */
final class ApiKeyTable implements Reactor {
    static final String NAME = "api-keys";

    private final JdbcClient jdbc;
    private final AtomicCheckpoint checkpoint;

    ApiKeyTable(JdbcClient jdbc, AtomicCheckpoint checkpoint) {
        this.jdbc = jdbc;
        this.checkpoint = checkpoint;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.ATOMIC;
    }

    @Override
    public FailurePolicy failurePolicy() {
        return FailurePolicy.STOP;
    }

    @Override
    public boolean requiredForReadiness() {
        return true;
    }

    @Override
    public ReactorCheckpoint storedCheckpoint() {
        return checkpoint.stored();
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        return checkpoint.apply(from, run, entries -> {
            for (JournalEntry entry : entries) {
                for (LedgerEvent event : entry.events()) {
                    if (event instanceof LedgerEvent.FactRecorded recorded) {
                        ApiKeyFacts.asCreated(recorded.fact()).ifPresent(created -> ApiKeys.applyCreated(jdbc,
                                created));
                        ApiKeyFacts.asRevoked(recorded.fact()).ifPresent(revoked -> ApiKeys.applyRevoked(jdbc,
                                revoked));
                    }
                }
            }
        });
    }
}
