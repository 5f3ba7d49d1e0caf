package dev.corebank.server.consumers;

import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.roles.ServerRoles;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the consumer library: the dead letters, the consumers of the roles that are on, and their meters. */
@Configuration(proxyBeanMethods = false)
class ConsumersConfiguration {
    @Bean
    DeadLetterStore deadLetterStore(JdbcTemplate jdbc) {
        return new DeadLetterStore(jdbc);
    }

    @Bean
    Consumers consumers(ObjectProvider<EventHandler> handlers, ServerRoles roles, ConsumersProperties properties,
                        @Value("${corebank.kafka.bootstrap-servers:}") String kafkaBootstrapServers,
                        @Value("${corebank.rabbitmq.uri:}") String rabbitmqUri, CloudEvents cloudEvents,
                        DeadLetterStore deadLetters, JdbcTemplate jdbc) {
        return new Consumers(handlers.orderedStream().toList(), roles, properties,
                new Consumers.Brokers(kafkaBootstrapServers, rabbitmqUri), new EventWire(cloudEvents.source()),
                deadLetters, jdbc, Clock.systemUTC());
    }

    @Bean
    MeterBinder consumerMeters(Consumers consumers) {
        return new ConsumerMeters(consumers);
    }
}
