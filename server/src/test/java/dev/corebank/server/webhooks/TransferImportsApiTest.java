package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fire and forget: a file of transfers is accepted with 202 and a status resource, applied in the background line by
 * line, reported on with progress and a result file of per-line codes, and its end is announced by the webhook event
 * operation.completed to the owner's subscription.
 */
class TransferImportsApiTest extends CallbacksApiTestSupport {
    private static final Duration IMPORT_WAIT = Duration.ofSeconds(60);

    @Test
    void importsNdjsonWithAResultPerLineAndTellsTheOwnerByWebhookWhenDone() {
        String owner = keyFor("app");
        Created subscription = subscribe(owner, "/ok/imports-done", null, "operation.completed");
        Accounts accounts = fundedAccounts();
        UUID first = UUID.randomUUID();
        String file = String.join("\n",
                line(first, accounts, 100),
                line(UUID.randomUUID(), accounts, 200),
                "{\"id\": not json",
                line(UUID.randomUUID(), accounts, 5_000_000),
                line(first, accounts, 100),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"debitAccountId\":\"" + accounts.payer() + "\"}") + "\n";

        ApiClient.Response accepted = upload(owner, "application/x-ndjson", file);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.header("Location")).startsWith("/v1/operations/");
        assertThat(accepted.header("Retry-After")).isEqualTo("1");
        assertThat(accepted.json().path("linesTotal").asLong()).isEqualTo(6);
        JsonNode done = awaitDone(owner, accepted.header("Location"));
        assertThat(done.path("state").asString()).isEqualTo("succeeded");
        assertThat(done.path("linesOk").asLong()).isEqualTo(3);
        assertThat(done.path("linesFailed").asLong()).isEqualTo(3);
        assertThat(done.path("percentDone").asDouble()).isEqualTo(100.0);
        List<String> rows = result(owner, done);
        assertThat(rows.getFirst()).isEqualTo("line,id,result,detail");
        assertThat(rows.get(1)).isEqualTo("1," + first + ",ok,");
        assertThat(rows.get(2)).endsWith(",ok,");
        assertThat(rows.get(3)).startsWith("3,,malformed,");
        assertThat(rows.get(4)).endsWith(",exceeds_credits,");
        assertThat(rows.get(5)).isEqualTo("5," + first + ",exists,");
        assertThat(rows.get(6)).startsWith("6,,missing_field,").contains("creditAccountId");
        assertThat(rows).hasSize(7);
        assertThat(balance(accounts.payee())).as("the duplicate line moved nothing").isEqualTo(300);

