package dev.corebank.server.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.projection.ReadModelDatabase;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorState;
import dev.corebank.server.reactor.ReactorStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/** The RabbitMQ publisher against the machine's RabbitMQ, a real engine and a real checkpoint database. */
class RabbitPublisherTest {
    private static final int RABBIT_PORT = 5672;

    @TempDir
    Path directory;
    LedgerEngine engine;
    ReadModelDatabase database;
    ReactorRuntime runtime;
    TestRabbit rabbit;
    final Random random = new Random(11);

    @BeforeEach
    void open() throws Exception {
        engine = LedgerEngine.open(BusFixtures.engineConfig(directory));
        database = ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory);
        rabbit = TestRabbit.collecting("test.corebank.events");
        BusFixtures.openAccounts(engine);
    }

    @AfterEach
    void close() throws Exception {
        if (runtime != null) {
            runtime.stop();
        }
        rabbit.close();
        engine.close();
        database.close();
    }

    @Test
    void shouldPublishEveryEventPersistentWithCloudEventsHeadersAndItsRoutingKey() throws Exception {
        BusFixtures.appendTransfers(engine, 10, random);
        start(TestRabbit.URI);
        awaitCaughtUp();

        List<GetResponse> messages = rabbit.drain();
        List<CloudEvent> journal = BusFixtures.journalEvents(engine);
        assertThat(BusFixtures.assertQueueHoldsTheJournal(messages, journal)).as("no repeats without a failure")
                .isZero();
        for (int index = 0; index < messages.size(); index++) {
            GetResponse message = messages.get(index);
            CloudEvent expected = journal.get(index);
            AMQP.BasicProperties properties = message.getProps();
            Map<String, Object> headers = properties.getHeaders();
            assertThat(properties.getDeliveryMode()).as("persistent").isEqualTo(2);
            assertThat(properties.getContentType()).as("datacontenttype").isEqualTo("application/json");
            assertThat(properties.getMessageId()).isEqualTo(expected.id());
            assertThat(message.getEnvelope().getRoutingKey()).isEqualTo(expected.routingKey())
                    .matches("[a-z-]+\\.[a-z-]+\\.[a-z0-9]+");
            // The CloudEvents AMQP binding: required attributes, each under "cloudEvents:", with valid values.
            assertThat(headers.get("cloudEvents:specversion").toString()).isEqualTo("1.0");
            assertThat(headers.get("cloudEvents:id").toString()).isEqualTo(expected.id()).isNotEmpty();
            assertThat(URI.create(headers.get("cloudEvents:source").toString())).hasPath("/corebank/TESTBANK");
            assertThat(headers.get("cloudEvents:type").toString()).isEqualTo(expected.type());
            assertThat(Instant.parse(headers.get("cloudEvents:time").toString()))
                    .isEqualTo(Instant.parse(expected.time()));
            assertThat(headers.get("cloudEvents:corebanksequence")).isEqualTo(expected.sequence());
            assertThat(headers.get("cloudEvents:corebankentryhash").toString()).isEqualTo(expected.entryHash());
            assertThat(headers).doesNotContainKey("cloudEvents:datacontenttype");
            assertThat(message.getBody()).isEqualTo(expected.data());
        }
        assertThat(messages).extracting(message -> message.getEnvelope().getRoutingKey())
                .contains("account.opened.usd", "transfer.posted.usd");
    }

    @Test
    void shouldPauseShowNotReadyAndPublishEverythingOnceTheBrokerIsBack() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.to(RABBIT_PORT)) {
            BusFixtures.appendTransfers(engine, 5, random);
            start("amqp://guest:guest@127.0.0.1:" + proxy.port());
            awaitCaughtUp();

            proxy.cut();
            BusFixtures.appendTransfers(engine, 5, random);
            await().atMost(KafkaPublisherTest.WAIT).until(() -> status().state() == ReactorState.FAILING);
            assertThat(BusHealth.of(runtime).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            BusFixtures.appendTransfers(engine, 5, random);

            proxy.restore();
            awaitCaughtUp();
            assertThat(BusHealth.of(runtime).health().getStatus()).isEqualTo(Status.UP);
            BusFixtures.assertQueueHoldsTheJournal(rabbit.drain(), BusFixtures.journalEvents(engine));
        }
    }

    private void start(String uri) {
        RabbitPublisher publisher = new RabbitPublisher(RabbitBusProperties.of(uri, rabbit.exchange())
                .withConfirmTimeoutMillis(2000), BusFixtures.CLOUD_EVENTS, BusMeters.unregistered(),
                new PublishReceipts(database.jdbc(), Clock.systemUTC(), PublishReceipts.RETAINED_ENTRIES_DEFAULT));
        runtime = new ReactorRuntime(engine, List.of(publisher), database.jdbc(), KafkaPublisherTest.FAST,
                Clock.systemUTC());
        runtime.start();
    }

    private ReactorStatus status() {
        return runtime.status(RabbitPublisher.NAME).orElseThrow();
    }

    private void awaitCaughtUp() {
        await().atMost(KafkaPublisherTest.WAIT).untilAsserted(() -> assertThat(status()).satisfies(
                status -> assertThat(status.position()).isEqualTo(engine.committedPosition()),
                status -> assertThat(status.state()).isEqualTo(ReactorState.CAUGHT_UP)));
    }
}
