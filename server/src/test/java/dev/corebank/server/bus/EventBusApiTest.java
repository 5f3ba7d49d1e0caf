package dev.corebank.server.bus;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.api.ApiTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application with both publishers on (a real in-process Kafka, the machine's RabbitMQ): the witness shows
 * each event's Kafka offset and its RabbitMQ confirm, the admin API replays from a position, and readiness includes
 * the event bus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "corebank.bootstrap.admin-key=" + ApiTestSupport.ADMIN_KEY)
class EventBusApiTest {
    private static final String ADMIN_KEY = ApiTestSupport.ADMIN_KEY;
    private static final String TOPIC = "test.api.events." + UUID.randomUUID();
    /**
     * Its own: the brokers make this context differ from the one the API tests share, and two contexts on one journal
     * would be two engines writing the same files. (Not a subclass of ApiTestSupport, whose data directory would win.)
     */
    private static final Path DATA_DIRECTORY = temporaryDirectory();
    private static TestRabbit rabbit;

    @LocalServerPort
    int port;

    @Autowired
    LedgerEngine engine;

    @Autowired
    HealthEndpointGroups healthGroups;

    @Autowired
    org.springframework.core.env.Environment environment;

    @DynamicPropertySource
    static void brokersAndDataDirectory(DynamicPropertyRegistry registry) {
        TestKafka.quietKafkaLogs();
        try {
            rabbit = TestRabbit.collecting("test.api.events");
        } catch (Exception unreachable) {
            throw new IllegalStateException("the machine's RabbitMQ is not reachable uri=" + TestRabbit.URI,
                    unreachable);
        }
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
    void runsOnADataDirectoryOfItsOwn() {
        assertThat(environment.getProperty("corebank.data-directory")).isEqualTo(DATA_DIRECTORY.toString());
    }

    @Test
    void theWitnessShowsEachEventsKafkaOffsetAndItsRabbitMqConfirm() {
        UUID transfer = UUID.randomUUID();
        transferBetweenNewAccounts(transfer);
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
        assertThat(healthGroups.get("readiness").isMember("eventBus")).as("the event bus is in readiness").isTrue();
        ApiClient.Response readiness = api().get("/actuator/health/readiness", null);
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
    }

    @Test
    void refusesAReplayFromOutsideTheJournalOrOfAnUnknownPublisher() {
        assertProblem(api().post("/v1/admin/events/replay", ADMIN_KEY, "{\"from\":0}"), 400, "invalid_field");
        assertProblem(api().post("/v1/admin/events/replay", ADMIN_KEY, "{}"), 400, "missing_field");
        assertProblem(api().post("/v1/admin/events/replay", ADMIN_KEY, "{\"from\":1,\"publisher\":\"nope\"}"), 404,
                "publisher_not_found");
        assertProblem(api().post("/v1/admin/events/replay", tellerKey(), "{\"from\":1}"), 403,
                "role_not_allowed");
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    /** POSTs as the admin and expects {@code status}. */
    private ApiClient.Response posted(String path, String body, int status) {
        ApiClient.Response response = api().post(path, ADMIN_KEY, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    private UUID openCustomerAccount(String currency) {
        UUID id = UUID.randomUUID();
        posted("/v1/accounts", "{\"id\":\"" + id + "\",\"ledger\":\"" + currency + "\",\"type\":\"LIABILITY\","
                + "\"code\":2001,\"flags\":[\"DEBITS_MUST_NOT_EXCEED_CREDITS\"]}", 201);
        return id;
    }

    private void deposit(UUID account, long amount) {
        posted("/v1/deposits", "{\"id\":\"" + UUID.randomUUID() + "\",\"accountId\":\"" + account + "\",\"amount\":"
                + amount + "}", 201);
    }

    private void transferBetweenNewAccounts(UUID transfer) {
        UUID payer = openCustomerAccount("USD");
        UUID payee = openCustomerAccount("USD");
        deposit(payer, 10_000);
        posted("/v1/transfers", "{\"id\":\"" + transfer + "\",\"debitAccountId\":\"" + payer
                + "\",\"creditAccountId\":\"" + payee + "\",\"amount\":300,\"ledger\":\"USD\",\"code\":1101}", 201);
    }

    private String tellerKey() {
        return posted("/v1/admin/keys", "{\"role\":\"teller\",\"name\":\"bus test teller\"}", 201).text("secret");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("corebank-bus-api-test");
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
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
