package dev.corebank.server.bus;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.reactor.CheckpointMode;
import dev.corebank.server.reactor.Reactor;
import dev.corebank.server.reactor.ReactorCheckpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every journal event to Kafka as a CloudEvent (see {@link KafkaRecords} for the records and their keys): a
 * reactor with an AFTER_EFFECT checkpoint and the STOP policy, so an event is never skipped.
 *
 * <p>The producer is idempotent (acks=all, at most 5 requests in flight), which keeps each partition in the order of
 * the sends and removes the duplicates of its own retries. Kafka transactions are not used. Instead the publisher
 * resumes from what the broker holds: before its first run, and again after any failure, it reads the last record of
 * every partition, and skips each copy at or before its partition's last record. Decision table for one copy:
 * <pre>
 * copy's position vs. its partition's last record | outcome
 * ------------------------------------------------+---------------------------------------------------------------
 * after it                                        | send
 * at or before it, replay not asked for           | skip: the partition holds it already (at the last record the
 *                                                 | entry hash must match, or the topic holds another journal: fail)
 * at or before it, within an operator's replay    | send again: the same id with the same bytes
 * </pre>
 * A run ends when the broker has acknowledged every send; only then does the runtime store the checkpoint. A failed
 * run drops the producer (its state after a timeout is ambiguous) and the next attempt re-reads the partition ends, so
 * a record that was written although its acknowledgement was lost is not written twice.
 */
final class KafkaPublisher implements Reactor {
    static final String NAME = "kafka-publisher";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

    private final KafkaBusProperties properties;
    private final CloudEvents cloudEvents;
    private final KafkaTopic topic;
    private final BusMeters meters;
    private final PublishReceipts receipts;
    private KafkaProducer<byte[], byte[]> producer;
    /** What each partition holds, as of the last read of the ends plus what was acknowledged since. */
    private Map<Integer, PublishedPosition> ends;
    private int partitions;
    /** The partitions' last records as read, by their journal sequence, to prove the topic is this journal's. */
    private Map<Long, KafkaTopic.LastRecord> lastBySequence = Map.of();
    /** Copies at or before this sequence are sent again: an operator asked for a replay. */
    private long republishThrough;
    private long applied;

    KafkaPublisher(KafkaBusProperties properties, CloudEvents cloudEvents, BusMeters meters,
                   PublishReceipts receipts) {
        this.properties = properties;
        this.cloudEvents = cloudEvents;
        this.topic = new KafkaTopic(properties);
        this.meters = meters;
        this.receipts = receipts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.AFTER_EFFECT;
    }

    @Override
    public boolean rewindable() {
        return true;
    }

    @Override
    public boolean requiredForReadiness() {
        return properties.requiredForReadiness();
    }

    @Override
    public void resumed(ReactorCheckpoint at) {
        applied = at.sequence();
    }

    /** A replay: everything after {@code to} up to where the publisher stood is sent again, with the same ids. */
    @Override
    public void rewind(ReactorCheckpoint to) {
        republishThrough = Math.max(republishThrough, applied);
        applied = to.sequence();
        LOG.info("kafka publisher replays topic={} from={} through={}", properties.topic(), to.sequence() + 1,
                republishThrough);
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        long records;
        try {
            connect();
            records = publish(run);
        } catch (RuntimeException failure) {
            disconnect();
            throw failure;
        }
        applied = run.getLast().sequence();
        meters.published(NAME, records);
        meters.acknowledged(NAME, run);
        receipts.record(NAME, run.getFirst().sequence(), run.getLast().sequence(), records);
        return ReactorCheckpoint.of(run.getLast());
    }

    /** Sends the run's copies that the topic does not hold yet and waits for their acknowledgement; returns them. */
    private long publish(List<JournalEntry> run) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback = (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        };
        Map<Integer, PublishedPosition> sent = new HashMap<>();
        long records = 0;
        for (JournalEntry entry : run) {
            checkSameJournal(entry);
            boolean replaying = entry.sequence() <= republishThrough;
            for (CloudEvent event : cloudEvents.of(entry)) {
                List<String> keys = KafkaRecords.keys(event);
                List<Header> headers = null;
                for (int copy = 0; copy < keys.size(); copy++) {
                    int partition = KafkaRecords.partitionOf(keys.get(copy), partitions);
                    PublishedPosition position = new PublishedPosition(event.sequence(), event.index(), copy);
                    if (!replaying && !position.isAfter(ends.getOrDefault(partition, PublishedPosition.NONE))) {
                        continue;
                    }
                    headers = headers == null ? KafkaRecords.eventHeaders(event) : headers;
                    producer.send(KafkaRecords.record(properties.topic(), partition, event, copy, headers), callback);
                    sent.put(partition, position);
                    records++;
                }
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("the broker did not acknowledge a record topic=" + properties.topic()
                    + " cause=" + failure.get(), failure.get());
        }
        ends.putAll(sent);
        if (run.getLast().sequence() >= republishThrough) {
            republishThrough = 0;
        }
        return records;
    }

    /**
     * The last record of a partition, as read, names an entry: the journal's entry at that sequence must have the same
     * hash, else the topic holds another journal's events under the same ids, which must never be mixed.
     */
    private void checkSameJournal(JournalEntry entry) {
        KafkaTopic.LastRecord last = lastBySequence.get(entry.sequence());
        if (last != null && !last.entryHash().equals(entry.hashHex())) {
            throw new IllegalStateException("the topic holds events of another journal under the same ids topic="
                    + properties.topic() + " offset=" + last.offset() + " sequence=" + entry.sequence()
                    + " topicHash=" + last.entryHash() + " journalHash=" + entry.hashHex());
        }
    }

    private void connect() {
        if (producer != null) {
            return;
        }
        topic.ensureExists();
        KafkaTopic.Ends read = topic.readEnds();
        partitions = read.partitions();
        lastBySequence = new HashMap<>();
        read.last().values().forEach(last -> lastBySequence.put(last.position().sequence(), last));
        ends = new HashMap<>();
        read.last().forEach((partition, last) -> ends.put(partition, last.position()));
        long held = ends.values().stream().mapToLong(PublishedPosition::sequence).max().orElse(0);
        if (held < applied) {
            // The checkpoint says the broker acknowledged up to `applied`; it holds less: records were lost or
            // deleted there (a recreated topic, retention, an unclean leader election). Only a replay brings them.
            LOG.error("the topic holds less than the publisher's checkpoint; replay from the first missing entry"
                    + " (POST /v1/admin/events/replay) topic={} topicSequenceMax={} checkpoint={}",
                    properties.topic(), held, applied);
        }
        if (partitions != properties.partitions()) {
            LOG.warn("the topic has another partition count than configured; keys follow the topic topic={}"
                    + " partitions={} configured={}", properties.topic(), partitions, properties.partitions());
        }
        producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        LOG.info("kafka publisher connected topic={} partitions={} partitionEnds={}", properties.topic(), partitions,
                ends);
    }

    private void disconnect() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Closes the producer; the runtime has stopped the reactor's thread. */
    void close() {
        if (producer != null) {
            producer.close(Duration.ofMillis(properties.requestTimeoutMillis()));
            producer = null;
        }
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, properties.lingerMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, properties.batchSizeBytes());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, properties.compressionType());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, properties.requestTimeoutMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, properties.deliveryTimeoutMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.requestTimeoutMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "corebank-" + NAME);
        return config;
    }
}
