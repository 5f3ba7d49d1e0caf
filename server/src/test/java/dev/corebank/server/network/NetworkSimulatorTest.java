package dev.corebank.server.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.payments.PaymentsProperties;
import dev.corebank.server.payments.iso.Agent;
import dev.corebank.server.payments.iso.GroupHeader;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.payments.iso.OriginalTransaction;
import dev.corebank.server.payments.iso.PacsMessage;
import dev.corebank.server.payments.iso.StatusReport;
import dev.corebank.server.payments.iso.TestParticipants;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
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
    private static final Path DATA = ApiTestSupport.temporaryDirectory();
    private static final String NETWORK = TestParticipants.code("TN");
    private static final String BANK_A = TestParticipants.code("TA");
    private static final String BANK_B = TestParticipants.code("TB");
    private static final String RESTARTED = TestParticipants.code("TR");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestParticipants.Inbox AT_A = new TestParticipants.Inbox();
    private static final TestParticipants.Inbox AT_B = new TestParticipants.Inbox();
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
        bankA = NetworkLink.connect(RABBITMQ, BANK_A, JSON, 64, 1, AT_A);
        bankB = NetworkLink.connect(RABBITMQ, BANK_B, JSON, 64, 1, AT_B);
    }

    @AfterAll
    static void leave() throws Exception {
        bankA.close();
        bankB.close();
        TestParticipants.deleteQueues(RABBITMQ, List.of(NETWORK, BANK_A, BANK_B, RESTARTED));
    }

    @Test
    void shouldForwardSettleAndTellBothBanksWhenTheCreditorAccepts() {
        long positionA = position(BANK_A);
        long positionB = position(BANK_B);
        String uetr = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(uetr, BANK_A, BANK_B, "12.50", Instant.now()), null);

        PacsMessage forwarded = AT_B.next(PacsMessage.PACS_008, uetr);
        assertThat(forwarded.groupHeader().instructingAgent().bic()).isEqualTo(NETWORK);
        assertThat(forwarded.transfer().amount().value()).isEqualByComparingTo("12.50");
        bankB.send(NETWORK, report(uetr, BANK_B, StatusReport.SETTLED, null), null);

        assertThat(AT_A.next(PacsMessage.PACS_002, uetr).status().status()).isEqualTo(StatusReport.SETTLED);
        assertThat(AT_B.next(PacsMessage.PACS_002, uetr).status().status()).isEqualTo(StatusReport.SETTLED);
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
        AT_B.next(PacsMessage.PACS_008, uetr);
        bankB.send(NETWORK, report(uetr, BANK_B, StatusReport.REJECTED, "AC04"), null);

        PacsMessage toA = AT_A.next(PacsMessage.PACS_002, uetr);
        assertThat(toA.status().status()).isEqualTo(StatusReport.REJECTED);
        assertThat(toA.status().reason()).isEqualTo("AC04");
        assertThat(AT_B.next(PacsMessage.PACS_002, uetr).status().reason()).isEqualTo("AC04");
        assertThat(position(BANK_A)).as("released, nothing settled").isEqualTo(positionA);
    }

    @Test
    void shouldAutoRejectASilentCreditorAndAnswerItsLateAcceptanceWithTheRejection() {
        long positionB = position(BANK_B);
        String uetr = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(uetr, BANK_A, BANK_B, "4.00", Instant.now()), null);
        AT_B.next(PacsMessage.PACS_008, uetr);

        PacsMessage toA = AT_A.next(PacsMessage.PACS_002, uetr);
        assertThat(toA.status().reason()).as("no answer by the auto-reject time").isEqualTo("AB05");
        assertThat(AT_B.next(PacsMessage.PACS_002, uetr).status().reason()).isEqualTo("AB05");

        bankB.send(NETWORK, report(uetr, BANK_B, StatusReport.SETTLED, null), null);
        PacsMessage late = AT_B.next(PacsMessage.PACS_002, uetr);
        assertThat(late.status().status()).as("the first decision stands").isEqualTo(StatusReport.REJECTED);
        assertThat(position(BANK_B)).isEqualTo(positionB);
    }

    @Test
    void shouldForwardARepeatInFlightAndAnswerARepeatAfterTheDecisionWithTheDecision() {
        String uetr = Iso.uetrOf(UUID.randomUUID());
        PacsMessage payment = creditTransfer(uetr, BANK_A, BANK_B, "1.00", Instant.now());
        bankA.send(NETWORK, payment, null);
        AT_B.next(PacsMessage.PACS_008, uetr);
        bankA.send(NETWORK, payment.asDuplicate(), null);
        AT_B.next(PacsMessage.PACS_008, uetr);
        bankB.send(NETWORK, report(uetr, BANK_B, StatusReport.SETTLED, null), null);
        AT_A.next(PacsMessage.PACS_002, uetr);
        long positionA = position(BANK_A);

        bankA.send(NETWORK, payment.asDuplicate(), null);
        assertThat(AT_A.next(PacsMessage.PACS_002, uetr).status().status()).isEqualTo(StatusReport.SETTLED);
        assertThat(position(BANK_A)).as("settled once").isEqualTo(positionA);
    }

    @Test
    void shouldKeepATombstoneForAStatusRequestAboutAnUnknownPayment() {
        String uetr = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, statusRequest(uetr, BANK_A), null);
        PacsMessage answer = AT_A.next(PacsMessage.PACS_002, uetr);
        assertThat(answer.status().status()).isEqualTo(StatusReport.REJECTED);
        assertThat(answer.status().reason()).isEqualTo("AG09");

        bankA.send(NETWORK, creditTransfer(uetr, BANK_A, BANK_B, "1.00", Instant.now()), null);
        assertThat(AT_A.next(PacsMessage.PACS_002, uetr).status().reason()).as("a late copy is refused too")
                .isEqualTo("AG09");
        assertThat(AT_B.holdsAny(uetr)).as("never forwarded").isFalse();
    }

    @Test
    void shouldRejectAnUnknownCreditorAgentAndAPaymentPastItsAcceptanceWindow() {
        String unknownAgent = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(unknownAgent, BANK_A, "NOTAMEMB", "1.00", Instant.now()), null);
        assertThat(AT_A.next(PacsMessage.PACS_002, unknownAgent).status().reason()).isEqualTo("AGNT");

        String late = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(late, BANK_A, BANK_B, "1.00", Instant.now().minusSeconds(30)), null);
        assertThat(AT_A.next(PacsMessage.PACS_002, late).status().reason()).isEqualTo("TM01");
    }

    @Test
    void shouldRecallEveryDecisionFromItsBooksAfterARestart() throws Exception {
        String settled = Iso.uetrOf(UUID.randomUUID());
        String rejected = Iso.uetrOf(UUID.randomUUID());
        String inFlight = Iso.uetrOf(UUID.randomUUID());
        bankA.send(NETWORK, creditTransfer(settled, BANK_A, BANK_B, "2.00", Instant.now()), null);
        bankA.send(NETWORK, creditTransfer(rejected, BANK_A, BANK_B, "2.00", Instant.now()), null);
        AT_B.next(PacsMessage.PACS_008, settled);
        AT_B.next(PacsMessage.PACS_008, rejected);
        bankB.send(NETWORK, report(settled, BANK_B, StatusReport.SETTLED, null), null);
        bankB.send(NETWORK, report(rejected, BANK_B, StatusReport.REJECTED, "AC06"), null);
        AT_A.next(PacsMessage.PACS_002, settled);
        AT_A.next(PacsMessage.PACS_002, rejected);
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
            assertThat(AT_A.next(PacsMessage.PACS_002, settled).status().status()).isEqualTo(StatusReport.SETTLED);
            restarted.handle(statusRequest(rejected, BANK_A), null);
            PacsMessage stillRejected = AT_A.next(PacsMessage.PACS_002, rejected);
            assertThat(stillRejected.status().status()).isEqualTo(StatusReport.REJECTED);
            assertThat(stillRejected.status().reason()).as("the reason is in the books").isEqualTo("AC06");

            restarted.handle(report(inFlight, BANK_B, StatusReport.SETTLED, null), null);
            assertThat(AT_A.next(PacsMessage.PACS_002, inFlight).status().status())
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

    private static PacsMessage creditTransfer(String uetr, String from, String to, String amount, Instant accepted) {
        return TestParticipants.creditTransfer(uetr, from, NETWORK, from, to, UUID.randomUUID().toString(), amount,
                "USD", accepted);
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
}
