package dev.corebank.server.webhooks;

import dev.corebank.server.commands.Commands;
import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.TableReactor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks: the reactor that queues a delivery for every event a subscription wants, the dispatcher that sends them,
 * and the API that manages subscriptions.
 */
@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {
    @Bean
    WebhookStore webhookStore(JdbcTemplate jdbc) {
        return new WebhookStore(jdbc);
    }

    @Bean
    AddressGuard webhookAddressGuard(WebhookProperties properties) {
        return new AddressGuard(properties.allowedHosts());
    }

    @Bean
    OwnedFacts ownedFacts(JsonMapper json) {
        return new OwnedFacts(json);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(WebhookStore store, AddressGuard guard, WebhookProperties properties,
                                        PlatformTransactionManager transactions, Commands commands,
                                        OwnedFacts ownedFacts, MeterRegistry registry) {
        return new WebhookDispatcher(store, new WebhookSender(properties, guard), properties,
                new TransactionTemplate(transactions), commands, ownedFacts, Clock.systemUTC(), registry);
    }

    @Bean
    TableReactor webhooksReactor(WebhookStore store, CloudEvents cloudEvents, OwnedFacts ownedFacts,
                                 WebhookDispatcher dispatcher, JdbcTemplate jdbc,
                                 PlatformTransactionManager transactions, ReactorProperties reactors) {
        return new TableReactor(WebhookDeliveries.NAME, new WebhookDeliveries(store, cloudEvents, ownedFacts,
                dispatcher::wake, Clock.systemUTC()), jdbc, transactions, reactors, false);
    }

    @Bean
    WebhookService webhookService(WebhookStore store, AddressGuard guard, WebhookProperties properties,
                                  Commands commands, WebhookDispatcher dispatcher) {
        return new WebhookService(store, guard, properties, commands, dispatcher::wake, Clock.systemUTC());
    }
}
