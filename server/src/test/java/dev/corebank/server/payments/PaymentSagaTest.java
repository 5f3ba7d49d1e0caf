package dev.corebank.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.payments.iso.CreditTransfer;
import dev.corebank.server.payments.iso.GroupHeader;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.payments.iso.PacsMessage;
import dev.corebank.server.payments.iso.StatusReport;
import dev.corebank.server.payments.iso.TestParticipants;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * One bank's saga against the real RabbitMQ, with the test playing the network: it reads what the bank sends to the
 * network's queue and answers as the network would. Short scheme timings, so silence is tested in a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "corebank.bootstrap.admin-key=" + ApiTestSupport.ADMIN_KEY,
        "corebank.rabbitmq.uri=" + PaymentSagaTest.RABBITMQ,
        "corebank.payments.target-millis=200", "corebank.payments.auto-reject-millis=400",
        "corebank.payments.final-answer-millis=600", "corebank.payments.legal-maximum-millis=800",
        "corebank.payments.status-request-millis=500", "corebank.payments.hold-timeout-seconds=600",
        "corebank.payments.limits.MMK.per-transaction-minor=100000000",
        "corebank.payments.limits.MMK.per-day-minor=500000000"})
class PaymentSagaTest {
    static final String RABBITMQ = "amqp://guest:guest@127.0.0.1:5672";
    private static final Path DATA = ApiTestSupport.temporaryDirectory();
    private static final String BANK = TestParticipants.code("TB");
    private static final String NETWORK = TestParticipants.code("TN");
    private static final String OTHER_BANK = "OTHRBANK";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestParticipants.Inbox AT_NETWORK = new TestParticipants.Inbox();
    private static NetworkLink network;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
        registry.add("corebank.payments.bank-code", () -> BANK);
        registry.add("corebank.payments.network-code", () -> NETWORK);
    }

    @BeforeAll
    static void joinAsTheNetwork() {
        network = NetworkLink.connect(RABBITMQ, NETWORK, JSON, 64, 1, AT_NETWORK);
    }

    @AfterAll
    static void leave() throws Exception {
        network.close();
        TestParticipants.deleteQueues(RABBITMQ, List.of(NETWORK, BANK));
    }

    @Test
    void shouldHoldSendAndSettleAPaymentTheNetworkAccepts() {
        UUID debtor = fundedAccount("USD", 10_000);
        UUID payment = UUID.randomUUID();
        ApiClient.Response accepted = pay(payment, debtor, 2_500, "USD");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.header("Location")).isEqualTo("/v1/payments/" + payment);
        assertThat(accepted.text("status")).isEqualTo("held");
        assertThat(balance(debtor)).as("held, so not yet moved").isEqualTo(10_000);
        long networkBefore = balance(ChartOfAccounts.id("USD", ChartOfAccounts.GlAccount.CLEARING));

        PacsMessage sent = nextAtNetwork(PacsMessage.PACS_008, Iso.uetrOf(payment));
        CreditTransfer transfer = sent.transfer();
        assertThat(transfer.amount().value()).isEqualByComparingTo(new BigDecimal("25.00"));
        assertThat(transfer.amount().currency()).isEqualTo("USD");
        assertThat(transfer.debtorAgent().bic()).isEqualTo(BANK);
        assertThat(transfer.creditorAgent().bic()).isEqualTo(OTHER_BANK);
        assertThat(transfer.debtorAccount().id()).isEqualTo(debtor.toString());
        assertThat(sent.groupHeader().instructedAgent().bic()).isEqualTo(NETWORK);

        answer(sent, StatusReport.SETTLED, null);

        awaitStatus(payment, "settled");
        assertThat(balance(debtor)).isEqualTo(7_500);
        assertThat(balance(ChartOfAccounts.id("USD", ChartOfAccounts.GlAccount.CLEARING)))
                .as("the bank's account at the network went down by the payment").isEqualTo(networkBefore - 2_500);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(steps(payment))
                .contains("accepted", "held", "pacs.008-sent", "pacs.002-received", "posted", "notified"));
    }

    @Test
    void shouldVoidTheHoldWhenTheNetworkRejects() {
        UUID debtor = fundedAccount("USD", 10_000);
        UUID payment = UUID.randomUUID();
        assertThat(pay(payment, debtor, 4_000, "USD").status()).isEqualTo(202);
        PacsMessage sent = nextAtNetwork(PacsMessage.PACS_008, Iso.uetrOf(payment));

        answer(sent, StatusReport.REJECTED, "AC01");

        ApiClient.Response rejected = awaitStatus(payment, "rejected");
        assertThat(rejected.text("reason")).isEqualTo("AC01");
        assertThat(balance(debtor)).as("the compensation released the hold").isEqualTo(10_000);
    }

    @Test
    void shouldRejectAtOnceWhenTheFundsAreNotThere() {
        UUID debtor = fundedAccount("USD", 1_000);
        UUID payment = UUID.randomUUID();
        ApiClient.Response answer = pay(payment, debtor, 5_000, "USD");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.text("status")).isEqualTo("rejected");
        assertThat(answer.text("reason")).isEqualTo("AM04");
        ApiClient.Response settledState = awaitStatus(payment, "rejected");
        assertThat(settledState.text("reason")).isEqualTo("AM04");
        assertThat(balance(debtor)).isEqualTo(1_000);
    }

    @Test
    void shouldAnswerARepeatAsTheFirstAndRefuseOtherContentUnderTheSameId() {
        UUID debtor = fundedAccount("USD", 10_000);
        UUID payment = UUID.randomUUID();
        assertThat(pay(payment, debtor, 1_000, "USD").status()).isEqualTo(202);
        ApiClient.Response repeat = pay(payment, debtor, 1_000, "USD");
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.text("uetr")).isEqualTo(Iso.uetrOf(payment));
        ApiClient.Response other = pay(payment, debtor, 1_001, "USD");
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        PacsMessage sent = nextAtNetwork(PacsMessage.PACS_008, Iso.uetrOf(payment));
        answer(sent, StatusReport.SETTLED, null);
        awaitStatus(payment, "settled");
        assertThat(balance(debtor)).as("paid once").isEqualTo(9_000);
    }

    @Test
    void shouldAskAndResendWithTheSameIdsWhenTheNetworkIsSilent() {
        UUID debtor = fundedAccount("USD", 10_000);
        UUID payment = UUID.randomUUID();
        assertThat(pay(payment, debtor, 700, "USD").status()).isEqualTo(202);
        String uetr = Iso.uetrOf(payment);
        PacsMessage first = nextAtNetwork(PacsMessage.PACS_008, uetr);

        PacsMessage request = nextAtNetwork(PacsMessage.PACS_028, uetr);
        PacsMessage resend = nextAtNetwork(PacsMessage.PACS_008, uetr);
        assertThat(request.original().originalUetr()).isEqualTo(uetr);
        assertThat(resend.groupHeader().duplicate()).isTrue();
        assertThat(resend.groupHeader().messageId()).isEqualTo(first.groupHeader().messageId());
        assertThat(resend.transfer()).isEqualTo(first.transfer());
        assertThat(status(payment).text("status")).as("silence is not a rejection").isEqualTo("sent");

        answer(first, StatusReport.REJECTED, "AB05");
        awaitStatus(payment, "rejected");
        assertThat(balance(debtor)).isEqualTo(10_000);
    }

    @Test
    void shouldCreditAnIncomingPaymentOnlyOnceTheNetworkConfirmsIt() {
        UUID beneficiary = fundedAccount("USD", 100);
        String uetr = Iso.uetrOf(UUID.randomUUID());
        PacsMessage incoming = incoming(uetr, beneficiary.toString(), "12.34", "USD");
        network.send(BANK, incoming, null);

        PacsMessage answer = nextAtNetwork(PacsMessage.PACS_002, uetr);
        assertThat(answer.status().status()).isEqualTo(StatusReport.SETTLED);
        assertThat(balance(beneficiary)).as("held until the network confirms").isEqualTo(100);
        network.send(BANK, incoming.asDuplicate(), null);
        PacsMessage again = nextAtNetwork(PacsMessage.PACS_002, uetr);
        assertThat(again.status().status()).as("a repeat gets the stored answer").isEqualTo(StatusReport.SETTLED);

        network.send(BANK, confirmation(uetr, StatusReport.SETTLED, null), null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(byUetr(uetr).text("status"))
                .isEqualTo("settled"));
        assertThat(balance(beneficiary)).as("credited once").isEqualTo(100 + 1_234);
    }

    @Test
    void shouldRejectAnIncomingPaymentToAnUnknownOrFrozenAccountWithTheReason() {
        String unknown = Iso.uetrOf(UUID.randomUUID());
        network.send(BANK, incoming(unknown, UUID.randomUUID().toString(), "1.00", "USD"), null);
        PacsMessage unknownAnswer = nextAtNetwork(PacsMessage.PACS_002, unknown);
        assertThat(unknownAnswer.status().status()).isEqualTo(StatusReport.REJECTED);
        assertThat(unknownAnswer.status().reason()).isEqualTo("AC01");

        UUID frozen = fundedAccount("USD", 100);
        ApiClient.Response froze = api().post("/v1/accounts/" + frozen + "/freeze", ApiTestSupport.ADMIN_KEY, "{}");
        assertThat(froze.status()).as(froze.toString()).isEqualTo(200);
        String toFrozen = Iso.uetrOf(UUID.randomUUID());
        network.send(BANK, incoming(toFrozen, frozen.toString(), "1.00", "USD"), null);
        PacsMessage frozenAnswer = nextAtNetwork(PacsMessage.PACS_002, toFrozen);
        assertThat(frozenAnswer.status().reason()).isEqualTo("AC06");
        assertThat(balance(frozen)).isEqualTo(100);
    }

    @Test
    void shouldRefuseAPaymentOverTheLimitWithAClearProblem() {
        UUID debtor = fundedAccount("MMK", 1_000_000_000L);
        ApiClient.Response over = pay(UUID.randomUUID(), debtor, 100_000_001L, "MMK");
        assertThat(over.status()).as(over.toString()).isEqualTo(422);
        assertThat(over.body()).contains("limit_exceeded");
    }

    @Test
    void shouldAnswerConcurrentRepeatsOfARefusedPaymentWithTheRefusal() throws Exception {
        UUID debtor = fundedAccount("MMK", 1_000_000_000L);
        UUID payment = UUID.randomUUID();
        List<java.util.concurrent.Future<ApiClient.Response>> answers = new ArrayList<>();
        try (var clients = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int client = 0; client < 8; client++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return pay(payment, debtor, 100_000_001L, "MMK");
                }));
            }
            start.countDown();
            for (var answer : answers) {
                ApiClient.Response response = answer.get();
                assertThat(response.status()).as("no repeat answers 202 for a refused payment: " + response)
                        .isEqualTo(422);
            }
        }
        assertThat(status(payment).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAPaymentToThisBankAndBadFields() {
        UUID debtor = fundedAccount("USD", 1_000);
        ApiClient.Response toSelf = api().post("/v1/payments", ApiTestSupport.ADMIN_KEY, body(UUID.randomUUID(),
                debtor, 100, "USD").replace(OTHER_BANK, BANK));
        assertThat(toSelf.status()).isEqualTo(422);
        ApiClient.Response badAgent = api().post("/v1/payments", ApiTestSupport.ADMIN_KEY, body(UUID.randomUUID(),
                debtor, 100, "USD").replace(OTHER_BANK, "bad"));
        assertThat(badAgent.status()).isEqualTo(400);
        assertThat(api().get("/v1/payments/" + UUID.randomUUID(), ApiTestSupport.ADMIN_KEY).status()).isEqualTo(404);
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private UUID fundedAccount(String currency, long amount) {
        UUID account = ApiTestSupport.openCustomerAccount(api(), ApiTestSupport.ADMIN_KEY, currency);
        if (amount > 0) {
            ApiTestSupport.deposit(api(), ApiTestSupport.ADMIN_KEY, account, amount);
        }
        return account;
    }

    private long balance(UUID account) {
        ApiClient.Response read = api().get("/v1/accounts/" + account, ApiTestSupport.ADMIN_KEY);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.number("balance");
    }

    private ApiClient.Response pay(UUID id, UUID debtor, long amount, String currency) {
        return api().post("/v1/payments", ApiTestSupport.ADMIN_KEY, body(id, debtor, amount, currency));
    }

    private static String body(UUID id, UUID debtor, long amount, String currency) {
        return """
                {"id":"%s","debtorAccountId":"%s","creditorAgent":"%s","creditorAccount":"%s","amountMinor":%d,
                 "currency":"%s","remittance":"invoice 7","creditorName":"Su Su"}"""
                .formatted(id, debtor, OTHER_BANK, UUID.nameUUIDFromBytes(id.toString().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)), amount, currency);
    }

    private ApiClient.Response status(UUID payment) {
        return api().get("/v1/payments/" + payment, ApiTestSupport.ADMIN_KEY);
    }

    private ApiClient.Response byUetr(String uetr) {
        return api().get("/v1/payments/by-uetr/" + uetr, ApiTestSupport.ADMIN_KEY);
    }

    private ApiClient.Response awaitStatus(UUID payment, String expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> expected.equals(status(payment).text("status")));
        return status(payment);
    }

    private List<String> steps(UUID payment) {
        List<String> names = new ArrayList<>();
        status(payment).json().get("steps").forEach(step -> names.add(step.get("step").asString()));
        return names;
    }

    /** The next message of that type about that payment that reached the network. */
    private static PacsMessage nextAtNetwork(String type, String uetr) {
        return AT_NETWORK.next(type, uetr);
    }

    private static void answer(PacsMessage sent, String status, String reason) {
        network.send(BANK, confirmation(sent.uetr(), status, reason), null);
    }

    private static PacsMessage confirmation(String uetr, String status, String reason) {
        return PacsMessage.statusReport(GroupHeader.of(Iso.messageId(uetr, "test-" + status), Instant.now(),
                NETWORK, BANK), new StatusReport("E2E", uetr.replace("-", ""), uetr, status, reason));
    }

    private static PacsMessage incoming(String uetr, String account, String amount, String currency) {
        return TestParticipants.creditTransfer(uetr, NETWORK, BANK, OTHER_BANK, BANK, account, amount, currency,
                Instant.now());
    }
}
