package dev.corebank.server.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.projection.ReadModelDatabase;
import dev.corebank.server.reactor.ReactorProperties;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorState;
import dev.corebank.server.reactor.ReactorStatus;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/** The Kafka publisher against a real single-node KRaft broker, a real engine and a real checkpoint database. */
class KafkaPublisherTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Small runs, so a test crosses run boundaries; short back-offs, so a failing publisher retries soon. */
    static final ReactorProperties FAST = ReactorProperties.defaults().withRunLimits(8, 128).withWaits(20, 50, 500);

    @TempDir
    Path directory;
    LedgerEngine engine;
    ReadModelDatabase database;
    ReactorRuntime runtime;
    final String topic = "test.events." + UUID.randomUUID();
    final Random random = new Random(9);

    @BeforeEach
    void open() throws Exception {
        TestKafka.quietKafkaLogs();
        engine = LedgerEngine.open(BusFixtures.engineConfig(directory));
        database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory);
        BusFixtures.openAccounts(engine);
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.stop();
        }
        engine.close();
        database.close();
    }

    @Test
    void shouldPublishEveryEventAsABinaryCloudEventOnceForEachAccountItTouches() throws Exception {
        BusFixtures.appendTransfers(engine, 20, random);
        start(KafkaBusProperties.of(TestKafka.shared(), topic));
        awaitCaughtUp();

        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.readAll(TestKafka.shared(), topic);
        List<CloudEvent> journal = BusFixtures.journalEvents(engine);
        BusFixtures.assertTopicHoldsTheJournalOnce(records, journal);
        assertThat(records).hasSize(BusFixtures.ACCOUNTS + 2 * 20 * BusFixtures.TRANSFERS_PER_ENTRY);

        Map<String, CloudEvent> byId = new HashMap<>();
        journal.forEach(event -> byId.put(event.id(), event));
        try (CloudEventDeserializer sdk = new CloudEventDeserializer()) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                io.cloudevents.CloudEvent read = sdk.deserialize(topic, record.headers(), record.value());
                CloudEvent expected = byId.get(read.getId());
                assertThat(read.getSpecVersion()).isEqualTo(SpecVersion.V1);
                assertThat(read.getType()).isEqualTo(expected.type());
                assertThat(read.getSource().toString()).isEqualTo("/corebank/TESTBANK");
                assertThat(read.getSubject()).isEqualTo(expected.subject());
                assertThat(read.getTime().toInstant()).isEqualTo(Instant.parse(expected.time()));
                assertThat(read.getDataContentType()).isEqualTo("application/json");
                assertThat(read.getExtension("corebanksequence")).isEqualTo(Long.toString(expected.sequence()));
                assertThat(read.getExtension("corebankentryhash")).isEqualTo(expected.entryHash());
                assertThat(read.getData().toBytes()).isEqualTo(expected.data());
                String key = new String(record.key(), StandardCharsets.UTF_8);
                assertThat(key).isEqualTo(KafkaRecords.keys(expected).get(Integer.parseInt(
                        BusFixtures.header(record, KafkaRecords.COPY))));
                assertThat(record.partition()).isEqualTo(KafkaRecords.partitionOf(key,
                        KafkaBusProperties.PARTITIONS_DEFAULT));
                assertThat(record.timestamp()).isEqualTo(expected.timeEpochNanos() / 1_000_000);
            }
        }
        assertThat(records.stream().filter(record -> record.headers().lastHeader(KafkaRecords.TRACEPARENT) != null))
                .as("transfers carry their request's trace").hasSize(2 * 20 * BusFixtures.TRANSFERS_PER_ENTRY);
    }

    @Test
    void shouldResumeFromWhatTheBrokerHoldsWhenItsLocalCheckpointIsLost() throws Exception {
        BusFixtures.appendTransfers(engine, 10, random);
        start(KafkaBusProperties.of(TestKafka.shared(), topic));
        awaitCaughtUp();
        runtime.stop();
        database.close();
        database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory.resolve("fresh"));
        BusFixtures.appendTransfers(engine, 5, random);

        start(KafkaBusProperties.of(TestKafka.shared(), topic));
        awaitCaughtUp();

        BusFixtures.assertTopicHoldsTheJournalOnce(TestKafka.readAll(TestKafka.shared(), topic),
                BusFixtures.journalEvents(engine));
    }

    @Test
    void shouldPublishTheSameIdsWithTheSameBytesAgainOnAReplay() throws Exception {
        BusFixtures.appendTransfers(engine, 10, random);
        start(KafkaBusProperties.of(TestKafka.shared(), topic));
        awaitCaughtUp();
        long before = TestKafka.readAll(TestKafka.shared(), topic).size();

        runtime.rewind(KafkaPublisher.NAME, 6);
        awaitCaughtUp();
        BusFixtures.appendTransfers(engine, 2, random);
        awaitCaughtUp();

        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.readAll(TestKafka.shared(), topic);
        long replayed = 5L * 2 * BusFixtures.TRANSFERS_PER_ENTRY;
        assertThat(records).hasSize((int) (before + replayed + 2L * 2 * BusFixtures.TRANSFERS_PER_ENTRY));
        Map<String, byte[]> valueByCopy = new HashMap<>();
        Map<String, Integer> countByCopy = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String copy = BusFixtures.header(record, KafkaRecords.ID) + "/"
                    + BusFixtures.header(record, KafkaRecords.COPY);
            byte[] first = valueByCopy.putIfAbsent(copy, record.value());
            if (first != null) {
                assertThat(record.value()).as("a replayed %s has the same bytes", copy).isEqualTo(first);
            }
            countByCopy.merge(copy, 1, Integer::sum);
        }
        assertThat(countByCopy.entrySet().stream().filter(entry -> entry.getValue() == 2)
                .allMatch(entry -> Long.parseLong(entry.getKey().substring(0, entry.getKey().indexOf('-'))) > 6))
                .as("only entries after the replay position twice").isTrue();
        assertThat(countByCopy.values().stream().filter(count -> count == 2).count()).isEqualTo(replayed);
    }

    @Test
    void shouldRefuseToPublishAnotherJournalToATopicThatHoldsOne() throws Exception {
        BusFixtures.appendTransfers(engine, 3, random);
        start(KafkaBusProperties.of(TestKafka.shared(), topic));
        awaitCaughtUp();
        runtime.stop();
        runtime = null;
        engine.close();
        database.close();
        Path other = directory.resolve("other");
        engine = LedgerEngine.open(BusFixtures.engineConfig(other));
        database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, other);
        BusFixtures.openAccounts(engine);
        BusFixtures.appendTransfers(engine, 3, new Random(10));

        start(KafkaBusProperties.of(TestKafka.shared(), topic));

        await().atMost(WAIT).until(() -> status().state() == ReactorState.FAILING);
        assertThat(status().lastFailure()).contains("another journal");
        assertThat(status().position()).isZero();
    }

    @Test
    void shouldPauseShowNotReadyAndCatchUpWhenItsBrokerComesBack() throws Exception {
        // The broker is reached through a proxy that is not listening yet: to the publisher, the broker is down.
        int brokerPort = Integer.parseInt(TestKafka.shared().replaceAll(".*:", ""));
        try (LoopbackProxy proxy = LoopbackProxy.cutTo(brokerPort)) {
            start(KafkaBusProperties.of("127.0.0.1:" + proxy.port(), topic).withTimeouts(1000, 2000));
            BusFixtures.appendTransfers(engine, 5, random);

            await().atMost(WAIT).until(() -> status().state() == ReactorState.FAILING);
            assertThat(BusHealth.of(runtime).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(status().position()).isZero();
            BusFixtures.appendTransfers(engine, 5, random);

            proxy.restore();
            awaitCaughtUp();
            assertThat(BusHealth.of(runtime).health().getStatus()).isEqualTo(Status.UP);
            BusFixtures.assertTopicHoldsTheJournalOnce(TestKafka.readAll(TestKafka.shared(), topic),
                    BusFixtures.journalEvents(engine));
        }
    }

    @Test
    void shouldLoseNothingAndWriteNothingTwiceWhenItsBrokerGoesAwayMidStream() throws Exception {
        try (TestKafka.ProxiedBroker broker = TestKafka.startBehindProxy()) {
            start(KafkaBusProperties.of(broker.bootstrapServers(), topic).withTimeouts(1000, 2000));
            BusFixtures.appendTransfers(engine, 10, random);
            awaitCaughtUp();

            broker.proxy().cut();
            BusFixtures.appendTransfers(engine, 10, random);
            await().atMost(WAIT).until(() -> status().state() == ReactorState.FAILING);
            assertThat(BusHealth.of(runtime).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            BusFixtures.appendTransfers(engine, 10, random);

            broker.proxy().restore();
            awaitCaughtUp();
            BusFixtures.assertTopicHoldsTheJournalOnce(TestKafka.readAll(broker.bootstrapServers(), topic),
                    BusFixtures.journalEvents(engine));
            runtime.stop();
            runtime = null;
        }
    }

    private void start(KafkaBusProperties properties) {
        KafkaPublisher publisher = new KafkaPublisher(properties, BusFixtures.CLOUD_EVENTS, BusMeters.unregistered(),
                new PublishReceipts(database.jdbc(), Clock.systemUTC(), PublishReceipts.RETAINED_ENTRIES_DEFAULT));
        runtime = new ReactorRuntime(engine, List.of(publisher), database.jdbc(), FAST, Clock.systemUTC());
        runtime.start();
    }

    private ReactorStatus status() {
        return runtime.status(KafkaPublisher.NAME).orElseThrow();
    }

    private void awaitCaughtUp() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(status()).satisfies(
                status -> assertThat(status.position()).isEqualTo(engine.committedPosition()),
                status -> assertThat(status.state()).isEqualTo(ReactorState.CAUGHT_UP)));
    }
}
