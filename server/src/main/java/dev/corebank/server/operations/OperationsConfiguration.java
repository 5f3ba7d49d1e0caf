package dev.corebank.server.operations;

import dev.corebank.server.commands.Commands;
import dev.corebank.server.ledger.LedgerProperties;
import dev.corebank.server.webhooks.OwnedFacts;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Durable asynchronous operations: transfer imports, their worker and their status resource. */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {
    @Bean
    OperationStore operationStore(JdbcTemplate jdbc) {
        return new OperationStore(jdbc);
    }

    @Bean
    ImportWorker importWorker(OperationStore store, ImportProperties properties, LedgerProperties ledger,
                              JsonMapper json, Commands commands, OwnedFacts ownedFacts) {
        return new ImportWorker(store, properties, directory(ledger), json, commands, ownedFacts, Clock.systemUTC());
    }

    @Bean
    ImportUploads importUploads(OperationStore store, ImportProperties properties, LedgerProperties ledger,
                                JsonMapper json, ImportWorker worker) {
        return new ImportUploads(store, properties, directory(ledger), json, worker::wake, Clock.systemUTC());
    }

    /** Where uploaded files and result files live: {@code imports/} in the data directory. */
    private static Path directory(LedgerProperties ledger) {
        return ledger.dataDirectory().resolve("imports");
    }
}
