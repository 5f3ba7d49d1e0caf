package dev.corebank.server.consumers;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.corebank.server.consumers.aml.AmlMonitor;
import dev.corebank.server.consumers.notifications.CustomerNotifications;
import dev.corebank.server.events.CloudEvents;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The bank services on the machine's RabbitMQ, with an exchange and queues named for the test and deleted after. */
class BankServicesOnRabbitMqTest extends BankServicesContract {
    static final String URI = RabbitConsumerTest.URI;
    static final String NAMES = "test." + UUID.randomUUID().toString().substring(0, 8) + ".";
    static final Path DATA = temporaryDirectory();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
        registry.add("corebank.rabbitmq.uri", () -> URI);
        registry.add("corebank.consumers.transport", () -> "rabbitmq");
        registry.add("corebank.consumers.rabbitmq.exchange", () -> NAMES + "events");
        registry.add("corebank.consumers.rabbitmq.dead-letter-exchange", () -> NAMES + "dead-letters");
        registry.add("corebank.consumers.rabbitmq.queue-prefix", () -> NAMES);
    }

    @TestConfiguration
    static class Feed {
        @Bean
        TestBusFeed testBusFeed(CloudEvents cloudEvents) {
            return new TestBusFeed(cloudEvents, TestBusFeed.rabbitmq(URI, NAMES + "events"));
        }
    }

    @Override
    boolean consumersReady() throws Exception {
        // A message published before the consumer's queue is bound would be dropped by the exchange.
        return queueExists(NAMES + AmlMonitor.NAME) && queueExists(NAMES + CustomerNotifications.NAME);
    }

    @Override
    int copiesOfAPosting() {
        return 1;
    }

    @AfterAll
    static void deleteBrokerObjects() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            for (String consumer : List.of(AmlMonitor.NAME, CustomerNotifications.NAME)) {
                channel.queueDelete(NAMES + consumer);
                channel.queueDelete(NAMES + consumer + ".dead-letters");
            }
            channel.exchangeDelete(NAMES + "events");
            channel.exchangeDelete(NAMES + "dead-letters");
        }
    }

    private static boolean queueExists(String queue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclarePassive(queue);
            return true;
        } catch (java.io.IOException absent) {
            return false;
        }
    }
}
