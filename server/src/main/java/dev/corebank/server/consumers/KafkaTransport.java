package dev.corebank.server.consumers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A consumer's Kafka side: consumer group {@code <group prefix><consumer>} on the events topic, offsets committed by
 * hand after each batch (never automatically), reading from the earliest offset on a first start. What the consumer
 * gives up goes to its dead-letter topic {@code <topic>.<consumer>.dlt} with the original key, headers and value and
 * the cause in headers:
 *
 * <pre>
 * corebank_dlt_reason      malformed | foreign | handler-failed | delivery-limit
 * corebank_dlt_cause       what failed
 * corebank_dlt_attempts    how often the handler was called
 * corebank_dlt_consumer    the consumer's name
 * corebank_dlt_origin      topic/partition/offset of the original record
 * </pre>
 *
 * The dead-letter producer is idempotent with {@code acks=all}, and the send is awaited before the offset moves on.
 */
final class KafkaTransport implements Transport {
    static final String HEADER_REASON = "corebank_dlt_reason";
    static final String HEADER_CAUSE = "corebank_dlt_cause";
    static final String HEADER_ATTEMPTS = "corebank_dlt_attempts";
    static final String HEADER_CONSUMER = "corebank_dlt_consumer";
    static final String HEADER_ORIGIN = "corebank_dlt_origin";
    private static final Duration SEND_WAIT = Duration.ofSeconds(30);

    /** Names and limits; see {@link ConsumersProperties.Kafka}. */
    record Settings(String bootstrapServers, String topic, String groupPrefix) {
        String deadLetterTopic(String consumer) {
            return topic + "." + consumer + ".dlt";
        }
    }

    private final Settings settings;
    private final String consumerName;
    private final int batchMax;
    private final Map<String, TopicPartition> partitions = new HashMap<>();
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;

    KafkaTransport(Settings settings, String consumerName, int batchMax) {
        this.settings = settings;
        this.consumerName = consumerName;
        this.batchMax = batchMax;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void connect() {
        createDeadLetterTopic();
        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupPrefix() + consumerName);
        consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "corebank-" + consumerName);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchMax);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(settings.topic()));
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        producerProperties.put(ProducerConfig.CLIENT_ID_CONFIG, "corebank-" + consumerName + "-dlt");
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void createDeadLetterTopic() {
        Properties adminProperties = new Properties();
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(adminProperties)) {
            admin.createTopics(List.of(new NewTopic(settings.deadLetterTopic(consumerName), java.util.Optional.of(1),
                            java.util.Optional.empty())))
                    .all().get(SEND_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (!(failed.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the dead-letter topic topic="
                        + settings.deadLetterTopic(consumerName) + ": " + failed.getCause().getMessage(), failed);
            }
        } catch (java.util.concurrent.TimeoutException timedOut) {
            throw new IllegalStateException("Kafka did not answer in time bootstrap=" + settings.bootstrapServers(),
                    timedOut);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the dead-letter topic", interrupted);
        }
    }

    @Override
    public List<Delivery> poll(int max, Duration wait) {
        List<Delivery> batch = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
                String stream = record.topic() + "-" + record.partition();
                partitions.putIfAbsent(stream, new TopicPartition(record.topic(), record.partition()));
                batch.add(new Delivery(stream, EventWire.fromKafka(record.headers()),
                        text(record, EventWire.KAFKA_CONTENT_TYPE), record.value(), copy(record),
                        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), 0,
                        record.offset(), record.topic() + "/" + record.partition() + "/" + record.offset()));
            }
        } catch (WakeupException woken) {
            return batch;
        }
        return batch;
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
        var found = record.headers().lastHeader(header);
        return found == null || found.value() == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }

    /** The copy header; a record without a usable one is taken as copy 0 and judged by its CloudEvent. */
    private static int copy(ConsumerRecord<byte[], byte[]> record) {
        String copy = text(record, EventWire.KAFKA_COPY);
        if (copy == null || !copy.matches("[0-9]{1,2}") || Integer.parseInt(copy) >= EventWire.COPIES_MAX) {
            return 0;
        }
        return Integer.parseInt(copy);
    }

    @Override
    public void deadLetter(Delivery delivery, DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        delivery.attributes().forEach((name, value) -> headers.add(EventWire.KAFKA_PREFIX + name,
                value.getBytes(StandardCharsets.UTF_8)));
        if (delivery.contentType() != null) {
            headers.add(EventWire.KAFKA_CONTENT_TYPE, delivery.contentType().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(EventWire.KAFKA_COPY, Integer.toString(delivery.copy()).getBytes(StandardCharsets.US_ASCII));
        headers.add(HEADER_REASON, letter.reason().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_CAUSE, letter.cause().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_ATTEMPTS, Integer.toString(letter.attempts()).getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_CONSUMER, letter.consumer().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_ORIGIN, delivery.origin().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>(settings.deadLetterTopic(consumerName), null,
                    delivery.key() == null ? null : delivery.key().getBytes(StandardCharsets.UTF_8), delivery.body(),
                    headers))
                    .get(SEND_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException failure) {
            throw new IllegalStateException("Kafka did not acknowledge a dead letter topic="
                    + settings.deadLetterTopic(consumerName) + ": " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a dead letter", interrupted);
        }
    }

    @Override
    public void acknowledge(List<Delivery> handled) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Delivery delivery : handled) {
            offsets.merge(partitions.get(delivery.stream()), new OffsetAndMetadata(delivery.receipt() + 1),
                    (kept, next) -> next.offset() > kept.offset() ? next : kept);
        }
        consumer.commitSync(offsets);
    }

    @Override
    public OptionalLong lagMessages() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong behind = consumer.currentLag(partition);
            if (behind.isEmpty()) {
                return OptionalLong.empty();
            }
            lag += behind.getAsLong();
        }
        return OptionalLong.of(lag);
    }

    @Override
    public void wakeup() {
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException ignored) {
                // Closing after a failure may fail again; the group rebalances either way.
            }
            consumer = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        partitions.clear();
    }
}
