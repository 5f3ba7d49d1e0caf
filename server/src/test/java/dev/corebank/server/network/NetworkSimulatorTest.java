package dev.corebank.server.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.payments.PaymentsProperties;
import dev.corebank.server.payments.iso.Agent;
import dev.corebank.server.payments.iso.CreditTransfer;
import dev.corebank.server.payments.iso.GroupHeader;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.payments.iso.OriginalTransaction;
import dev.corebank.server.payments.iso.PacsMessage;
import dev.corebank.server.payments.iso.StatusReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The network simulator's decision table on the real RabbitMQ: the test plays two banks, each a {@link NetworkLink}
 * on its own participant queue, and reads what the network sends them. Short scheme timings, so a time-out is a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "corebank.bootstrap.admin-key=" + ApiTestSupport.ADMIN_KEY,
        "corebank.rabbitmq.uri=" + NetworkSimulatorTest.RABBITMQ, "corebank.roles=network",
        "corebank.payments.target-millis=500", "corebank.payments.auto-reject-millis=1500",
        "corebank.payments.final-answer-millis=2000", "corebank.payments.legal-maximum-millis=2500"})
class NetworkSimulatorTest {
    static final String RABBITMQ = "amqp://guest:guest@127.0.0.1:5672";
    private static final Path DATA = temporaryDirectory();
    private static final String NETWORK = code("TN");
    private static final String BANK_A = code("TA");
    private static final String BANK_B = code("TB");
    private static final String RESTARTED = code("TR");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LinkedBlockingQueue<PacsMessage> AT_A = new LinkedBlockingQueue<>();
    private static final LinkedBlockingQueue<PacsMessage> AT_B = new LinkedBlockingQueue<>();
    private static NetworkLink bankA;
    private static NetworkLink bankB;

    @LocalServerPort
    int port;

    @Autowired
    NetworkNode node;

