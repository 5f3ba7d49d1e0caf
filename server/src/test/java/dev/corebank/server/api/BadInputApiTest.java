package dev.corebank.server.api;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind is answered with a 4xx problem+json that names what was wrong, and changes nothing: no
 * balance moves and, for input refused before the engine, not even a journal entry is written.
 */
class BadInputApiTest extends ApiTestSupport {
    private static final UUID FROM = UUID.randomUUID();
    private static final UUID TO = UUID.randomUUID();
    private static boolean accountsOpened;

    @BeforeEach
    void openAccountsOnce() {
        if (!accountsOpened) {
            openCustomerAccountWithId(FROM, "USD");
            openCustomerAccountWithId(TO, "USD");
            deposit(FROM, 10_000);
            accountsOpened = true;
        }
    }

    static Stream<Arguments> badTransfers() {
        String id = UUID.randomUUID().toString();
        String good = "\"id\":\"" + id + "\",\"debitAccountId\":\"" + FROM + "\",\"creditAccountId\":\"" + TO + "\"";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"id\":", "malformed_json"),
                Arguments.of("not JSON at all", "hello", "malformed_json"),
                Arguments.of("empty body", "", "malformed_json"),
                Arguments.of("trailing garbage", "{" + good + ",\"amount\":1,\"ledger\":\"USD\",\"code\":1} x",
                        "malformed_json"),
                Arguments.of("duplicate field", "{" + good + ",\"amount\":1,\"amount\":2,\"ledger\":\"USD\","
                        + "\"code\":1}", "malformed_json"),
                Arguments.of("amount as a string", "{" + good + ",\"amount\":\"100\",\"ledger\":\"USD\",\"code\":1}",
                        "invalid_field"),
                Arguments.of("amount with a fraction", "{" + good + ",\"amount\":10.5,\"ledger\":\"USD\",\"code\":1}",
                        "invalid_field"),
                Arguments.of("amount in exponent form", "{" + good + ",\"amount\":1e3,\"ledger\":\"USD\","
                        + "\"code\":1}", "invalid_field"),
                Arguments.of("ledger as a number", "{" + good + ",\"amount\":1,\"ledger\":840,\"code\":1}",
                        "invalid_field"),
                Arguments.of("code as a boolean", "{" + good + ",\"amount\":1,\"ledger\":\"USD\",\"code\":true}",
                        "invalid_field"),
                Arguments.of("flags as a string", "{" + good + ",\"amount\":1,\"ledger\":\"USD\",\"code\":1,"
                        + "\"flags\":\"PENDING\"}", "invalid_field"),
                Arguments.of("an array instead of an object", "[{" + good + ",\"amount\":1,\"ledger\":\"USD\","
                        + "\"code\":1}]", "invalid_field"),
                Arguments.of("missing amount", "{" + good + ",\"ledger\":\"USD\",\"code\":1}", "missing_field"),
                Arguments.of("missing ledger", "{" + good + ",\"amount\":1,\"code\":1}", "missing_field"),
                Arguments.of("missing code", "{" + good + ",\"amount\":1,\"ledger\":\"USD\"}", "missing_field"),
                Arguments.of("missing id", "{\"debitAccountId\":\"" + FROM + "\",\"creditAccountId\":\"" + TO
                        + "\",\"amount\":1,\"ledger\":\"USD\",\"code\":1}", "missing_field"),
                Arguments.of("missing debit account", "{\"id\":\"" + id + "\",\"creditAccountId\":\"" + TO
                        + "\",\"amount\":1,\"ledger\":\"USD\",\"code\":1}", "missing_field"),
                Arguments.of("null amount", "{" + good + ",\"amount\":null,\"ledger\":\"USD\",\"code\":1}",
                        "missing_field"),
                Arguments.of("unknown field", "{" + good + ",\"amount\":1,\"amout\":1,\"ledger\":\"USD\",\"code\":1}",
                        "unknown_field"),
                Arguments.of("zero amount", "{" + good + ",\"amount\":0,\"ledger\":\"USD\",\"code\":1}",
                        "invalid_amount"),
                Arguments.of("negative amount", "{" + good + ",\"amount\":-5,\"ledger\":\"USD\",\"code\":1}",
                        "invalid_amount"),
                Arguments.of("amount past the largest long", "{" + good + ",\"amount\":9223372036854775808,"
                        + "\"ledger\":\"USD\",\"code\":1}", "invalid_field"),
                Arguments.of("amount far past the largest long", "{" + good + ",\"amount\":"
                        + "100000000000000000000000000000,\"ledger\":\"USD\",\"code\":1}", "invalid_field"),
                Arguments.of("unknown currency", "{" + good + ",\"amount\":1,\"ledger\":\"XYZ\",\"code\":1}",
                        "unknown_currency"),
                Arguments.of("currency in lowercase", "{" + good + ",\"amount\":1,\"ledger\":\"usd\",\"code\":1}",
                        "unknown_currency"),
                Arguments.of("bad UUID", "{\"id\":\"not-a-uuid\",\"debitAccountId\":\"" + FROM
                        + "\",\"creditAccountId\":\"" + TO + "\",\"amount\":1,\"ledger\":\"USD\",\"code\":1}",
                        "invalid_field"),
                Arguments.of("UUID in base64", "{\"id\":\"AAAAAAAAAAAAAAAAAAAAAQ==\",\"debitAccountId\":\"" + FROM
                        + "\",\"creditAccountId\":\"" + TO + "\",\"amount\":1,\"ledger\":\"USD\",\"code\":1}",
                        "invalid_field"),
                Arguments.of("all-zero id", "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"debitAccountId\":\""
                        + FROM + "\",\"creditAccountId\":\"" + TO + "\",\"amount\":1,\"ledger\":\"USD\",\"code\":1}",
                        "invalid_field"),
                Arguments.of("unknown flag", "{" + good + ",\"amount\":1,\"ledger\":\"USD\",\"code\":1,"
                        + "\"flags\":[\"FAST\"]}", "invalid_field"),
                Arguments.of("negative code", "{" + good + ",\"amount\":1,\"ledger\":\"USD\",\"code\":-1}",
                        "invalid_field"),
                Arguments.of("reference over 64 bytes", "{" + good + ",\"amount\":1,\"ledger\":\"USD\",\"code\":1,"
                        + "\"reference\":\"" + "é".repeat(33) + "\"}", "invalid_field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTransfers")
    void badTransferIsRefusedWith400AndChangesNothing(String what, String body, String code) {
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);

