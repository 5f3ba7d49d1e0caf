package dev.corebank.server.api;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccountsApiTest extends ApiTestSupport {
    @Test
    void opensAccountWithGeneratedIdAndShowsEveryContractField() {
        ApiClient.Response opened = api().post("/v1/accounts", ADMIN_KEY, """
                {"ledger":"MMK","type":"LIABILITY","code":2002,"flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],
                 "name":"Daw Mya current","customerId":"C-2001"}""");

        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode account = opened.json();
        String id = account.path("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(opened.header("Location")).isEqualTo("/v1/accounts/" + id);
        assertThat(opened.header("X-Ledger-Position")).matches("[0-9]+");
        JsonNode read = api().get("/v1/accounts/" + id, ADMIN_KEY).json();
        assertThat(read).isEqualTo(account);
        assertThat(read.path("ledger").asString()).isEqualTo("MMK");
        assertThat(read.path("type").asString()).isEqualTo("LIABILITY");
        assertThat(read.path("code").asInt()).isEqualTo(2002);
        assertThat(read.path("flags").get(0).asString()).isEqualTo("DEBITS_MUST_NOT_EXCEED_CREDITS");
        for (String balance : new String[] {"debitsPending", "debitsPosted", "creditsPending", "creditsPosted",
                "balance", "availableBalance"}) {
            assertThat(read.path(balance).isIntegralNumber()).as(balance).isTrue();
            assertThat(read.path(balance).asLong()).as(balance).isZero();
        }
        assertThat(read.path("createdAt").asString()).endsWith("Z");
        assertThat(read.path("name").asString()).isEqualTo("Daw Mya current");
        assertThat(read.path("customerId").asString()).isEqualTo("C-2001");
    }

    @Test
    void sameIdAndBodyIsAnIdempotentRepeatAndADifferentNameIsAConflict() {
        UUID id = UUID.randomUUID();
        String body = "{\"id\":\"%s\",\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1500,\"name\":\"%s\"}";

        ApiClient.Response first = api().post("/v1/accounts", ADMIN_KEY, body.formatted(id, "nostro"));
        ApiClient.Response repeat = api().post("/v1/accounts", ADMIN_KEY, body.formatted(id, "nostro"));
        ApiClient.Response renamed = api().post("/v1/accounts", ADMIN_KEY, body.formatted(id, "vostro"));
        ApiClient.Response retyped = api().post("/v1/accounts", ADMIN_KEY,
                body.formatted(id, "nostro").replace("ASSET", "EXPENSE"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertProblem(renamed, 409, "exists_with_different_fields");
        assertProblem(retyped, 409, "exists_with_different_fields");
        assertThat(api().get("/v1/accounts/" + id, ADMIN_KEY).text("name")).isEqualTo("nostro");
    }

    @Test
    void batchOpensEachAccountAndReportsEachResult() {
        UUID first = UUID.randomUUID();
        UUID existing = openCustomerAccount("USD");
        String batch = """
                [{"id":"%s","ledger":"USD","type":"LIABILITY","code":2001,"name":"one"},
                 {"id":"%s","ledger":"USD","type":"LIABILITY","code":2001,
                  "flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],"name":"test customer","customerId":"T-1"},
                 {"id":"%s","ledger":"USD","type":"LIABILITY","code":2001,"flags":["CLOSED"]}]"""
                .formatted(first, existing, UUID.randomUUID());

        ApiClient.Response answered = api().post("/v1/accounts/batch", ADMIN_KEY, batch);

        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        JsonNode results = answered.json();
        assertThat(results.get(0).path("result").asString()).isEqualTo("ok");
        assertThat(results.get(1).path("result").asString()).isEqualTo("exists");
        assertThat(results.get(2).path("result").asString()).isEqualTo("account_closed");
        assertThat(results.get(2).path("index").asInt()).isEqualTo(2);
        assertThat(api().get("/v1/accounts/" + first, ADMIN_KEY).text("name")).isEqualTo("one");
        assertThat(api().get("/v1/accounts/" + results.get(2).path("id").asString(), ADMIN_KEY).status())
                .isEqualTo(404);
    }

    @Test
    void batchWithTheSameIdTwiceIsRefused() {
        UUID id = UUID.randomUUID();
        String item = "{\"id\":\"" + id + "\",\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1}";

        assertProblem(api().post("/v1/accounts/batch", ADMIN_KEY, "[" + item + "," + item + "]"), 400,
                "duplicate_id");
        assertThat(api().get("/v1/accounts/" + id, ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void frozenAccountRefusesTransfersUntilUnfrozen() {
        UUID account = openCustomerAccount("USD");
        UUID other = openCustomerAccount("USD");
        deposit(account, 1_000);

        ApiClient.Response frozen = api().post("/v1/accounts/" + account + "/freeze", ADMIN_KEY, "");
        ApiClient.Response refused = api().post("/v1/transfers", ADMIN_KEY,
                transferJson(UUID.randomUUID(), account, other, 100, "USD"));
        ApiClient.Response unfrozen = api().post("/v1/accounts/" + account + "/unfreeze", ADMIN_KEY, "");
        ApiClient.Response moved = api().post("/v1/transfers", ADMIN_KEY,
                transferJson(UUID.randomUUID(), account, other, 100, "USD"));

        assertThat(frozen.status()).isEqualTo(200);
        assertThat(frozen.json().path("flags").toString()).contains("FROZEN");
        assertProblem(refused, 422, "account_frozen");
        assertThat(unfrozen.status()).isEqualTo(200);
        assertThat(unfrozen.json().path("flags").toString()).doesNotContain("FROZEN");
        assertThat(moved.status()).isEqualTo(201);
        assertThat(balance(account)).isEqualTo(900);
    }

    @Test
    void closeNeedsAZeroBalanceAndIsFinal() {
        UUID account = openCustomerAccount("MMK");
        deposit(account, 500);

        assertProblem(api().post("/v1/accounts/" + account + "/close", ADMIN_KEY, ""), 422,
                "account_balance_not_zero");
        ApiClient.Response withdrawn = api().post("/v1/withdrawals", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":500}".formatted(UUID.randomUUID(), account));
        assertThat(withdrawn.status()).isEqualTo(201);
        ApiClient.Response closed = api().post("/v1/accounts/" + account + "/close", ADMIN_KEY, "");

        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().path("flags").toString()).contains("CLOSED");
        assertProblem(api().post("/v1/accounts/" + account + "/unfreeze", ADMIN_KEY, ""), 422, "account_closed");
        assertProblem(api().post("/v1/deposits", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":1}".formatted(UUID.randomUUID(), account)), 422,
                "account_closed");
    }

    @Test
    void replacingTheProfileIsJournaledAndARepeatOfTheOldOpenIsThenAConflict() {
        UUID id = UUID.randomUUID();
        String open = "{\"id\":\"%s\",\"ledger\":\"USD\",\"type\":\"LIABILITY\",\"code\":2001,"
                + "\"name\":\"Aye Aye\",\"customerId\":\"C-4711\"}";
        assertThat(api().post("/v1/accounts", ADMIN_KEY, open.formatted(id)).status()).isEqualTo(201);
        long before = engine.committedPosition();

        ApiClient.Response renamed = api().put("/v1/accounts/" + id + "/profile", ADMIN_KEY,
                "{\"name\":\"Aye Aye Mon\",\"customerId\":\"C-4711\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("Aye Aye Mon");
        assertThat(Long.parseLong(renamed.header("X-Ledger-Position"))).isGreaterThan(before);
        assertThat(api().get("/v1/accounts/" + id, ADMIN_KEY).text("name")).isEqualTo("Aye Aye Mon");
        // The read model projects the change too: a read waiting for its position is answered, not refused as behind.
        ApiClient.Response history = api().send(api().builder("/v1/accounts/" + id + "/transfers", ADMIN_KEY,
                java.util.Map.of("X-Min-Position", renamed.header("X-Ledger-Position"))).GET());
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertProblem(api().post("/v1/accounts", ADMIN_KEY, open.formatted(id)), 409,
                "exists_with_different_fields");
        assertProblem(api().put("/v1/accounts/" + UUID.randomUUID() + "/profile", ADMIN_KEY, "{\"name\":\"x\"}"),
                404, "account_not_found");
        assertProblem(api().put("/v1/accounts/" + id + "/profile", ADMIN_KEY, "{\"name\":\"" + "n".repeat(201)
                + "\"}"), 400, "invalid_field");
    }

    @Test
    void unknownAccountIs404ForReadsAndChanges() {
        UUID missing = UUID.randomUUID();

        assertProblem(api().get("/v1/accounts/" + missing, ADMIN_KEY), 404, "account_not_found");
        assertProblem(api().post("/v1/accounts/" + missing + "/freeze", ADMIN_KEY, ""), 404, "account_not_found");
        assertProblem(api().post("/v1/deposits", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":1}".formatted(UUID.randomUUID(), missing)), 422,
                "account_not_found");
    }

    @Test
    void idempotencyKeyReplaysTheStoredResponseForTheSameBody() {
        String body = "{\"ledger\":\"USD\",\"type\":\"LIABILITY\",\"code\":2001,\"name\":\"keyed\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "open-" + UUID.randomUUID());

        ApiClient.Response first = api().post("/v1/accounts", ADMIN_KEY, body, key);
        ApiClient.Response repeat = api().post("/v1/accounts", ADMIN_KEY, body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.header("X-Ledger-Position")).isEqualTo(first.header("X-Ledger-Position"));
        assertThat(api().get(first.header("Location"), ADMIN_KEY).status()).isEqualTo(200);
    }

    @Test
    void idempotencyKeyReusedForADifferentBodyIsRefusedWith422() {
        Map<String, String> key = Map.of("Idempotency-Key", "open-" + UUID.randomUUID());
        UUID second = UUID.randomUUID();
        api().post("/v1/accounts", ADMIN_KEY, "{\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1}", key);

        ApiClient.Response reused = api().post("/v1/accounts", ADMIN_KEY,
                "{\"id\":\"" + second + "\",\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":2}", key);
        ApiClient.Response otherPath = api().post("/v1/accounts/batch", ADMIN_KEY,
                "[{\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1}]", key);

        assertProblem(reused, 422, "idempotency_key_reused");
        assertProblem(otherPath, 422, "idempotency_key_reused");
        assertThat(api().get("/v1/accounts/" + second, ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void idempotencyKeysBelongToTheirApiKey() {
        Map<String, String> key = Map.of("Idempotency-Key", "shared-" + UUID.randomUUID());
        String teller = keyFor("teller");

        ApiClient.Response byAdmin = api().post("/v1/accounts", ADMIN_KEY,
                "{\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1}", key);
        ApiClient.Response byTeller = api().post("/v1/accounts", teller,
                "{\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1}", key);

        assertThat(byAdmin.status()).isEqualTo(201);
        assertThat(byTeller.status()).isEqualTo(201);
        assertThat(byTeller.text("id")).isNotEqualTo(byAdmin.text("id"));
    }

    @Test
    void refusedRequestDoesNotUseUpItsIdempotencyKey() {
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());

        ApiClient.Response malformed = api().post("/v1/accounts", ADMIN_KEY, "{\"ledger\":", key);
        ApiClient.Response fixed = api().post("/v1/accounts", ADMIN_KEY,
                "{\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1}", key);

        assertProblem(malformed, 400, "malformed_json");
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
    }

    @Test
    void invalidIdempotencyKeyIsRefusedWith400() {
        assertProblem(api().post("/v1/accounts", ADMIN_KEY, "{}", Map.of("Idempotency-Key", "x".repeat(256))), 400,
                "invalid_idempotency_key");
    }
}
