package dev.corebank.server.consumers;

import dev.corebank.server.events.CloudEvents;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bank services on a single-node KRaft Kafka in the test's process: a posting comes as two records, one keyed by
 * each account, and each service acts on an account from the copy keyed by it.
 */
class BankServicesOnKafkaTest extends BankServicesContract {
    static final Path DATA = temporaryDirectory();
    static final String TOPIC = "test.events." + UUID.randomUUID().toString().substring(0, 8);
    static final int PARTITIONS = 3;
    static final EmbeddedKafkaKraftBroker BROKER = startBroker();

    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        broker.addTopics(new org.apache.kafka.clients.admin.NewTopic(TOPIC, PARTITIONS, (short) 1));
        return broker;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
        registry.add("corebank.kafka.bootstrap-servers", BROKER::getBrokersAsString);
        registry.add("corebank.consumers.transport", () -> "kafka");
        registry.add("corebank.consumers.kafka.topic", () -> TOPIC);
    }

    @TestConfiguration
    static class Feed {
        @Bean
        TestBusFeed testBusFeed(CloudEvents cloudEvents) {
            return new TestBusFeed(cloudEvents, TestBusFeed.kafka(BROKER.getBrokersAsString(), TOPIC, PARTITIONS));
        }
    }

    @Override
    boolean consumersReady() {
        // A consumer group's first start reads from the earliest offset: nothing published before it joins is lost.
        return true;
    }

    @Override
    int copiesOfAPosting() {
        return 2;
    }

    @AfterAll
    static void stopBroker() {
        BROKER.destroy();
    }
}
