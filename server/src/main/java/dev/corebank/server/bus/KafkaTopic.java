package dev.corebank.server.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The publisher's view of its topic on the broker: it creates the topic when missing, and reads the last record of
 * every partition, which is what the broker already holds. That, not a local checkpoint, is where a publisher resumes
 * after a crash: records of a partition are written in journal order, so a copy at or before the partition's last
 * record is there already.
 */
final class KafkaTopic {
    /** The last record of each partition, and the partition count. Partitions holding nothing are absent. */
    record Ends(int partitions, Map<Integer, LastRecord> last) {
        PublishedPosition of(int partition) {
            LastRecord record = last.get(partition);
            return record == null ? PublishedPosition.NONE : record.position();
        }
    }

    record LastRecord(PublishedPosition position, String entryHash, long offset) {
    }

    private final KafkaBusProperties properties;

    KafkaTopic(KafkaBusProperties properties) {
        this.properties = properties;
    }

    /** Creates the topic with the configured partitions, replication and retention, unless it exists. */
    void ensureExists() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, properties.requestTimeoutMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, properties.requestTimeoutMillis());
        try (Admin admin = Admin.create(config)) {
            NewTopic topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(TimeUnit.HOURS.toMillis(properties.retentionHours()))));
            admin.createTopics(List.of(topic)).all().get(properties.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (!(failed.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the topic topic=" + properties.topic() + " cause="
                        + failed.getCause(), failed.getCause());
            }
        } catch (TimeoutException late) {
            throw new IllegalStateException("the broker did not answer in time while creating the topic topic="
                    + properties.topic() + " timeoutMillis=" + properties.requestTimeoutMillis(), late);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topic topic=" + properties.topic());
        }
    }

    /** Reads the last record of every partition. Throws when the broker does not answer within the timeouts. */
    Ends readEnds() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Duration timeout = Duration.ofMillis(properties.requestTimeoutMillis());
            List<PartitionInfo> infos = consumer.partitionsFor(properties.topic(), timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("the topic has no partitions topic=" + properties.topic());
            }
            List<TopicPartition> partitions = new ArrayList<>(infos.size());
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> beginningOffsets = consumer.beginningOffsets(partitions, timeout);
            List<TopicPartition> holding = partitions.stream()
                    .filter(partition -> endOffsets.get(partition) > beginningOffsets.get(partition)).toList();
            Map<Integer, LastRecord> last = new HashMap<>();
            consumer.assign(holding);
            holding.forEach(partition -> consumer.seek(partition, endOffsets.get(partition) - 1));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(properties.deliveryTimeoutMillis());
            while (last.size() < holding.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the last record of every partition in time"
                            + " topic=" + properties.topic() + " read=" + last.size() + " of=" + holding.size());
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                    long end = endOffsets.get(new TopicPartition(record.topic(), record.partition()));
                    if (record.offset() == end - 1) {
                        last.put(record.partition(), new LastRecord(KafkaRecords.positionOf(record),
                                KafkaRecords.entryHashOf(record), record.offset()));
                    }
                }
            }
            return new Ends(partitions.size(), Map.copyOf(last));
        }
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, properties.requestTimeoutMillis());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, properties.requestTimeoutMillis());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "corebank-publisher-ends");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
