package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.server.accounts.ChartOfAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TransfersApiTest extends ApiTestSupport {
    @Test
    void createsTransferWith201AndMovesBothBalances() {
        UUID from = openCustomerAccount("USD");
        UUID to = openCustomerAccount("USD");
        deposit(from, 10_000);
        UUID id = UUID.randomUUID();

        ApiClient.Response created = api().post("/v1/transfers", ADMIN_KEY,
                transferJson(id, from, to, 2_500, "USD"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/transfers/" + id);
        assertThat(Long.parseLong(created.header("X-Ledger-Position"))).isPositive();
        JsonNode body = created.json();
        assertThat(body.path("id").asString()).isEqualTo(id.toString());
        assertThat(body.path("amount").asLong()).isEqualTo(2_500);
        assertThat(body.path("ledger").asString()).isEqualTo("USD");
        assertThat(body.path("createdAt").asString()).isNotBlank();
        assertThat(balance(from)).isEqualTo(7_500);
        assertThat(balance(to)).isEqualTo(2_500);
        assertThat(api().get("/v1/transfers/" + id, ADMIN_KEY).json()).isEqualTo(body);
    }

    @Test
    void repeatWithSameBodyAnswers200WithTheOriginalAndMovesNothing() {
        UUID from = openCustomerAccount("USD");
        UUID to = openCustomerAccount("USD");
        deposit(from, 10_000);
        String transfer = transferJson(UUID.randomUUID(), from, to, 1_000, "USD");

        ApiClient.Response first = api().post("/v1/transfers", ADMIN_KEY, transfer);
        ApiClient.Response repeat = api().post("/v1/transfers", ADMIN_KEY, transfer);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(balance(from)).isEqualTo(9_000);
    }

    @Test
    void repeatWithDifferentBodyAnswers409AndMovesNothing() {
        UUID from = openCustomerAccount("USD");
        UUID to = openCustomerAccount("USD");
        deposit(from, 10_000);
        UUID id = UUID.randomUUID();
        assertThat(api().post("/v1/transfers", ADMIN_KEY, transferJson(id, from, to, 1_000, "USD")).status())
                .isEqualTo(201);

        ApiClient.Response conflicting = api().post("/v1/transfers", ADMIN_KEY,
                transferJson(id, from, to, 1_001, "USD"));

        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.contentType()).startsWith("application/problem+json");
        assertThat(conflicting.text("code")).isEqualTo("exists_with_different_fields");
        assertThat(balance(from)).isEqualTo(9_000);
        assertThat(api().get("/v1/transfers/" + id, ADMIN_KEY).number("amount")).isEqualTo(1_000);
    }

    @Test
    void twentyThreadsSendingOneTransferIdApplyItExactlyOnce() throws Exception {
        UUID from = openCustomerAccount("USD");
        UUID to = openCustomerAccount("USD");
        deposit(from, 100_000);
        String transfer = transferJson(UUID.randomUUID(), from, to, 700, "USD");
        int threads = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int thread = 0; thread < threads; thread++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api().post("/v1/transfers", ADMIN_KEY, transfer);
                }));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                responses.add(answer.get());
            }

            assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(response -> response.status() == 200).hasSize(threads - 1);
            JsonNode original = responses.stream().filter(response -> response.status() == 201).findFirst()
                    .orElseThrow().json();
            assertThat(responses).allSatisfy(response -> assertThat(response.json()).isEqualTo(original));
        }
        assertThat(balance(from)).isEqualTo(100_000 - 700);
        assertThat(balance(to)).isEqualTo(700);
    }

    @Test
    void businessRejectionAnswers422NamingTheEngineResult() {
        UUID from = openCustomerAccount("USD");
        UUID to = openCustomerAccount("USD");
        deposit(from, 500);
        UUID id = UUID.randomUUID();

        ApiClient.Response rejected = api().post("/v1/transfers", ADMIN_KEY, transferJson(id, from, to, 501, "USD"));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.text("code")).isEqualTo("exceeds_credits");
        assertThat(rejected.text("type")).isEqualTo("urn:corebank:problem:exceeds_credits");
        assertThat(balance(from)).isEqualTo(500);
        assertThat(api().get("/v1/transfers/" + id, ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void holdIsPendingUntilPartlyPostedAndTheRestReleased() {
        UUID customer = openCustomerAccount("USD");
        UUID merchant = openCustomerAccount("USD");
        deposit(customer, 10_000);
        UUID hold = UUID.randomUUID();
        ApiClient.Response held = api().post("/v1/transfers", ADMIN_KEY, """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":4000,"ledger":"USD","code":1201,
                 "flags":["PENDING"],"timeoutSeconds":3600,"reference":"hotel"}""".formatted(hold, customer,
                merchant));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(held.text("pendingStatus")).isEqualTo("PENDING");
        JsonNode account = api().get("/v1/accounts/" + customer, ADMIN_KEY).json();
        assertThat(account.path("balance").asLong()).isEqualTo(10_000);
        assertThat(account.path("availableBalance").asLong()).isEqualTo(6_000);
        assertThat(account.path("debitsPending").asLong()).isEqualTo(4_000);

        ApiClient.Response posted = api().post("/v1/transfers", ADMIN_KEY, """
                {"id":"%s","pendingId":"%s","flags":["POST_PENDING"],"amount":3500}"""
                .formatted(UUID.randomUUID(), hold));

        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.number("amount")).isEqualTo(3_500);
        assertThat(posted.text("debitAccountId")).isEqualTo(customer.toString());
        assertThat(api().get("/v1/transfers/" + hold, ADMIN_KEY).text("pendingStatus")).isEqualTo("POSTED");
        account = api().get("/v1/accounts/" + customer, ADMIN_KEY).json();
        assertThat(account.path("balance").asLong()).isEqualTo(6_500);
        assertThat(account.path("availableBalance").asLong()).isEqualTo(6_500);
        ApiClient.Response voidAfterPost = api().post("/v1/transfers", ADMIN_KEY, """
                {"id":"%s","pendingId":"%s","flags":["VOID_PENDING"]}""".formatted(UUID.randomUUID(), hold));
        assertThat(voidAfterPost.status()).isEqualTo(422);
        assertThat(voidAfterPost.text("code")).isEqualTo("pending_transfer_already_posted");
    }

    @Test
    void batchAnswers200WithOneResultPerItemInOrder() {
        UUID from = openCustomerAccount("MMK");
        UUID to = openCustomerAccount("MMK");
        deposit(from, 1_000);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        String batch = "[" + transferJson(first, from, to, 600, "MMK") + ","
                + transferJson(second, from, to, 600, "MMK") + ","
                + transferJson(third, from, to, 400, "MMK") + "]";

        ApiClient.Response answered = api().post("/v1/transfers/batch", ADMIN_KEY, batch);

        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.header("X-Ledger-Position")).isNotNull();
        JsonNode results = answered.json();
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(0).path("index").asInt()).isEqualTo(0);
        assertThat(results.get(0).path("id").asString()).isEqualTo(first.toString());
        assertThat(results.get(0).path("result").asString()).isEqualTo("ok");
        assertThat(results.get(1).path("result").asString()).isEqualTo("exceeds_credits");
        assertThat(results.get(2).path("id").asString()).isEqualTo(third.toString());
        assertThat(results.get(2).path("result").asString()).isEqualTo("ok");
        assertThat(balance(from)).isZero();

        ApiClient.Response repeated = api().post("/v1/transfers/batch", ADMIN_KEY, batch);
        assertThat(repeated.json().get(0).path("result").asString()).isEqualTo("exists");
        assertThat(repeated.json().get(1).path("result").asString()).isEqualTo("exceeds_credits");
        assertThat(balance(from)).isZero();
    }

    @Test
    void depositAndWithdrawalMoveAgainstTheLedgersCashAccount() {
        UUID account = openCustomerAccount("MMK");
        UUID depositId = UUID.randomUUID();
        String deposit = "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":50000,\"reference\":\"till 3\"}"
                .formatted(depositId, account);

        ApiClient.Response deposited = api().post("/v1/deposits", ADMIN_KEY, deposit);
        ApiClient.Response again = api().post("/v1/deposits", ADMIN_KEY, deposit);
        ApiClient.Response withdrawn = api().post("/v1/withdrawals", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":20000}".formatted(UUID.randomUUID(), account));
        ApiClient.Response overdrawn = api().post("/v1/withdrawals", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":30001}".formatted(UUID.randomUUID(), account));

        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(201);
        assertThat(deposited.text("creditAccountId")).isEqualTo(account.toString());
        assertThat(deposited.text("debitAccountId")).isEqualTo(
                ChartOfAccounts.id("MMK", ChartOfAccounts.GlAccount.CASH).toString());
        assertThat(deposited.text("ledger")).isEqualTo("MMK");
        assertThat(again.status()).isEqualTo(200);
        assertThat(withdrawn.status()).isEqualTo(201);
        assertThat(withdrawn.text("creditAccountId")).isEqualTo(deposited.text("debitAccountId"));
        assertThat(overdrawn.status()).isEqualTo(422);
        assertThat(overdrawn.text("code")).isEqualTo("exceeds_credits");
        assertThat(balance(account)).isEqualTo(30_000);
    }

    @Test
    void traceIdOfTheRequestIsWrittenIntoItsJournalEntry() {
        UUID from = openCustomerAccount("USD");
        UUID to = openCustomerAccount("USD");
        deposit(from, 1_000);
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        ApiClient.Response created = api().post("/v1/transfers", ADMIN_KEY,
                transferJson(UUID.randomUUID(), from, to, 10, "USD"),
                Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));

        assertThat(created.status()).isEqualTo(201);
        long position = Long.parseLong(created.header("X-Ledger-Position"));
        try (JournalReader reader = engine.openReader()) {
            JournalEntry entry = reader.read(position, 1).getFirst();
            assertThat(entry.sequence()).isEqualTo(position);
            assertThat(entry.traceId().toHex()).isEqualTo(traceId);
        }
    }

    @Test
    void unknownTransferIs404() {
        ApiClient.Response missing = api().get("/v1/transfers/" + UUID.randomUUID(), ADMIN_KEY);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("code")).isEqualTo("transfer_not_found");
    }
}
