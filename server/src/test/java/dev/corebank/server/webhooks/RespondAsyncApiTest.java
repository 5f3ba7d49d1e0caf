package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code Prefer: respond-async} on a write endpoint: 202 with a status resource at once, the request run in the
 * background, 303 to its answer once it is in (the answer it would have got: status, Location and body), and the
 * owner told by the webhook event operation.completed.
 */
class RespondAsyncApiTest extends CallbacksApiTestSupport {
    private static final Map<String, String> ASYNC = Map.of("Prefer", "respond-async, wait=10");

    @Test
    void runsATransferInTheBackgroundAndKeepsItsAnswerAsTheResult() {
        String owner = keyFor("app");
        Created subscription = subscribe(owner, "/ok/async-done", null, "operation.*");
        Accounts accounts = fundedAccounts();
        UUID transfer = UUID.randomUUID();

        ApiClient.Response accepted = api().post("/v1/transfers", owner, transferBody(transfer, accounts, 700), ASYNC);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
        assertThat(accepted.header("Retry-After")).isEqualTo("1");
        String location = accepted.header("Location");
        assertThat(location).startsWith("/v1/operations/");
        assertThat(accepted.json().path("kind").asString()).isEqualTo("request");
        ApiClient.Response done = await().atMost(WAIT).until(() -> api().get(location, owner),
                response -> response.status() == 303);
        assertThat(done.json().path("state").asString()).isEqualTo("succeeded");
        ApiClient.Response answer = api().get(done.header("Location"), owner);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo("/v1/transfers/" + transfer);
        assertThat(answer.json().path("id").asString()).isEqualTo(transfer.toString());
        assertThat(answer.json().path("amount").asLong()).isEqualTo(700);
        assertThat(balance(accounts.payee())).isEqualTo(700);

        WebhookReceiver.Received told = awaitOne("/ok/async-done");
        assertThat(told.secretsThatVerify()).containsExactly(subscription.secret());
        JsonNode detail = json(told.body()).path("data").path("detail");
        assertThat(detail.path("kind").asString()).isEqualTo("request");
        assertThat(detail.path("responseStatus").asInt()).isEqualTo(201);
    }

    @Test
    void keepsARefusalAsTheResultOfTheOperation() {
        Accounts accounts = fundedAccounts();

        ApiClient.Response accepted = api().post("/v1/transfers", ADMIN_KEY,
                transferBody(UUID.randomUUID(), accounts, 0), ASYNC);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        ApiClient.Response done = await().atMost(WAIT).until(() -> api().get(accepted.header("Location"), ADMIN_KEY),
                response -> response.status() == 303);
        ApiClient.Response answer = api().get(done.header("Location"), ADMIN_KEY);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("code")).isEqualTo("invalid_amount");
        assertThat(done.json().path("linesFailed").asLong()).isEqualTo(1);
    }

    @Test
    void refusesAMissingKeyAtOnceEvenWhenAsynchronousIsPreferred() {
        ApiClient.Response refused = api().post("/v1/transfers", null, "{}", ASYNC);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Preference-Applied")).isNull();
    }

    private static String transferBody(UUID id, Accounts accounts, long amount) {
        return """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":%d,"ledger":"USD","code":1101}"""
                .formatted(id, accounts.payer(), accounts.payee(), amount);
    }
}