        WebhookReceiver.Received told = awaitOne("/ok/imports-done");
        assertThat(told.secretsThatVerify()).containsExactly(subscription.secret());
        JsonNode event = json(told.body());
        assertThat(event.path("type").asString()).isEqualTo("dev.corebank.operation.completed.v1");
        JsonNode detail = event.path("data").path("detail");
        assertThat(detail.path("operationId").asString()).isEqualTo(done.path("id").asString());
        assertThat(detail.path("linesOk").asLong()).isEqualTo(3);
        assertThat(detail.path("result").asString()).isEqualTo(done.path("result").asString());
    }

    @Test
    void importsCsvWithAHeaderAndQuotedReferences() {
        Accounts accounts = fundedAccounts();
        UUID id = UUID.randomUUID();
        String file = "id,debitAccountId,creditAccountId,amount,ledger,code,reference\r\n"
                + id + "," + accounts.payer() + "," + accounts.payee() + ",250,USD,1101,\"payroll, \"\"March\"\"\"\r\n"
                + UUID.randomUUID() + "," + accounts.payer() + "," + accounts.payee() + ",ten,USD,1101,\r\n";

        ApiClient.Response accepted = upload(ADMIN_KEY, "text/csv", file);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode done = awaitDone(ADMIN_KEY, accepted.header("Location"));
        List<String> rows = result(ADMIN_KEY, done);
        assertThat(rows.get(1)).isEqualTo("1," + id + ",ok,");
        assertThat(rows.get(2)).startsWith("2,,malformed,").contains("amount");
        assertThat(api().get("/v1/transfers/" + id, ADMIN_KEY).json().path("reference").asString())
                .isEqualTo("payroll, \"March\"");
    }

    @Test
    void reportsProgressWhileRunningAndAnEstimateOfTheTimeLeft() {
        Accounts accounts = fundedAccounts();
        StringBuilder file = new StringBuilder();
        for (int index = 0; index < 10_000; index++) {
            file.append(line(UUID.randomUUID(), accounts, 1)).append('\n');
        }

        ApiClient.Response accepted = upload(ADMIN_KEY, "application/x-ndjson", file.toString());

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        // 200 batches of 50 lines, one journal entry each: the first reading comes long before the last batch.
        ApiClient.Response running = await().atMost(IMPORT_WAIT).until(
                () -> api().get(accepted.header("Location"), ADMIN_KEY),
                response -> response.status() == 303 || response.json().path("linesDone").asLong() > 0);
        assertThat(running.status()).as(running.toString()).isEqualTo(200);
        assertThat(running.header("Retry-After")).isEqualTo("1");
        assertThat(running.json().path("state").asString()).isEqualTo("running");
        assertThat(running.json().path("linesTotal").asLong()).isEqualTo(10_000);
        assertThat(running.json().path("linesDone").asLong()).isBetween(1L, 9_999L);
        assertThat(running.json().path("etaSeconds").isIntegralNumber()).as(running.toString()).isTrue();
        JsonNode done = awaitDone(ADMIN_KEY, accepted.header("Location"));
        assertThat(done.path("linesOk").asLong()).isEqualTo(10_000);
        assertThat(done.path("etaSeconds").asLong()).isZero();
        assertThat(balance(accounts.payee())).isEqualTo(10_000);
    }

    @Test
    void refusesAFileThatCannotBeReadAtOnceWithAProblem() {
        byte[] notText = {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'};
        ApiClient.Response binary = api().post("/v1/transfer-imports", ADMIN_KEY, notText,
                Map.of("Content-Type", "application/x-ndjson"));
        ApiClient.Response noHeader = upload(ADMIN_KEY, "text/csv", "a,b,c\n1,2,3\n");
        ApiClient.Response empty = upload(ADMIN_KEY, "application/x-ndjson", "");
        ApiClient.Response json = upload(ADMIN_KEY, "application/json", "[]");

        assertThat(binary.status()).as(binary.toString()).isEqualTo(415);
        assertThat(binary.text("code")).isEqualTo("import_unreadable");
        assertThat(binary.contentType()).startsWith("application/problem+json");
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.text("code")).isEqualTo("import_header_invalid");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("code")).isEqualTo("import_empty");
        assertThat(json.status()).isEqualTo(415);
    }

    @Test
    void anOperationBelongsToTheKeyThatStartedIt() {
        Accounts accounts = fundedAccounts();
        ApiClient.Response accepted = upload(ADMIN_KEY, "application/x-ndjson",
                line(UUID.randomUUID(), accounts, 1) + "\n");
        String other = keyFor("teller");

        assertThat(api().get(accepted.header("Location"), other).status()).isEqualTo(404);
        assertThat(api().post("/v1/transfer-imports", keyFor("auditor"), "x\n",
                Map.of("Content-Type", "application/x-ndjson")).status()).isEqualTo(403);
    }

    private ApiClient.Response upload(String key, String contentType, String body) {
        return api().post("/v1/transfer-imports", key, body.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", contentType));
    }

    private JsonNode awaitDone(String key, String location) {
        ApiClient.Response done = await().atMost(IMPORT_WAIT).until(() -> api().get(location, key),
                response -> response.status() == 303);
        assertThat(done.header("Location")).isEqualTo(location + "/result");
        return done.json();
    }

    private List<String> result(String key, JsonNode done) {
        ApiClient.Response result = api().get(done.path("result").asString(), key);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.contentType()).startsWith("text/csv");
        return result.body().lines().toList();
    }

    private static String line(UUID id, Accounts accounts, long amount) {
        return "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,\"ledger\":\"USD\","
                .formatted(id, accounts.payer(), accounts.payee(), amount) + "\"code\":1101}";
    }
}
