package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end: journal events delivered to a real receiver, signed, retried, logged, disabled and redelivered.
 * Each test subscribes for accounts of its own, so the tests do not see each other's events.
 */
class WebhooksApiTest extends CallbacksApiTestSupport {
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
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
    void disablesTheSubscriptionsOfARevokedKey() {
        ApiClient.Response key = api().post("/v1/admin/keys", ADMIN_KEY, "{\"role\":\"app\",\"name\":\"leaving\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        Created subscription = subscribe(key.text("secret"), "/ok/revoked", null, "transfer.*");

        ApiClient.Response revoked = api().post("/v1/admin/keys/" + key.text("keyId") + "/revoke", ADMIN_KEY, "");

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        // The key can no longer read its own subscription, so the test reads the table the reactor writes.
        String reason = await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT CASE WHEN enabled THEN ''"
                + " ELSE disabled_reason END FROM webhook_subscriptions WHERE id = ?", String.class,
                UUID.fromString(subscription.id())), text -> !text.isEmpty());
        assertThat(reason).isEqualTo("its API key was revoked");
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
}
