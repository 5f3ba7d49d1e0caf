package dev.corebank.server.consumers;

import dev.corebank.server.bus.KafkaRecords;
import dev.corebank.server.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** CloudEvents for consumer tests, built the way {@code CloudEvents} builds them from the journal. */
final class TestEvents {
    static final String SOURCE = "/corebank-test";
    static final long TIME_NANOS = 1_780_000_000_000_000_000L;

    private TestEvents() {
    }

    /** A {@code transfer.posted} of {@code amount} cents (USD) at journal sequence {@code sequence}, index 0. */
    static CloudEvent posted(long sequence, UUID debit, UUID credit, long amount) {
        return posted(sequence, debit, credit, amount, TIME_NANOS + sequence * 1_000_000_000L);
    }

    static CloudEvent posted(long sequence, UUID debit, UUID credit, long amount, long timeNanos) {
        UUID transfer = new UUID(0x7E57, sequence);
        String data = """
                {"transferId":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":%d,"ledger":"USD",\
                "ledgerNumber":840,"code":1,"flags":[],"pendingId":null,"timeoutSeconds":0,"reference":"ref-%d",\
                "timestamp":"2026-06-01T00:00:00Z"}""".formatted(transfer, debit, credit, amount, sequence);
        return new CloudEvent(CloudEvent.idOf(sequence, 0), SOURCE, "dev.corebank.transfer.posted.v1",
                transfer.toString(), timeNanos, sequence, 0, "%064x".formatted(sequence), null,
                List.of(debit.toString(), credit.toString()), "usd", data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every Kafka record of the event, built by the publisher's encoder: one copy per account it touches, keyed and
     * partitioned as the publisher does on a topic of {@code partitions} partitions.
     */
    static List<ProducerRecord<byte[], byte[]>> kafkaRecords(String topic, int partitions, CloudEvent event) {
        List<String> keys = KafkaRecords.keys(event);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(keys.size());
        for (int copy = 0; copy < keys.size(); copy++) {
            records.add(KafkaRecords.record(topic, KafkaRecords.partitionOf(keys.get(copy), partitions), event, copy));
        }
        return records;
    }

    /** A posting from another producer, keyed by one account only. */
    static CloudEvent foreign(long sequence) {
        CloudEvent event = posted(sequence, UUID.randomUUID(), UUID.randomUUID(), 1);
        return new CloudEvent(event.id(), "/another-bank", event.type(), event.subject(), event.timeEpochNanos(),
                event.sequence(), event.index(), event.entryHash(), null, event.orderingKeys().subList(0, 1),
                event.ledger(), event.data());
    }
}