        ApiClient.Response refused = api().post("/v1/transfers", ADMIN_KEY, body);

        assertProblem(refused, 400, code);
        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
        assertThat(balance(FROM)).isEqualTo(10_000);
        assertThat(balance(TO)).isZero();
    }

    static Stream<Arguments> otherBadRequests() {
        return Stream.of(
                Arguments.of("/v1/transfers/batch", "[]", 400, "batch_empty"),
                // An optional body may be empty, not the literal null (found by the fuzz test).
                Arguments.of("/v1/eod", "null", 400, "malformed_json"),
                Arguments.of("/v1/transfers/batch", "[null]", 400, "invalid_field"),
                Arguments.of("/v1/transfers/batch", "{}", 400, "invalid_field"),
                Arguments.of("/v1/deposits", "{\"id\":\"" + UUID.randomUUID() + "\",\"amount\":5}", 400,
                        "missing_field"),
                Arguments.of("/v1/deposits", "{\"id\":\"" + UUID.randomUUID() + "\",\"accountId\":\"" + TO
                        + "\",\"amount\":0}", 400, "invalid_amount"),
                Arguments.of("/v1/withdrawals", "{\"id\":\"" + UUID.randomUUID() + "\",\"accountId\":\"" + FROM
                        + "\",\"amount\":5,\"till\":3}", 400, "unknown_field"),
                Arguments.of("/v1/accounts", "{\"ledger\":\"EURO\",\"type\":\"LIABILITY\",\"code\":1}", 400,
                        "unknown_currency"),
                Arguments.of("/v1/accounts", "{\"ledger\":\"USD\",\"type\":\"DEPOSIT\",\"code\":1}", 400,
                        "invalid_field"),
                Arguments.of("/v1/accounts", "{\"ledger\":\"USD\",\"code\":1}", 400, "missing_field"),
                Arguments.of("/v1/accounts", "{\"ledger\":\"USD\",\"type\":\"LIABILITY\",\"code\":1,"
                        + "\"flags\":[\"GOLD\"]}", 400, "invalid_field"),
                Arguments.of("/v1/accounts/batch", "[{\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1},"
                        + "{\"ledger\":\"USD\",\"type\":\"ASSET\"}]", 400, "missing_field"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("otherBadRequests")
    void otherBadRequestIsRefusedAndChangesNothing(String path, String body, int status, String code) {
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);

        assertProblem(api().post(path, ADMIN_KEY, body), status, code);

        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
        assertThat(balance(FROM)).isEqualTo(10_000);
    }

    @Test
    void ledgerMismatchIsABusinessRejectionThatMovesNothing() {
        UUID kyat = openCustomerAccount("MMK");
        UUID id = UUID.randomUUID();

        ApiClient.Response refused = api().post("/v1/transfers", ADMIN_KEY, transferJson(id, FROM, kyat, 100, "USD"));

        assertProblem(refused, 422, "ledger_mismatch");
        assertThat(balance(FROM)).isEqualTo(10_000);
        assertThat(balance(kyat)).isZero();
        assertThat(api().get("/v1/transfers/" + id, ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void tenMegabyteBodyIsRefusedWith413BeforeItIsRead() {
        byte[] body = tenMegabytesOfJson();
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);

        ApiClient.Response refused = api().post("/v1/transfers/batch", ADMIN_KEY, body,
                Map.of("Content-Type", "application/json"));

        assertProblem(refused, 413, "body_too_large");
        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
    }

    @Test
    void tenMegabyteChunkedBodyIsRefusedWith413WhileItIsRead() {
        byte[] body = tenMegabytesOfJson();
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);
        HttpRequest.Builder chunked = api().builder("/v1/transfers/batch", ADMIN_KEY,
                        Map.of("Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        ApiClient.Response refused = api().send(chunked);

        assertProblem(refused, 413, "body_too_large");
        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUtf8")
    void bodyThatIsNotUtf8IsRefusedWith400AndChangesNothing(String what, byte[] bad) {
        // The bytes land inside the account's name: a lenient reader would journal a lone surrogate or a '?'.
        String before = "[{\"id\":\"" + UUID.randomUUID() + "\",\"ledger\":\"USD\",\"type\":\"LIABILITY\","
                + "\"code\":2001,\"name\":\"A";
        byte[] body = concat(before.getBytes(StandardCharsets.UTF_8), bad, "lice\"}]".getBytes(StandardCharsets.UTF_8));
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);

        for (Map<String, String> headers : java.util.List.of(Map.of("Content-Type", "application/json"),
                Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString()))) {
            ApiClient.Response refused = api().post("/v1/accounts/batch", ADMIN_KEY, body, headers);

            assertProblem(refused, 400, "invalid_encoding");
        }
        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
    }

    static Stream<Arguments> notUtf8() {
        return Stream.of(
                Arguments.of("an encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("a bad continuation", new byte[] {(byte) 0xC3, (byte) 0x28}),
                Arguments.of("a byte never in UTF-8", new byte[] {(byte) 0xFF}),
                Arguments.of("an overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                Arguments.of("a cut-off character", new byte[] {(byte) 0xE2, (byte) 0x82}));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void batchOfOneMoreThanTheEngineTakesIsRefusedWith413() {
        int size = engine.config().batchSizeMax() + 1;
        StringBuilder batch = new StringBuilder("[");
        for (int index = 0; index < size; index++) {
            batch.append(index == 0 ? "" : ",").append(transferJson(UUID.randomUUID(), FROM, TO, 1, "USD"));
        }
        batch.append(']');
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);

        ApiClient.Response refused = api().post("/v1/transfers/batch", ADMIN_KEY, batch.toString());

        assertThat(size).isEqualTo(8190);
        assertProblem(refused, 413, "batch_too_large");
        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
        assertThat(balance(FROM)).isEqualTo(10_000);
    }

    @Test
    void badUuidInThePathIsRefusedWith400() {
        assertProblem(api().get("/v1/accounts/not-a-uuid", ADMIN_KEY), 400, "invalid_id");
        assertProblem(api().get("/v1/transfers/1-2-3-4-5", ADMIN_KEY), 400, "invalid_id");
        assertProblem(api().post("/v1/accounts/zzz/freeze", ADMIN_KEY, ""), 400, "invalid_id");
    }

    @Test
    void missingOrUnknownKeyIsRefusedWith401() {
        String transfer = transferJson(UUID.randomUUID(), FROM, TO, 1, "USD");
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);

        ApiClient.Response missing = api().post("/v1/transfers", null, transfer);
        ApiClient.Response unknown = api().post("/v1/transfers", "cbk_no-such-key-0123456789", transfer);
        ApiClient.Response wrongScheme = api().post("/v1/transfers", null, transfer,
                Map.of("Authorization", "Basic " + ADMIN_KEY));

        assertProblem(missing, 401, "api_key_missing");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(unknown, 401, "api_key_invalid");
        assertProblem(wrongScheme, 401, "api_key_invalid");
        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
    }

    @Test
    void revokedKeyIsRefusedWith401() {
        ApiClient.Response created = api().post("/v1/admin/keys", ADMIN_KEY,
                "{\"role\":\"app\",\"name\":\"soon revoked\"}");
        String secret = created.text("secret");
        String transfer = transferJson(UUID.randomUUID(), FROM, TO, 1, "USD");
        assertThat(api().get("/v1/accounts/" + FROM, secret).status()).isEqualTo(200);

        ApiClient.Response revoked = api().post("/v1/admin/keys/" + created.text("keyId") + "/revoke", ADMIN_KEY, "");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("revokedAt")).isNotBlank();
        assertProblem(api().post("/v1/transfers", secret, transfer), 401, "api_key_invalid");
        assertProblem(api().get("/v1/accounts/" + FROM, secret), 401, "api_key_invalid");
        assertThat(balance(FROM)).isEqualTo(10_000);
    }

    @Test
    void roleThatMayNotMoveMoneyIsRefusedWith403() {
        String auditor = keyFor("auditor");
        long positionBefore = engine.committedPosition();
        String stateBefore = TestEngines.stateHash(engine);

        ApiClient.Response refused = api().post("/v1/transfers", auditor,
                transferJson(UUID.randomUUID(), FROM, TO, 1, "USD"));

        assertProblem(refused, 403, "role_not_allowed");
        TestEngines.assertOnlyRefusalsJournaled(engine, positionBefore, stateBefore);
        assertThat(balance(FROM)).isEqualTo(10_000);
    }

    @Test
    void wrongContentTypeIsRefusedWith415() {
        ApiClient.Response refused = api().post("/v1/transfers", ADMIN_KEY,
                transferJson(UUID.randomUUID(), FROM, TO, 1, "USD"), Map.of("Content-Type", "text/plain"));

        assertProblem(refused, 415, "unsupported_media_type");
    }

    @Test
    void unknownPathUnderV1Is404ForAKnownCallerAnd401ForAStranger() {
        assertProblem(api().get("/v1/no-such-thing", ADMIN_KEY), 404, "not_found");
        assertProblem(api().get("/v1/no-such-thing", null), 401, "api_key_missing");
    }

    @Test
    void problemCarriesTheTraceIdOfTheCallersTraceparent() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        ApiClient.Response refused = api().post("/v1/transfers", ADMIN_KEY, "{", Map.of("traceparent",
                "00-" + traceId + "-00f067aa0ba902b7-01"));

        assertProblem(refused, 400, "malformed_json");
        assertThat(refused.text("traceId")).isEqualTo(traceId);
    }

    private void openCustomerAccountWithId(UUID id, String currency) {
        ApiClient.Response opened = api().post("/v1/accounts", ADMIN_KEY, """
                {"id":"%s","ledger":"%s","type":"LIABILITY","code":2001,"flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"]}"""
                .formatted(id, currency));
        assertThat(opened.status()).as(opened.toString()).isIn(200, 201);
    }

    private static byte[] tenMegabytesOfJson() {
        String item = transferJson(UUID.randomUUID(), FROM, TO, 1, "USD");
        StringBuilder body = new StringBuilder("[");
        while (body.length() < 10 * 1024 * 1024) {
            body.append(body.length() == 1 ? "" : ",").append(item);
        }
        return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
