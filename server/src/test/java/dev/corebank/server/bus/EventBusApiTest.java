package dev.corebank.server.bus;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application with both publishers on (a real in-process Kafka, the machine's RabbitMQ): the witness shows
 * each event's Kafka offset and its RabbitMQ confirm, the admin API replays from a position, and readiness includes
 * the event bus.
 */
class EventBusApiTest extends ApiTestBase {
    private static final String TOPIC = "test.api.events." + UUID.randomUUID();
    /** Its own: the brokers make this class's application context differ from the one the other API tests share. */
    private static final java.nio.file.Path DATA_DIRECTORY = temporaryDirectory();
    private static TestRabbit rabbit;

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.quietKafkaLogs();
        rabbit = TestRabbit.collecting("test.api.events");
        registry.add("corebank.data-directory", DATA_DIRECTORY::toString);
        registry.add("corebank.kafka.bootstrap-servers", TestKafka::shared);
        registry.add("corebank.kafka.topic", () -> TOPIC);
        registry.add("corebank.rabbitmq.uri", () -> TestRabbit.URI);
        registry.add("corebank.rabbitmq.exchange", rabbit::exchange);
    }

    @AfterAll
    static void deleteTheExchange() throws Exception {
        rabbit.close();
    }

    @Test
    void theWitnessShowsEachEventsKafkaOffsetAndItsRabbitMqConfirm() {
        UUID transfer = UUID.randomUUID();
        transferBetweenNewAccounts(transfer, ADMIN_KEY, Map.of());
        awaitPublished(engine.committedPosition());

        ApiClient.Response witness = api().get("/v1/witness?transferId=" + transfer, ADMIN_KEY);

        assertThat(witness.status()).as(witness.toString()).isEqualTo(200);
        JsonNode entry = witness.json().path("entries").get(0);
        JsonNode kafka = reactor(entry, KafkaPublisher.NAME).path("record").path("records");
        assertThat(kafka).as(witness.toString()).hasSize(2);
        List<ConsumerRecord<byte[], byte[]>> onTheTopic = TestKafka.readAll(TestKafka.shared(), TOPIC);
        for (JsonNode copy : kafka) {
            assertThat(copy.path("topic").asString()).isEqualTo(TOPIC);
            ConsumerRecord<byte[], byte[]> record = onTheTopic.stream()
                    .filter(candidate -> candidate.partition() == copy.path("partition").asInt()
                            && candidate.offset() == copy.path("offset").asLong()).findFirst().orElseThrow();
            assertThat(BusFixtures.header(record, KafkaRecords.ID)).isEqualTo(copy.path("eventId").asString());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(copy.path("key").asString());
        }
        JsonNode rabbitRecord = reactor(entry, RabbitPublisher.NAME).path("record");
        assertThat(rabbitRecord.path("confirmed").asBoolean()).as(witness.toString()).isTrue();
        assertThat(rabbitRecord.path("exchange").asString()).isEqualTo(rabbit.exchange());
        assertThat(rabbitRecord.path("routingKeys").get(0).path("routingKey").asString())
                .isEqualTo("transfer.posted.usd");
    }

    @Test
    void aReplayPublishesFromThePositionAgainAndReadinessIncludesTheBus() throws Exception {
        UUID account = openCustomerAccount("USD");
        deposit(account, 500);
        long committed = engine.committedPosition();
        awaitPublished(committed);
        long before = rabbit.messageCount();

        ApiClient.Response replayed = api().post("/v1/admin/events/replay", ADMIN_KEY, "{\"from\":" + committed + "}");

        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.json().valueStream().map(status -> status.path("name").asString()))
                .containsExactlyInAnyOrder(KafkaPublisher.NAME, RabbitPublisher.NAME);
        awaitPublished(committed);
        await().atMost(KafkaPublisherTest.WAIT).until(() -> rabbit.messageCount() > before);
        List<String> lastEntryCopies = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TestKafka.readAll(TestKafka.shared(), TOPIC)) {
            if (KafkaRecords.positionOf(record).sequence() == committed) {
                lastEntryCopies.add(BusFixtures.header(record, KafkaRecords.ID));
            }
        }
        assertThat(lastEntryCopies).as("the deposit's event twice on its two accounts' keys, same id").hasSize(4)
                .containsOnly(committed + "-0");
        ApiClient.Response readiness = api().get("/actuator/health/readiness/eventBus", null);
        assertThat(readiness.status()).as("the event bus is a member of readiness " + readiness).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
    }

    @Test
    void refusesAReplayFromOutsideTheJournalOrOfAnUnknownPublisher() {
        assertProblem(api().post("/v1/admin/events/replay", ADMIN_KEY, "{\"from\":0}"), 400, "invalid_field");
        assertProblem(api().post("/v1/admin/events/replay", ADMIN_KEY, "{}"), 400, "missing_field");
        assertProblem(api().post("/v1/admin/events/replay", ADMIN_KEY, "{\"from\":1,\"publisher\":\"nope\"}"), 404,
                "publisher_not_found");
        assertProblem(api().post("/v1/admin/events/replay", keyFor("teller"), "{\"from\":1}"), 403,
                "role_not_allowed");
    }

    private void awaitPublished(long sequence) {
        await().atMost(KafkaPublisherTest.WAIT).until(() -> position(KafkaPublisher.NAME) >= sequence
                && position(RabbitPublisher.NAME) >= sequence);
    }

    private long position(String reactor) {
        return api().get("/v1/admin/reactors/" + reactor, ADMIN_KEY).json().path("position").asLong();
    }

    private static JsonNode reactor(JsonNode entry, String name) {
        for (JsonNode reactor : entry.path("reactors")) {
            if (reactor.path("name").asString().equals(name)) {
                return reactor;
            }
        }
        throw new AssertionError("no reactor " + name + " in " + entry);
    }
}
