package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on a real port, delivering webhooks to a real receiver on loopback (allowed by
 * corebank.webhooks.allowed-hosts), which verifies each signature with its own code. The retry schedule is shortened
 * and has no jitter, so the pauses can be checked: 100, 200, 400, 800 ms, five attempts in all. Imports go in batches
 * of 50 lines, so a large file takes long enough to be seen running. Every test class of webhooks and operations
 * extends this and adds nothing to the configuration, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "corebank.bootstrap.admin-key=" + CallbacksApiTestSupport.ADMIN_KEY,
        "corebank.webhooks.allowed-hosts=127.0.0.1/32",
        "corebank.webhooks.retry-delay-first=100ms",
        "corebank.webhooks.retry-delay-max=2s",
        "corebank.webhooks.attempts-max=5",
        "corebank.webhooks.jitter=0",
        "corebank.webhooks.disable-after=2500ms",
        "corebank.webhooks.connect-timeout=1s",
        "corebank.webhooks.read-timeout=1s",
        "corebank.webhooks.lease=5s",
        "corebank.webhooks.poll-interval=50ms",
        "corebank.imports.batch-size-max=50",
        "corebank.observability.business-events-logged=false"})
abstract class CallbacksApiTestSupport {
    static final String ADMIN_KEY = "webhooks-admin-key-0123456789abcdef";
    private static final Path DATA_DIRECTORY = temporaryDirectory();
    static final Duration WAIT = Duration.ofSeconds(20);
    /** One receiver for every test class of the shared context, so subscriptions never point at a stopped one. */
    static final WebhookReceiver receiver = startReceiver();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA_DIRECTORY::toString);
    }

    private static WebhookReceiver startReceiver() {
        try {
            WebhookReceiver started = new WebhookReceiver();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            return started;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    record Accounts(UUID payer, UUID payee) {
    }

    record Created(String id, String secret) {
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    Created subscribe(String path, UUID account, String eventType) {
        return subscribe(ADMIN_KEY, path, account, eventType);
    }

    Created subscribe(String key, String path, UUID account, String eventType) {
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

    void delete(Created subscription) {
        assertThat(api().send(api().builder("/v1/webhooks/" + subscription.id(), ADMIN_KEY, java.util.Map.of())
                .DELETE()).status()).isEqualTo(204);
    }

    WebhookReceiver.Received awaitOne(String path) {
        await().atMost(WAIT).until(() -> !receiver.receivedAt(path).isEmpty());
        return receiver.receivedAt(path).getFirst();
    }

    JsonNode awaitDelivery(String subscriptionId, String eventId, String state) {
        return await().atMost(WAIT).until(() -> {
            JsonNode found = api().get("/v1/webhooks/" + subscriptionId + "/deliveries?eventId=" + eventId,
                    ADMIN_KEY).json();
            return found.isEmpty() ? null : found.get(0);
        }, delivery -> delivery != null && delivery.path("state").asString().equals(state));
    }

    JsonNode firstAttempt(String subscriptionId, String eventId) {
        JsonNode found = api().get("/v1/webhooks/" + subscriptionId + "/deliveries?eventId=" + eventId, ADMIN_KEY)
                .json();
        return found.isEmpty() || found.get(0).path("attempts").isEmpty() ? null
                : found.get(0).path("attempts").get(0);
    }

    static long millis(JsonNode attempt) {
        return Instant.parse(attempt.path("at").asString()).toEpochMilli();
    }

    long balance(UUID account) {
        ApiClient.Response read = api().get("/v1/accounts/" + account, ADMIN_KEY);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.number("balance");
    }

    static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }

    String keyFor(String role) {
        ApiClient.Response created = api().post("/v1/admin/keys", ADMIN_KEY,
                "{\"role\":\"" + role + "\",\"name\":\"webhook test " + role + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("secret");
    }

    Accounts fundedAccounts() {
        UUID payer = openAccount();
        UUID payee = openAccount();
        ApiTestSupport.deposit(api(), ADMIN_KEY, payer, 1_000_000);
        return new Accounts(payer, payee);
    }

    UUID openAccount() {
        return ApiTestSupport.openCustomerAccount(api(), ADMIN_KEY, "USD");
    }

    UUID transfer(Accounts accounts, long amount) {
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
