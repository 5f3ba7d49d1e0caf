package dev.corebank.server.history;

import dev.corebank.server.projection.ProjectionPosition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the history endpoints to the read model and to the projection position. */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {
    @Bean
    HistoryRepository historyRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        return new HistoryRepository(jdbc, transactionManager);
    }

    @Bean
    ReadYourWrites readYourWrites(ProjectionPosition position, HistoryProperties properties) {
        return new ReadYourWrites(position, properties);
    }
}
