package dev.corebank.server.accounts;

import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.TableReactor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The profile read model's reactor. */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {
    @Bean
    TableReactor profileTable(JdbcTemplate jdbc, ProfileCipher cipher, PlatformTransactionManager transactions,
                              ReactorProperties reactors) {
        return new TableReactor(ProfileTable.NAME, new ProfileTable(jdbc, cipher), jdbc, transactions, reactors,
                false);
    }
}
