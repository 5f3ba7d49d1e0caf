package dev.corebank.server.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.corebank.server.bus.RabbitMessages;
import dev.corebank.server.events.CloudEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer mechanism on the machine's RabbitMQ (127.0.0.1:5672, guest/guest), with exchanges and queues named
 * for the test and deleted after it.
 */
class RabbitConsumerTest extends ConsumerTransportContract {
    static final String URI = System.getProperty("corebank.test.rabbitmq-uri", "amqp://guest:guest@127.0.0.1:5672");
    final String names = "test." + UUID.randomUUID().toString().substring(0, 8) + ".";
    final RabbitTransport.Settings settings = new RabbitTransport.Settings(URI, names + "events",
            names + "dead-letters", names, ATTEMPTS, 64);
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI);
        connection = factory.newConnection("corebank-consumer-test");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    @AfterEach
    void deleteEverything() throws IOException, TimeoutException {
        stopLoopQuietly();
        try (Channel cleanup = connection.createChannel()) {
            cleanup.queueDelete(settings.queue(consumer));
            cleanup.queueDelete(settings.deadLetterQueue(consumer));
            cleanup.exchangeDelete(settings.exchange());
            cleanup.exchangeDelete(settings.deadLetterExchange());
        }
        connection.close();
    }

    private void stopLoopQuietly() {
        try {
            stopLoop();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    Transport transport(EventHandler handler) {
        return new RabbitTransport(settings, handler);
    }

    @Override
    ConsumerPipeline start() {
        ConsumerPipeline pipeline = super.start();
        // The queue exists once the consumer declared it; publish only then, or the exchange drops the messages.
        await().atMost(Duration.ofSeconds(10)).until(() -> queueExists(settings.queue(consumer)));
        return pipeline;
    }

    @Override
    void publish(CloudEvent event) {
        send(event.routingKey(), RabbitMessages.properties(event), event.data());
    }

    @Override
    int copiesOfAPosting() {
        return 1;
    }

    @Override
    int streamsMax() {
        return 1;
    }

    @Override
    void publishWithoutHeaders(byte[] body) {
        send("transfer.posted.usd", new AMQP.BasicProperties.Builder().deliveryMode(2).build(), body);
    }

    private void send(String routingKey, AMQP.BasicProperties properties, byte[] body) {
        try {
            channel.basicPublish(settings.exchange(), routingKey, properties, body);
            channel.waitForConfirmsOrDie(5_000);
        } catch (IOException | TimeoutException | InterruptedException failed) {
            throw new AssertionError("RabbitMQ did not take the test message", failed);
        }
    }

    @Override
    List<String> brokerDeadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        try (Channel reader = connection.createChannel()) {
            for (GetResponse response; (response = reader.basicGet(settings.deadLetterQueue(consumer), false))
                    != null; ) {
                Object reason = response.getProps().getHeaders().get(RabbitTransport.HEADER_REASON);
                reasons.add(String.valueOf(reason));
            }
            // Closing the channel returns them unacknowledged, for the next look.
        } catch (IOException | TimeoutException failed) {
            throw new AssertionError("cannot read the dead-letter queue", failed);
        }
        return reasons;
    }

    private boolean queueExists(String queue) {
        try (Channel probe = connection.createChannel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException | TimeoutException | RuntimeException absent) {
            return false;
        }
    }

    @Test
    void theBrokerDeadLettersAMessageDeliveredTheLimitTimesWithoutAnAcknowledgement() throws Exception {
        // A consumer that dies on a message never acknowledges it: the quorum queue's delivery limit and its
        // at-least-once dead lettering take it to the dead-letter queue, with reason delivery_limit in x-death.
        RabbitTransport.declare(channel, settings, new RecordingHandler(consumer));
        CloudEvent event = TestEvents.posted(1, DEBIT, CREDIT, 100);
        publish(event);
        java.util.concurrent.atomic.AtomicInteger deliveries = new java.util.concurrent.atomic.AtomicInteger();
        Channel dying = connection.createChannel();
        dying.basicConsume(settings.queue(consumer), false, new com.rabbitmq.client.DefaultConsumer(dying) {
            @Override
            public void handleDelivery(String tag, com.rabbitmq.client.Envelope envelope,
                                       AMQP.BasicProperties properties, byte[] body) throws IOException {
                deliveries.incrementAndGet();
                dying.basicReject(envelope.getDeliveryTag(), true);
            }
        });
        GetResponse dead = await().atMost(Duration.ofSeconds(10))
                .until(() -> channel.basicGet(settings.deadLetterQueue(consumer), true), got -> got != null);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(event.dataText());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deaths = (List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death");
        assertThat(deaths).isNotEmpty();
        assertThat(String.valueOf(deaths.get(0).get("reason"))).isEqualTo("delivery_limit");
        assertThat(deliveries.get()).isEqualTo(ATTEMPTS + 1);
        dying.close();
    }

    @Test
    void theConsumerQueueIsAQuorumQueueWithTheLimitsItIsDocumentedWith() throws Exception {
        RabbitTransport.declare(channel, settings, new RecordingHandler(consumer));
        // Declaring it again with other arguments is refused by the broker, which proves the arguments it holds.
        Map<String, Object> other = new java.util.HashMap<>(Map.of("x-queue-type", "quorum",
                "x-delivery-limit", ATTEMPTS + 1, "x-dead-letter-exchange", settings.deadLetterExchange(),
                "x-dead-letter-routing-key", consumer, "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish", "x-single-active-consumer", true));
        Channel refused = connection.createChannel();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.queueDeclare(settings.queue(consumer),
                true, false, false, other)).isInstanceOf(IOException.class);
        assertThat(refused.isOpen()).isFalse();
        other.put("x-delivery-limit", ATTEMPTS);
        try (Channel probe = connection.createChannel()) {
            assertThat(probe.queueDeclare(settings.queue(consumer), true, false, false, other).getQueue())
                    .isEqualTo(settings.queue(consumer));
        }
        assertThat(Set.of(settings.queue(consumer), settings.deadLetterQueue(consumer))).hasSize(2);
    }
}
