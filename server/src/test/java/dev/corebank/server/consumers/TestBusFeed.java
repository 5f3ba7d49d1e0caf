package dev.corebank.server.consumers;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.server.bus.RabbitMessages;
import dev.corebank.server.commands.FactKinds;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A stand-in for the event bus publishers in tests of the services: a reactor that puts every journal event on a
 * broker in the documented wire form ({@link Wire}), and keeps what the test wants to look at: the events by id, and
 * the journal's entries and AML alerts.
 */
final class TestBusFeed implements Reactor {
    /** How events reach one broker. */
    interface Wire {
        void publish(CloudEvent event) throws Exception;

        /** Returns once every event published so far is acknowledged by the broker. */
        void flush() throws Exception;

        /** A message with no CloudEvents headers, for the transfer.posted stream. */
        void publishRaw(byte[] body) throws Exception;

        void close() throws Exception;
    }

    /** RabbitMQ: persistent messages with the CloudEvents AMQP headers, routing key by type and ledger, confirmed. */
    static Wire rabbitmq(String uri, String exchange) {
        return new Wire() {
            private Channel channel;

            @Override
            public void publish(CloudEvent event) throws Exception {
                channel().basicPublish(exchange, event.routingKey(), RabbitMessages.properties(event), event.data());
            }

            @Override
            public void flush() throws Exception {
                channel().waitForConfirmsOrDie(10_000);
            }

            @Override
            public void publishRaw(byte[] body) throws Exception {
                channel().basicPublish(exchange, "transfer.posted.usd", new AMQP.BasicProperties.Builder()
                        .deliveryMode(2).build(), body);
            }

            @Override
            public void close() throws Exception {
                if (channel != null) {
                    channel.getConnection().close();
                }
            }

            private Channel channel() throws Exception {
                if (channel == null || !channel.isOpen()) {
                    ConnectionFactory factory = new ConnectionFactory();
                    factory.setUri(uri);
                    Connection connection = factory.newConnection("corebank-test-feed");
                    channel = connection.createChannel();
                    channel.exchangeDeclare(exchange, "topic", true);
                    channel.confirmSelect();
                }
                return channel;
            }
        };
    }

    /** Kafka: one record per account the event touches, keyed by it, with the copy headers, as the publisher does. */
    static Wire kafka(String bootstrapServers, String topic, int partitions) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer());
        return new Wire() {
            @Override
            public void publish(CloudEvent event) {
                TestEvents.kafkaRecords(topic, partitions, event).forEach(producer::send);
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public void publishRaw(byte[] body) {
                producer.send(new ProducerRecord<>(topic, "raw".getBytes(StandardCharsets.UTF_8), body));
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }

    final Map<String, CloudEvent> published = new ConcurrentHashMap<>();
    final List<JournalEntry> entries = new CopyOnWriteArrayList<>();
    private final CloudEvents cloudEvents;
    private final Wire wire;

    TestBusFeed(CloudEvents cloudEvents, Wire wire) {
        this.cloudEvents = cloudEvents;
        this.wire = wire;
    }

    @Override
    public String name() {
        return "test-bus-feed";
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.AFTER_EFFECT;
    }

    @Override
    public synchronized ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        try {
            for (JournalEntry entry : run) {
                entries.add(entry);
                for (CloudEvent event : cloudEvents.of(entry)) {
                    published.put(event.id(), event);
                    wire.publish(event);
                }
            }
            wire.flush();
        } catch (Exception failed) {
            throw new IllegalStateException("the test feed could not publish", failed);
        }
        return ReactorCheckpoint.of(run.getLast());
    }

    /** Publishes the same event again, as a redelivery would bring it. */
    synchronized void republish(String eventId) throws Exception {
        wire.publish(published.get(eventId));
        wire.flush();
    }

    synchronized void publishRaw(byte[] body) throws Exception {
        wire.publishRaw(body);
        wire.flush();
    }

    /** The AML alerts journaled so far. */
    List<LedgerEvent.FactRecorded> alerts() {
        return entries.stream().flatMap(entry -> entry.events().stream())
                .filter(event -> event instanceof LedgerEvent.FactRecorded fact
                        && fact.fact().kind() == FactKinds.AML_ALERT_RAISED)
                .map(LedgerEvent.FactRecorded.class::cast).toList();
    }

    void close() throws Exception {
        wire.close();
    }
}