    @Autowired
    PaymentsProperties payments;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
        registry.add("corebank.payments.network-code", () -> NETWORK);
        registry.add("corebank.network.participants", () -> BANK_A + "," + BANK_B);
    }

    @BeforeAll
    static void joinAsTwoBanks() {
        bankA = NetworkLink.connect(RABBITMQ, BANK_A, JSON, 64, 1, (message, traceparent) -> AT_A.add(message));
        bankB = NetworkLink.connect(RABBITMQ, BANK_B, JSON, 64, 1, (message, traceparent) -> AT_B.add(message));
    }

    @AfterAll
    static void leave() throws Exception {
        bankA.close();
        bankB.close();
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setUri(RABBITMQ);
        try (var connection = factory.newConnection("corebank-network-test-cleanup");
             var channel = connection.createChannel()) {
            for (String code : List.of(NETWORK, BANK_A, BANK_B, RESTARTED)) {
                channel.queueDelete(NetworkLink.queue(code));
            }
        }
    }

    @Test
    void shouldForwardSettleAndTellBothBanksWhenTheCreditorAccepts() {
        long positionA = position(BANK_A);
        long positionB = position(BANK_B);
        String uetr = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(uetr, BANK_A, BANK_B, "12.50", Instant.now()), null);

        PacsMessage forwarded = next(AT_B, PacsMessage.PACS_008, uetr);
        assertThat(forwarded.groupHeader().instructingAgent().bic()).isEqualTo(NETWORK);
        assertThat(forwarded.transfer().amount().value()).isEqualByComparingTo("12.50");
        bankB.send(NETWORK, report(uetr, BANK_B, StatusReport.SETTLED, null), null);

        assertThat(next(AT_A, PacsMessage.PACS_002, uetr).status().status()).isEqualTo(StatusReport.SETTLED);
        assertThat(next(AT_B, PacsMessage.PACS_002, uetr).status().status()).isEqualTo(StatusReport.SETTLED);
        assertThat(position(BANK_A)).isEqualTo(positionA - 1_250);
        assertThat(position(BANK_B)).isEqualTo(positionB + 1_250);
        assertThat(totalUsd()).as("the settlement accounts sum to zero").isZero();
        JsonNode witness = api().get("/v1/network/payments/" + uetr, ApiTestSupport.ADMIN_KEY).json();
        assertThat(witness.path("status").asString()).isEqualTo("settled");
        assertThat(witness.path("log").toString()).contains("reserved", "out pacs.008", "in pacs.002");
    }

    @Test
    void shouldRelayTheCreditorsRejectionAndReleaseTheReservation() {
        long positionA = position(BANK_A);
        String uetr = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(uetr, BANK_A, BANK_B, "3.00", Instant.now()), null);
        next(AT_B, PacsMessage.PACS_008, uetr);
        bankB.send(NETWORK, report(uetr, BANK_B, StatusReport.REJECTED, "AC04"), null);

        PacsMessage toA = next(AT_A, PacsMessage.PACS_002, uetr);
        assertThat(toA.status().status()).isEqualTo(StatusReport.REJECTED);
        assertThat(toA.status().reason()).isEqualTo("AC04");
        assertThat(next(AT_B, PacsMessage.PACS_002, uetr).status().reason()).isEqualTo("AC04");
        assertThat(position(BANK_A)).as("released, nothing settled").isEqualTo(positionA);
    }

    @Test
    void shouldAutoRejectASilentCreditorAndAnswerItsLateAcceptanceWithTheRejection() {
        long positionB = position(BANK_B);
        String uetr = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(uetr, BANK_A, BANK_B, "4.00", Instant.now()), null);
        next(AT_B, PacsMessage.PACS_008, uetr);

        PacsMessage toA = next(AT_A, PacsMessage.PACS_002, uetr);
        assertThat(toA.status().reason()).as("no answer by the auto-reject time").isEqualTo("AB05");
        assertThat(next(AT_B, PacsMessage.PACS_002, uetr).status().reason()).isEqualTo("AB05");

        bankB.send(NETWORK, report(uetr, BANK_B, StatusReport.SETTLED, null), null);
        PacsMessage late = next(AT_B, PacsMessage.PACS_002, uetr);
        assertThat(late.status().status()).as("the first decision stands").isEqualTo(StatusReport.REJECTED);
        assertThat(position(BANK_B)).isEqualTo(positionB);
    }

    @Test
    void shouldForwardARepeatInFlightAndAnswerARepeatAfterTheDecisionWithTheDecision() {
        String uetr = Iso.uetrOf(UUID.randomUUID());
        PacsMessage payment = creditTransfer(uetr, BANK_A, BANK_B, "1.00", Instant.now());
        bankA.send(NETWORK, payment, null);
        next(AT_B, PacsMessage.PACS_008, uetr);
        bankA.send(NETWORK, payment.asDuplicate(), null);
        next(AT_B, PacsMessage.PACS_008, uetr);
        bankB.send(NETWORK, report(uetr, BANK_B, StatusReport.SETTLED, null), null);
        next(AT_A, PacsMessage.PACS_002, uetr);
        long positionA = position(BANK_A);

        bankA.send(NETWORK, payment.asDuplicate(), null);
        assertThat(next(AT_A, PacsMessage.PACS_002, uetr).status().status()).isEqualTo(StatusReport.SETTLED);
        assertThat(position(BANK_A)).as("settled once").isEqualTo(positionA);
    }

    @Test
    void shouldKeepATombstoneForAStatusRequestAboutAnUnknownPayment() {
        String uetr = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, statusRequest(uetr, BANK_A), null);
        PacsMessage answer = next(AT_A, PacsMessage.PACS_002, uetr);
        assertThat(answer.status().status()).isEqualTo(StatusReport.REJECTED);
        assertThat(answer.status().reason()).isEqualTo("AG09");

        bankA.send(NETWORK, creditTransfer(uetr, BANK_A, BANK_B, "1.00", Instant.now()), null);
        assertThat(next(AT_A, PacsMessage.PACS_002, uetr).status().reason()).as("a late copy is refused too")
                .isEqualTo("AG09");
        assertThat(AT_B.stream().noneMatch(message -> message.uetr().equals(uetr))).isTrue();
    }

    @Test
    void shouldRejectAnUnknownCreditorAgentAndAPaymentPastItsAcceptanceWindow() {
        String unknownAgent = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(unknownAgent, BANK_A, "NOTAMEMB", "1.00", Instant.now()), null);
        assertThat(next(AT_A, PacsMessage.PACS_002, unknownAgent).status().reason()).isEqualTo("AGNT");

        String late = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(late, BANK_A, BANK_B, "1.00", Instant.now().minusSeconds(30)), null);
        assertThat(next(AT_A, PacsMessage.PACS_002, late).status().reason()).isEqualTo("TM01");
    }

    @Test
    void shouldRecallEveryDecisionFromItsBooksAfterARestart() throws Exception {
        String settled = Iso.uetrOf(UUID.randomUUID());
        String rejected = Iso.uetrOf(UUID.randomUUID());
        String inFlight = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(settled, BANK_A, BANK_B, "2.00", Instant.now()), null);
        bankA.send(NETWORK, creditTransfer(rejected, BANK_A, BANK_B, "2.00", Instant.now()), null);
        next(AT_B, PacsMessage.PACS_008, settled);
        next(AT_B, PacsMessage.PACS_008, rejected);
        bankB.send(NETWORK, report(settled, BANK_B, StatusReport.SETTLED, null), null);
        bankB.send(NETWORK, report(rejected, BANK_B, StatusReport.REJECTED, "AC06"), null);
        next(AT_A, PacsMessage.PACS_002, settled);
        next(AT_A, PacsMessage.PACS_002, rejected);
        long positionB = position(BANK_B);
        // In flight when the network went down: reserved in its books, answered by nobody yet.
        NetworkPayment reserved = new NetworkPayment(inFlight);
        reserved.debtorAgent = BANK_A;
        reserved.creditorAgent = BANK_B;
        reserved.currency = "USD";
        reserved.amountMinor = 500;
        assertThat(node.settlement().reserve(reserved, dev.corebank.server.web.TraceIds.generate()))
                .isEqualTo(dev.corebank.ledger.ResultCode.OK);

        // A network restarted on the same books: a new clearing house that remembers nothing in memory.
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        ClearingHouse restarted = new ClearingHouse(RESTARTED, properties(), payments.timings(), node.settlement(),
                new NetworkFaults(properties()), new NetworkMeters(new SimpleMeterRegistry()), scheduler,
                Clock.systemUTC());
        try (NetworkLink link = NetworkLink.connect(RABBITMQ, RESTARTED, JSON, 8, 1, (message, traceparent) -> { })) {
            restarted.connected(link);
            restarted.handle(statusRequest(settled, BANK_A), null);
            assertThat(next(AT_A, PacsMessage.PACS_002, settled).status().status()).isEqualTo(StatusReport.SETTLED);
            restarted.handle(statusRequest(rejected, BANK_A), null);
            PacsMessage stillRejected = next(AT_A, PacsMessage.PACS_002, rejected);
            assertThat(stillRejected.status().status()).isEqualTo(StatusReport.REJECTED);
            assertThat(stillRejected.status().reason()).as("the reason is in the books").isEqualTo("AC06");

            restarted.handle(report(inFlight, BANK_B, StatusReport.SETTLED, null), null);
            assertThat(next(AT_A, PacsMessage.PACS_002, inFlight).status().status())
                    .isEqualTo(StatusReport.SETTLED);
            assertThat(position(BANK_B)).as("the recalled reservation settled").isEqualTo(positionB + 500);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void shouldRefuseBadSettingsWithAMessageThatNamesThem() {
        assertThatThrownBy(() -> new NetworkProperties(List.of("BANKAAAA"), 4, 10, 60, 1, 0, 0, 1.5, 0, 0, 500, 0,
                "AG01", List.of(), List.of())).hasMessageContaining("drop-rate");
        assertThatThrownBy(() -> new NetworkProperties(List.of("bank a"), 4, 10, 60, 1, 0, 0, 0, 0, 0, 500, 0,
                "AG01", List.of(), List.of())).hasMessageContaining("participants");
        assertThatThrownBy(() -> new NetworkProperties(List.of("BANKAAAA"), 4, 10, 60, 1, -1, 0, 0, 0, 0, 500, 0,
                "AG01", List.of(), List.of())).hasMessageContaining("latencies");
        assertThatThrownBy(() -> new NetworkProperties(List.of("BANKAAAA"), 4, 10, 60, 1, 0, 0, 0, 0, 0, 500, 0,
                "ZZ99", List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private NetworkProperties properties() {
        return new NetworkProperties(List.of(BANK_A, BANK_B), 1, 1000, 3600, 1, 0, 0, 0, 0, 0, 500, 0, "AG01",
                List.of(), List.of());
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private long position(String participant) {
        for (JsonNode position : participants().path("positions")) {
            if (position.path("participant").asString().equals(participant)
                    && position.path("currency").asString().equals("USD")) {
                return position.path("balanceMinor").asLong();
            }
        }
        throw new AssertionError("no USD position for " + participant + ": " + participants());
    }

    private long totalUsd() {
        for (JsonNode total : participants().path("totals")) {
            if (total.path("currency").asString().equals("USD")) {
                return total.path("sumMinor").asLong();
            }
        }
        throw new AssertionError("no USD total: " + participants());
    }

    private JsonNode participants() {
        ApiClient.Response read = api().get("/v1/network/participants", ApiTestSupport.ADMIN_KEY);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    /** The next message of that type about that payment; others are put back at the end. */
    private static PacsMessage next(LinkedBlockingQueue<PacsMessage> queue, String type, String uetr) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<PacsMessage> others = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                PacsMessage message = queue.poll(200, TimeUnit.MILLISECONDS);
                if (message != null && message.type().equals(type) && message.uetr().equals(uetr)) {
                    return message;
                }
                if (message != null) {
                    others.add(message);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            queue.addAll(others);
        }
        throw new AssertionError("no " + type + " arrived for uetr=" + uetr);
    }

    private static PacsMessage creditTransfer(String uetr, String from, String to, String amount, Instant accepted) {
        String compact = uetr.replace("-", "");
        return PacsMessage.creditTransfer(GroupHeader.of(Iso.messageId(uetr, "test-pacs.008"), Instant.now(), from,
                NETWORK), new CreditTransfer(new CreditTransfer.PaymentIdentification(compact, "E2E-"
                + compact.substring(0, 8), compact, uetr), new CreditTransfer.Amount("USD", new BigDecimal(amount)),
                accepted, new CreditTransfer.Party("Mg Mg"), new CreditTransfer.AccountRef(UUID.randomUUID()
                .toString()), new Agent(from), new Agent(to), new CreditTransfer.Party("Su Su"),
                new CreditTransfer.AccountRef(UUID.randomUUID().toString()), new CreditTransfer.Remittance("rent")));
    }

    private static PacsMessage report(String uetr, String from, String status, String reason) {
        String compact = uetr.replace("-", "");
        return PacsMessage.statusReport(GroupHeader.of(Iso.messageId(uetr, "test-" + status + from), Instant.now(),
                from, NETWORK), new StatusReport("E2E-" + compact.substring(0, 8), compact, uetr, status, reason));
    }

    private static PacsMessage statusRequest(String uetr, String from) {
        String compact = uetr.replace("-", "");
        return PacsMessage.statusRequest(GroupHeader.of(Iso.messageId(uetr, "test-pacs.028"), Instant.now(), from,
                NETWORK), OriginalTransaction.of("E2E-" + compact.substring(0, 8), compact, uetr));
    }

    private static String code(String prefix) {
        StringBuilder code = new StringBuilder(prefix);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (code.length() < 8) {
            code.append((char) ('A' + random.nextInt(26)));
        }
        return code.toString().toUpperCase(Locale.ROOT);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("corebank-network-test");
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}
