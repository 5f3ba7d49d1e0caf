package dev.corebank.server.security;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.server.commands.FactKinds;
import dev.corebank.server.reactor.TableReactor;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code api_keys} table's rows, for the {@code api-keys} reactor (a {@link TableReactor}): every journaled key
 * creation and revocation, applied with the reactor's checkpoint in the same transaction. The admin API applies a change right after journaling it too, so a new key works at once;
 * applying it again here changes nothing. After the read model is lost, this rebuilds every key, and readiness waits
 * for it, so a node never serves while it still forgets keys.
 */
final class ApiKeyTable implements TableReactor.Rows {
    static final String NAME = "api-keys";

    private final JdbcClient jdbc;

    ApiKeyTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Only the key facts give rows: a transfer's entry is skipped without a transaction. */
    @Override
    public boolean concerns(JournalEntry entry) {
        for (LedgerEvent event : entry.events()) {
            if (event instanceof LedgerEvent.FactRecorded recorded
                    && (recorded.fact().kind() == FactKinds.API_KEY_CREATED
                    || recorded.fact().kind() == FactKinds.API_KEY_REVOKED)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void apply(List<JournalEntry> run) {
        for (JournalEntry entry : run) {
            for (LedgerEvent event : entry.events()) {
                if (event instanceof LedgerEvent.FactRecorded recorded) {
                    ApiKeyFacts.asCreated(recorded.fact()).ifPresent(created -> ApiKeys.applyCreated(jdbc, created));
                    ApiKeyFacts.asRevoked(recorded.fact()).ifPresent(revoked -> ApiKeys.applyRevoked(jdbc, revoked));
                }
            }
        }
    }
}
