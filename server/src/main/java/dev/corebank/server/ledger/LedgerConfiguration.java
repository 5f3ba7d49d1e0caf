package dev.corebank.server.ledger;

import dev.corebank.ledger.LedgerEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the ledger engine (recovering from the data directory) and closes it cleanly on shutdown. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {
    @Bean(destroyMethod = "close")
    LedgerEngine ledgerEngine(LedgerProperties properties) {
        return LedgerEngine.open(properties.toConfig());
    }
}
