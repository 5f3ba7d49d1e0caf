package dev.corebank.server.bus;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.witness.ReactorRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka publisher's record of an entry, for the witness, read from the broker itself rather than kept: for each
 * copy of each event, its topic, partition, key and offset. A record's timestamp is its event's engine time, so the
 * broker's time index finds the first offset at that time, and at most {@link #SCAN_RECORDS_MAX} records from there
 * are read to find the copy. An operator's replay writes a copy again; the first (the original) is shown.
 */
final class KafkaWitness implements ReactorRecords {
    static final int SCAN_RECORDS_MAX = 500;
    /** Events of one entry looked up at the most; the witness shows the rest as not looked up. */
    static final int EVENTS_MAX = 20;

    private final KafkaBusProperties properties;
    private final CloudEvents cloudEvents;
    private final KafkaTopic topic;

    KafkaWitness(KafkaBusProperties properties, CloudEvents cloudEvents) {
        this.properties = properties;
        this.cloudEvents = cloudEvents;
        this.topic = new KafkaTopic(properties);
    }

    @Override
    public String reactor() {
        return KafkaPublisher.NAME;
    }

    @Override
    public Object recordOf(JournalEntry entry) {
        List<Map<String, Object>> copies = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = topic.consumer()) {
            Duration timeout = Duration.ofMillis(properties.requestTimeoutMillis());
            int partitions = consumer.partitionsFor(properties.topic(), timeout).size();
            List<CloudEvent> events = cloudEvents.of(entry);
            for (CloudEvent event : events.subList(0, Math.min(EVENTS_MAX, events.size()))) {
                List<String> keys = KafkaRecords.keys(event);
                for (int copy = 0; copy < keys.size(); copy++) {
                    int partition = KafkaRecords.partitionOf(keys.get(copy), partitions);
                    Map<String, Object> shown = new LinkedHashMap<>();
                    shown.put("eventId", event.id());
                    shown.put("topic", properties.topic());
                    shown.put("partition", partition);
                    shown.put("key", keys.get(copy));
                    shown.put("copy", copy);
                    shown.put("offset", offsetOf(consumer, new TopicPartition(properties.topic(), partition), event,
                            copy, timeout));
                    copies.add(shown);
                }
            }
        } catch (RuntimeException unreachable) {
            return Map.of("topic", properties.topic(), "error", unreachable.toString());
        }
        return Map.of("records", copies);
    }

    /** The offset of the copy, or null when it is not (yet) on the broker. */
    private static Long offsetOf(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, CloudEvent event,
                                 int copy, Duration timeout) {
        long millis = event.timeEpochNanos() / 1_000_000;
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, millis), timeout).get(partition);
        if (found == null) {
            return null;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, found.offset());
        int scanned = 0;
        while (scanned < SCAN_RECORDS_MAX) {
            var records = consumer.poll(timeout).records(partition);
            if (records.isEmpty()) {
                return null;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.timestamp() > millis) {
                    return null;
                }
                PublishedPosition position = KafkaRecords.positionOf(record);
                if (position.sequence() == event.sequence() && position.index() == event.index()
                        && position.copy() == copy) {
                    return record.offset();
                }
                scanned++;
            }
        }
        return null;
    }
}
