package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end: the whole application on a real port delivers journal events to a real receiver on loopback
 * (allowed by corebank.webhooks.allowed-hosts), which verifies each signature with its own code. The retry schedule is
 * shortened and has no jitter, so the pauses can be checked: 100, 200, 400, 800 ms, five attempts in all. Each test
 * subscribes for accounts of its own, so the tests do not see each other's events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "corebank.bootstrap.admin-key=" + WebhooksApiTest.ADMIN_KEY,
        "corebank.webhooks.allowed-hosts=127.0.0.1/32",
        "corebank.webhooks.retry-delay-first=100ms",
        "corebank.webhooks.retry-delay-max=2s",
        "corebank.webhooks.attempts-max=5",
        "corebank.webhooks.jitter=0",
        "corebank.webhooks.disable-after=2500ms",
        "corebank.webhooks.connect-timeout=1s",
        "corebank.webhooks.read-timeout=1s",
        "corebank.webhooks.lease=5s",
        "corebank.webhooks.poll-interval=50ms"})
class WebhooksApiTest {
    static final String ADMIN_KEY = "webhooks-admin-key-0123456789abcdef";
    private static final Path DATA_DIRECTORY = temporaryDirectory();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static WebhookReceiver receiver;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA_DIRECTORY::toString);
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliversTheCloudEventOfATransferSignedSoThatTheReceiverVerifiesIt() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/ok/plain", accounts.payer(), "transfer.*");

        UUID transfer = transfer(accounts, 300);

        WebhookReceiver.Received got = awaitOne("/ok/plain");
        assertThat(got.secretsThatVerify()).containsExactly(subscription.secret());
        JsonNode event = json(got.body());
        assertThat(event.path("specversion").asString()).isEqualTo("1.0");
        assertThat(event.path("type").asString()).isEqualTo("dev.corebank.transfer.posted.v1");
        assertThat(event.path("id").asString()).isEqualTo(got.id());
        assertThat(event.path("data").path("transferId").asString()).isEqualTo(transfer.toString());
        assertThat(event.path("data").path("amount").asLong()).isEqualTo(300);
        assertThat(got.signatureHeader()).startsWith("v1,").doesNotContain(" ");
        JsonNode delivery = awaitDelivery(subscription.id(), got.id(), "delivered");
        assertThat(delivery.path("attempts")).hasSize(1);
        assertThat(delivery.path("attempts").get(0).path("status").asInt()).isEqualTo(204);
        assertThat(delivery.path("attempts").get(0).path("outcome").asString()).isEqualTo("delivered");
    }

    @Test
    void retriesAFailingEndpointOnTheScheduleUntilItAnswers() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/fail/3/flaky", accounts.payer(), "transfer.posted");

        transfer(accounts, 100);

        await().atMost(WAIT).until(() -> receiver.receivedAt("/fail/3/flaky").size() == 4);
        List<WebhookReceiver.Received> got = receiver.receivedAt("/fail/3/flaky");
        assertThat(got).extracting(WebhookReceiver.Received::id).containsOnly(got.getFirst().id());
        assertThat(got).allSatisfy(r -> assertThat(r.secretsThatVerify()).containsExactly(subscription.secret()));
        JsonNode delivery = awaitDelivery(subscription.id(), got.getFirst().id(), "delivered");
        JsonNode attempts = delivery.path("attempts");
        assertThat(attempts).extracting(a -> a.path("status").asInt()).containsExactly(500, 500, 500, 200);
        assertThat(attempts.get(0).path("responseExcerpt").asString()).isEqualTo("try 1");
        long[] expectedPausesMillis = {100, 200, 400};
        for (int i = 1; i < attempts.size(); i++) {
            long pause = millis(attempts.get(i)) - millis(attempts.get(i - 1));
            assertThat(pause).as("pause before attempt %d", i + 1).isGreaterThanOrEqualTo(expectedPausesMillis[i - 1]);
        }
    }

    @Test
    void honoursRetryAfterOverTheSchedule() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/retry-after/busy", accounts.payer(), "transfer.*");

        transfer(accounts, 100);

        await().atMost(WAIT).until(() -> receiver.receivedAt("/retry-after/busy").size() == 2);
        JsonNode attempts = awaitDelivery(subscription.id(), receiver.receivedAt("/retry-after/busy").getFirst().id(),
                "delivered").path("attempts");
        assertThat(attempts.get(0).path("status").asInt()).isEqualTo(503);
        // The schedule's first pause is 100 ms; Retry-After: 1 asks for a second.
        assertThat(millis(attempts.get(1)) - millis(attempts.get(0))).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void deadLettersAfterTheLastAttemptAndRedeliversOnRequest() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/fail/5/dead", accounts.payer(), "transfer.*");

        transfer(accounts, 100);

        await().atMost(WAIT).until(() -> receiver.receivedAt("/fail/5/dead").size() == 5);
        String eventId = receiver.receivedAt("/fail/5/dead").getFirst().id();
        JsonNode dead = awaitDelivery(subscription.id(), eventId, "dead");
        assertThat(dead.path("attempts")).hasSize(5);
        assertThat(dead.has("nextAttemptAt")).isFalse();

        ApiClient.Response redelivered = api().post("/v1/webhooks/" + subscription.id() + "/redeliver", ADMIN_KEY,
                "{\"eventId\":\"" + eventId + "\"}");

        assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
        assertThat(redelivered.json().path("deliveries").asInt()).isEqualTo(1);
        JsonNode delivered = awaitDelivery(subscription.id(), eventId, "delivered");
        assertThat(delivered.path("attempts")).hasSize(6);
        assertThat(delivered.path("attempts").get(5).path("attempt").asInt()).isEqualTo(6);
        assertThat(delivered.path("attempts").get(5).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void redeliversTheEventsOfARangeOfJournalEntries() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/ok/range", accounts.payer(), "transfer.*");
        transfer(accounts, 1);
        transfer(accounts, 2);
        await().atMost(WAIT).until(() -> receiver.receivedAt("/ok/range").size() == 2);
        List<Long> sequences = receiver.receivedAt("/ok/range").stream()
                .map(r -> json(r.body()).path("corebanksequence").asLong()).sorted().toList();

        ApiClient.Response redelivered = api().post("/v1/webhooks/" + subscription.id() + "/redeliver", ADMIN_KEY,
                "{\"fromSequence\":%d,\"toSequence\":%d}".formatted(sequences.getFirst(), sequences.getLast()));

        assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
        assertThat(redelivered.json().path("deliveries").asInt()).isEqualTo(2);
        await().atMost(WAIT).until(() -> receiver.receivedAt("/ok/range").size() == 4);
        assertThat(receiver.receivedAt("/ok/range")).extracting(WebhookReceiver.Received::id)
                .containsExactlyInAnyOrder(receiver.receivedAt("/ok/range").get(0).id(),
                        receiver.receivedAt("/ok/range").get(1).id(), receiver.receivedAt("/ok/range").get(0).id(),
                        receiver.receivedAt("/ok/range").get(1).id());
    }

    @Test
    void goneDisablesTheSubscriptionAndTellsItsOwnerByAnEvent() {
        Accounts accounts = fundedAccounts();
        String owner = keyFor("app");
        Created told = subscribe(owner, "/ok/owner-told", null, "webhook.*");
        Created gone = subscribe(owner, "/gone/leaving", accounts.payer(), "transfer.*");

        transfer(accounts, 100);

        WebhookReceiver.Received notice = awaitOne("/ok/owner-told");
        assertThat(notice.secretsThatVerify()).containsExactly(told.secret());
        JsonNode event = json(notice.body());
        assertThat(event.path("type").asString()).isEqualTo("dev.corebank.webhook.disabled.v1");
        assertThat(event.path("data").path("detail").path("subscriptionId").asString()).isEqualTo(gone.id());
        assertThat(event.path("data").path("detail").path("reason").asString()).contains("410");
        JsonNode disabled = api().get("/v1/webhooks/" + gone.id(), owner).json();
        assertThat(disabled.path("enabled").asBoolean()).isFalse();
        assertThat(disabled.path("disabledReason").asString()).contains("410 Gone");
        assertThat(receiver.receivedAt("/gone/leaving")).hasSize(1);
        assertThat(api().get("/v1/webhooks/" + gone.id() + "/deliveries", owner).json().get(0).path("state")
                .asString()).isEqualTo("dead");
    }

    @Test
    void disablesAnEndpointThatKeepsFailingPastTheNamedTime() {
        Accounts accounts = fundedAccounts();
        Created failing = subscribe("/always-fail/down", accounts.payer(), "transfer.*");
        transfer(accounts, 100);
        String first = awaitOne("/always-fail/down").id();
        awaitDelivery(failing.id(), first, "dead");
        assertThat(api().get("/v1/webhooks/" + failing.id(), ADMIN_KEY).json().path("enabled").asBoolean()).isTrue();

        transfer(accounts, 200);

        await().atMost(WAIT).until(() -> !api().get("/v1/webhooks/" + failing.id(), ADMIN_KEY).json()
                .path("enabled").asBoolean());
        JsonNode disabled = api().get("/v1/webhooks/" + failing.id(), ADMIN_KEY).json();
        assertThat(disabled.path("disabledReason").asString()).contains("failed for longer than PT2.5S");
    }

    @Test
    void timesOutASlowEndpoint() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/slow/sleepy", accounts.payer(), "transfer.*");

        transfer(accounts, 100);

        String eventId = awaitOne("/slow/sleepy").id();
        JsonNode attempt = await().atMost(WAIT).until(() -> firstAttempt(subscription.id(), eventId),
                found -> found != null);
        assertThat(attempt.path("outcome").asString()).isEqualTo("failed");
        assertThat(attempt.has("status")).isFalse();
        assertThat(attempt.path("error").asString()).contains("timeout");
        assertThat(attempt.path("latencyMillis").asLong()).isBetween(900L, 1_999L);
        delete(subscription);
    }

    @Test
    void readsNoMoreThanTheBoundOfAHugeAnswerAndKeepsAShortExcerpt() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/huge/big", accounts.payer(), "transfer.*");

        transfer(accounts, 100);

        String eventId = awaitOne("/huge/big").id();
        JsonNode attempt = awaitDelivery(subscription.id(), eventId, "delivered").path("attempts").get(0);
        assertThat(attempt.path("status").asInt()).isEqualTo(200);
        assertThat(attempt.path("responseExcerpt").asString()).hasSize(WebhookProperties.RESPONSE_EXCERPT_BYTES_MAX_DEFAULT);
    }

    @Test
    void doesNotFollowARedirect() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/redirect/moved", accounts.payer(), "transfer.*");

        transfer(accounts, 100);

        String eventId = awaitOne("/redirect/moved").id();
        JsonNode attempt = await().atMost(WAIT).until(() -> firstAttempt(subscription.id(), eventId),
                found -> found != null);
        assertThat(attempt.path("status").asInt()).isEqualTo(302);
        assertThat(attempt.path("outcome").asString()).isEqualTo("failed");
        assertThat(attempt.path("error").asString()).contains("redirects are not followed");
        delete(subscription);
        assertThat(receiver.receivedAt("/ok/moved-redirected")).isEmpty();
    }

    @Test
    void signsWithBothSecretsDuringARotationsOverlapAndWithTheNewOneOnlyAfterIt() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/ok/rotating", accounts.payer(), "transfer.*");
        ApiClient.Response rotated = api().post("/v1/webhooks/" + subscription.id() + "/rotate-secret", ADMIN_KEY,
                "{\"overlapSeconds\":2}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newSecret = rotated.text("secret");
        Instant overlapEnds = Instant.parse(rotated.text("previousSecretExpiresAt"));
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(subscription.secret());
        receiver.trust("rotating", subscription.secret(), newSecret);

        transfer(accounts, 100);

        WebhookReceiver.Received during = awaitOne("/ok/rotating");
        assertThat(during.signatureHeader().split(" ")).hasSize(2);
        assertThat(during.secretsThatVerify()).containsExactlyInAnyOrder(subscription.secret(), newSecret);

        await().atMost(WAIT).until(() -> Instant.now().isAfter(overlapEnds.plusMillis(100)));
        transfer(accounts, 200);

        await().atMost(WAIT).until(() -> receiver.receivedAt("/ok/rotating").size() == 2);
        WebhookReceiver.Received after = receiver.receivedAt("/ok/rotating").get(1);
        assertThat(after.signatureHeader().split(" ")).hasSize(1);
        assertThat(after.secretsThatVerify()).containsExactly(newSecret);
    }

    @Test
    void holdsLaterEventsOfAnAccountUntilTheEarlierOneIsDeliveredInFifoMode() {
        Accounts accounts = fundedAccounts();
        String body = """
                {"url":"%s","eventTypes":["transfer.*"],"accountId":"%s","fifo":true}"""
                .formatted(receiver.url("/fail/2/ordered"), accounts.payer());
        ApiClient.Response created = api().post("/v1/webhooks", ADMIN_KEY, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("fifo").asBoolean()).isTrue();

        UUID first = transfer(accounts, 1);
        UUID second = transfer(accounts, 2);

        // Each event fails twice before it is taken: in order, the second is not tried before the first is in.
        await().atMost(WAIT).until(() -> receiver.receivedAt("/fail/2/ordered").size() == 6);
        List<String> transfers = receiver.receivedAt("/fail/2/ordered").stream()
                .map(r -> json(r.body()).path("data").path("transferId").asString()).toList();
        assertThat(transfers).containsExactly(first.toString(), first.toString(), first.toString(),
                second.toString(), second.toString(), second.toString());
    }

    @Test
    void theWitnessOfATransferShowsEachWebhookAttempt() {
        Accounts accounts = fundedAccounts();
        Created subscription = subscribe("/fail/1/witnessed", accounts.payer(), "transfer.*");

        UUID transfer = transfer(accounts, 100);

        await().atMost(WAIT).until(() -> receiver.receivedAt("/fail/1/witnessed").size() == 2);
        awaitDelivery(subscription.id(), receiver.receivedAt("/fail/1/witnessed").getFirst().id(), "delivered");
        JsonNode entry = api().get("/v1/witness?transferId=" + transfer, ADMIN_KEY).json().path("entries").get(0);
        JsonNode attempts = entry.path("webhookAttempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting(a -> a.path("status").asInt()).containsExactly(500, 200);
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.path("subscriptionId").asString()).isEqualTo(subscription.id());
            assertThat(a.path("deliveryState").asString()).isEqualTo("delivered");
        });
    }

    @Test
    void aSubscriptionBelongsToItsKeyAndItsSecretIsShownOnce() {
        String owner = keyFor("app");
        String other = keyFor("app");
        Created subscription = subscribe(owner, "/ok/owned", null, "operation.completed");

        ApiClient.Response read = api().get("/v1/webhooks/" + subscription.id(), owner);
        ApiClient.Response foreign = api().get("/v1/webhooks/" + subscription.id(), other);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.json().path("eventTypes").get(0).asString()).isEqualTo("operation.completed");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(api().get("/v1/webhooks", other).json()).isEmpty();
        assertThat(api().get("/v1/webhooks", owner).json()).hasSize(1);
        ApiClient.Response changed = api().put("/v1/webhooks/" + subscription.id(), owner,
                "{\"description\":\"payroll callbacks\",\"enabled\":false}");
        assertThat(changed.json().path("description").asString()).isEqualTo("payroll callbacks");
        assertThat(changed.json().path("enabled").asBoolean()).isFalse();
        assertThat(api().send(api().builder("/v1/webhooks/" + subscription.id(), owner, java.util.Map.of())
                .DELETE()).status()).isEqualTo(204);
        assertThat(api().get("/v1/webhooks/" + subscription.id(), owner).status()).isEqualTo(404);
    }

    @Test
    void refusesABadSubscriptionWithAProblem() {
        ApiClient.Response noUrl = api().post("/v1/webhooks", ADMIN_KEY, "{\"eventTypes\":[\"*\"]}");
        ApiClient.Response ftp = api().post("/v1/webhooks", ADMIN_KEY,
                "{\"url\":\"ftp://127.0.0.1/x\",\"eventTypes\":[\"*\"]}");
        ApiClient.Response badPattern = api().post("/v1/webhooks", ADMIN_KEY,
                "{\"url\":\"" + receiver.url("/ok/x") + "\",\"eventTypes\":[\"Transfer Posted\"]}");
        ApiClient.Response auditor = api().post("/v1/webhooks", keyFor("auditor"),
                "{\"url\":\"" + receiver.url("/ok/x") + "\",\"eventTypes\":[\"*\"]}");

        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.text("detail")).contains("http or https");
        assertThat(badPattern.status()).isEqualTo(400);
        assertThat(badPattern.text("code")).isEqualTo("invalid_field");
        assertThat(auditor.status()).isEqualTo(403);
    }

    // ----- helpers -----

    record Accounts(UUID payer, UUID payee) {
    }

    record Created(String id, String secret) {
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private Created subscribe(String path, UUID account, String eventType) {
        return subscribe(ADMIN_KEY, path, account, eventType);
    }

    private Created subscribe(String key, String path, UUID account, String eventType) {
        String body = account == null
                ? "{\"url\":\"%s\",\"eventTypes\":[\"%s\"]}".formatted(receiver.url(path), eventType)
                : "{\"url\":\"%s\",\"eventTypes\":[\"%s\"],\"accountId\":\"%s\"}".formatted(receiver.url(path),
                eventType, account);
        ApiClient.Response created = api().post("/v1/webhooks", key, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Created subscription = new Created(created.text("id"), created.text("secret"));
        assertThat(subscription.secret()).startsWith("whsec_");
        receiver.trust(path.substring(path.lastIndexOf('/') + 1), subscription.secret());
        return subscription;
    }

    private void delete(Created subscription) {
        assertThat(api().send(api().builder("/v1/webhooks/" + subscription.id(), ADMIN_KEY, java.util.Map.of())
                .DELETE()).status()).isEqualTo(204);
    }

    private WebhookReceiver.Received awaitOne(String path) {
        await().atMost(WAIT).until(() -> !receiver.receivedAt(path).isEmpty());
        return receiver.receivedAt(path).getFirst();
    }

    private JsonNode awaitDelivery(String subscriptionId, String eventId, String state) {
        return await().atMost(WAIT).until(() -> {
            JsonNode found = api().get("/v1/webhooks/" + subscriptionId + "/deliveries?eventId=" + eventId,
                    ADMIN_KEY).json();
            return found.isEmpty() ? null : found.get(0);
        }, delivery -> delivery != null && delivery.path("state").asString().equals(state));
    }

    private JsonNode firstAttempt(String subscriptionId, String eventId) {
        JsonNode found = api().get("/v1/webhooks/" + subscriptionId + "/deliveries?eventId=" + eventId, ADMIN_KEY)
                .json();
        return found.isEmpty() || found.get(0).path("attempts").isEmpty() ? null
                : found.get(0).path("attempts").get(0);
    }

    private static long millis(JsonNode attempt) {
        return Instant.parse(attempt.path("at").asString()).toEpochMilli();
    }

    private static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }

    private String keyFor(String role) {
        ApiClient.Response created = api().post("/v1/admin/keys", ADMIN_KEY,
                "{\"role\":\"" + role + "\",\"name\":\"webhook test " + role + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("secret");
    }

    private Accounts fundedAccounts() {
        UUID payer = openAccount();
        UUID payee = openAccount();
        ApiClient.Response deposited = api().post("/v1/deposits", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":%d}".formatted(UUID.randomUUID(), payer, 1_000_000));
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(201);
        return new Accounts(payer, payee);
    }

    private UUID openAccount() {
        UUID id = UUID.randomUUID();
        ApiClient.Response opened = api().post("/v1/accounts", ADMIN_KEY, """
                {"id":"%s","ledger":"USD","type":"LIABILITY","code":2001,
                 "flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],"name":"webhook customer","customerId":"W-1"}"""
                .formatted(id));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return id;
    }

    private UUID transfer(Accounts accounts, long amount) {
        UUID id = UUID.randomUUID();
        ApiClient.Response moved = api().post("/v1/transfers", ADMIN_KEY, """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":%d,"ledger":"USD","code":1101}"""
                .formatted(id, accounts.payer(), accounts.payee(), amount));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
        return id;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("corebank-webhooks-test");
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
