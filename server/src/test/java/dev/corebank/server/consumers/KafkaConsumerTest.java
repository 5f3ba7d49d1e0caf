package dev.corebank.server.consumers;

import dev.corebank.server.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The consumer mechanism on a real single-node KRaft Kafka in the test's process, a topic of three partitions per
 * test; records are keyed by the debit account, so one account's events share a partition.
 */
class KafkaConsumerTest extends ConsumerTransportContract {
    static final int PARTITIONS = 3;
    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<byte[], byte[]> producer;
    final String topic = "test.events." + UUID.randomUUID().toString().substring(0, 8);
    final KafkaTransport.Settings settings;

    KafkaConsumerTest() {
        broker.addTopics(new org.apache.kafka.clients.admin.NewTopic(topic, PARTITIONS, (short) 1));
        settings = new KafkaTransport.Settings(broker.getBrokersAsString(), topic, "test-");
    }

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        // A record's timestamp is its event's time, and the test events are dated months back: keep them all.
        broker.brokerProperty("log.retention.ms", "-1");
        broker.afterPropertiesSet();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close(Duration.ofSeconds(5));
        broker.destroy();
    }

    @AfterEach
    void deleteTopics() throws InterruptedException {
        stopLoop();
        broker.doWithAdmin(admin -> admin.deleteTopics(List.of(topic, settings.deadLetterTopic(consumer))));
    }

    @Override
    Transport transport(EventHandler handler) {
        return new KafkaTransport(settings, handler.name(), 64);
    }

    @Override
    void publish(CloudEvent event) {
        // As the publisher writes it: one record per account the event touches, keyed by the account.
        TestEvents.kafkaRecords(topic, PARTITIONS, event).forEach(KafkaConsumerTest::send);
    }

    @Override
    int copiesOfAPosting() {
        return 2;
    }

    @Override
    int streamsMax() {
        return PARTITIONS;
    }

    @Override
    void publishWithoutHeaders(byte[] body) {
        send(new ProducerRecord<>(topic, null, DEBIT.toString().getBytes(StandardCharsets.UTF_8), body));
    }

    private static void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException failed) {
            throw new AssertionError("Kafka did not take the test record", failed);
        }
    }

    @Override
    List<String> brokerDeadLetterReasons() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            reader.subscribe(List.of(settings.deadLetterTopic(consumer)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && reasons.size() < 3) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    Header reason = record.headers().lastHeader(KafkaTransport.HEADER_REASON);
                    Header origin = record.headers().lastHeader(KafkaTransport.HEADER_ORIGIN);
                    if (origin == null || !new String(origin.value(), StandardCharsets.UTF_8).startsWith(topic)
                            || record.headers().lastHeader(EventWire.KAFKA_COPY) == null) {
                        throw new AssertionError("a dead letter without its origin " + record);
                    }
                    reasons.add(new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
