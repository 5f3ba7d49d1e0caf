package dev.corebank.server.bus;

import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.reactor.ReactorRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event bus publishers, each a reactor, each on only when its broker is configured: the embedded default runs
 * with neither. The {@code eventBus} health indicator is always there (readiness includes it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaBusProperties.class, RabbitBusProperties.class})
class BusConfiguration {

    @Bean
    BusMeters busMeters(MeterRegistry registry) {
        return new BusMeters(registry, Clock.systemUTC());
    }

    @Bean
    PublishReceipts publishReceipts(JdbcTemplate jdbc) {
        return new PublishReceipts(jdbc, Clock.systemUTC(), PublishReceipts.RETAINED_ENTRIES_DEFAULT);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${corebank.kafka.bootstrap-servers:}'.isBlank()")
    KafkaPublisher kafkaPublisher(KafkaBusProperties properties, CloudEvents cloudEvents, BusMeters meters,
                                  PublishReceipts receipts) {
        return new KafkaPublisher(properties, cloudEvents, meters, receipts);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${corebank.rabbitmq.uri:}'.isBlank()")
    RabbitPublisher rabbitPublisher(RabbitBusProperties properties, CloudEvents cloudEvents, BusMeters meters,
                                    PublishReceipts receipts) {
        return new RabbitPublisher(properties, cloudEvents, meters, receipts);
    }

    @Bean
    @ConditionalOnExpression("!'${corebank.kafka.bootstrap-servers:}'.isBlank()")
    KafkaWitness kafkaWitness(KafkaBusProperties properties, CloudEvents cloudEvents) {
        return new KafkaWitness(properties, cloudEvents);
    }

    @Bean
    @ConditionalOnExpression("!'${corebank.rabbitmq.uri:}'.isBlank()")
    RabbitWitness rabbitWitness(RabbitBusProperties properties, CloudEvents cloudEvents, PublishReceipts receipts) {
        return new RabbitWitness(properties, cloudEvents, receipts);
    }

    @Bean
    HealthIndicator eventBusHealthIndicator(ReactorRuntime runtime) {
        return BusHealth.of(runtime);
    }
}
