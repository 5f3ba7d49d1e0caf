package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.api.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Webhook deliveries survive a kill -9 in the middle of sending: the binary is killed while the receiver holds its
 * deliveries unanswered, and after a restart every event is delivered (none lost), those that were in flight are sent
 * again with the same webhook-id (at least once, as documented), and every recorded attempt is in the log.
 */
class WebhookDeliveryResumesAfterAKillTest {
    private static final String ADMIN_KEY = "webhook-kill-admin-key-0123456789abcdef";
    private static final int TRANSFERS = 3;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path data;

    @Test
    void deliveriesInFlightAtAKillAreSentAgainAfterTheRestartAndNoneIsLost() throws Exception {
        Map<String, String> environment = Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY,
                "COREBANK_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1/32");
        String[] arguments = {"--no-demo", "--corebank.webhooks.lease=12s", "--corebank.webhooks.connect-timeout=1s",
                "--corebank.webhooks.read-timeout=10s", "--corebank.webhooks.poll-interval=100ms",
                "--corebank.observability.business-events-logged=false"};
        String subscription;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            try (ServerProcess first = ServerProcess.start(data, environment, arguments)) {
                ApiClient api = new ApiClient(first.baseUrl());
                UUID payer = ApiTestSupport.openCustomerAccount(api, ADMIN_KEY, "USD");
                ApiTestSupport.deposit(api, ADMIN_KEY, payer, 1000);
                UUID payee = ApiTestSupport.openCustomerAccount(api, ADMIN_KEY, "USD");
                ApiClient.Response created = api.post("/v1/webhooks", ADMIN_KEY, "{\"url\":\"%s\",\"eventTypes\":"
                        .formatted(receiver.url("/hold/killed")) + "[\"transfer.*\"],\"accountId\":\"" + payee + "\"}");
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                subscription = created.text("id");
                receiver.trust("killed", created.text("secret"));
                for (int index = 0; index < TRANSFERS; index++) {
                    ApiClient.Response moved = api.post("/v1/transfers", ADMIN_KEY, """
                            {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":1,"ledger":"USD",\
                            "code":1101}""".formatted(UUID.randomUUID(), payer, payee));
                    assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
                }
                await().atMost(WAIT).until(() -> receiver.receivedAt("/hold/killed").size() == TRANSFERS);
                first.kill();
            }
            receiver.release();
            Set<String> inFlight = ids(receiver.receivedAt("/hold/killed"));
            assertThat(inFlight).hasSize(TRANSFERS);

            try (ServerProcess second = ServerProcess.start(data, environment, arguments)) {
                ApiClient api = new ApiClient(second.baseUrl());
                JsonNode log = await().atMost(WAIT).until(
                        () -> api.get("/v1/webhooks/" + subscription + "/deliveries", ADMIN_KEY).json(),
                        deliveries -> deliveries.size() == TRANSFERS && deliveries.valueStream()
                                .allMatch(delivery -> delivery.path("state").asString().equals("delivered")));
                List<WebhookReceiver.Received> received = receiver.receivedAt("/hold/killed");
                assertThat(ids(received)).as("every event delivered, none lost").isEqualTo(inFlight);
                assertThat(received).as("each in-flight delivery sent again after the restart")
                        .hasSize(2 * TRANSFERS);
                assertThat(received).allSatisfy(r -> assertThat(r.secretsThatVerify()).hasSize(1));
                for (JsonNode delivery : log) {
                    // The attempt cut short by the kill never finished, so it has no row; the one after it has.
                    assertThat(delivery.path("attempts")).hasSize(1);
                    assertThat(delivery.path("attempts").get(0).path("status").asInt()).isEqualTo(200);
                }
                assertThat(second.stop()).as("graceful stop").isIn(0, 143);
            }
        }
    }

    private static Set<String> ids(List<WebhookReceiver.Received> received) {
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.id()));
        return ids;
    }
}
