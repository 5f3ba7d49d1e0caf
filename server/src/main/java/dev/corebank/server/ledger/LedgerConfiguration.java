package dev.corebank.server.ledger;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the ledger engine (recovering from the data directory) and closes it cleanly on shutdown. */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {
    @Bean(destroyMethod = "close")
    LedgerEngine ledgerEngine(LedgerProperties properties, ObjectProvider<LedgerMetrics> metrics) {
        return LedgerEngine.open(properties.toConfig(), metrics.getIfAvailable(() -> LedgerMetrics.NONE));
    }
}
