package dev.corebank.server.history;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The two history endpoints over HTTP on a real port, behind the real API-key filter, reading the read model the
 * application's own projector keeps. Money goes in through the deposit API, so read-your-writes is tested end to end:
 * the position a write answers with is the one the read waits for.
 */
class HistoryApiTest extends ApiTestSupport {
    private static final String POSITION = "X-Projection-Position";
    private static final String MIN_POSITION = "X-Min-Position";

    @Test
    void answersTransfersAndStatementAfterWaitingForTheClientsOwnWrite() {
        UUID account = openCustomerAccount("USD");
        long written = depositAndPosition(account, 12_345);
        String auditor = keyFor("auditor");

        ApiClient.Response transfers = get("/v1/accounts/" + account + "/transfers", auditor, written);
        ApiClient.Response statement = get("/v1/accounts/" + account + "/statement?from=" + today(-1) + "&to="
                + today(1), auditor, written);

        assertThat(transfers.status()).as(transfers.toString()).isEqualTo(200);
        assertThat(Long.parseLong(transfers.header(POSITION))).isGreaterThanOrEqualTo(written);
        JsonNode first = transfers.json().path("transfers").path(0);
        assertThat(first.path("amount").asLong()).isEqualTo(12_345);
        assertThat(first.path("direction").asString()).isEqualTo("CREDIT");
        assertThat(first.path("ledger").asString()).isEqualTo("USD");
        assertThat(first.path("creditAccountId").asString()).isEqualTo(account.toString());
        assertThat(transfers.json().path("nextCursor").isNull()).isTrue();

        assertThat(statement.status()).as(statement.toString()).isEqualTo(200);
        assertThat(Long.parseLong(statement.header(POSITION))).isGreaterThanOrEqualTo(written);
        JsonNode body = statement.json();
        assertThat(body.path("openingBalance").asLong()).isZero();
        assertThat(body.path("lines").path(0).path("creditAmount").asLong()).isEqualTo(12_345);
        assertThat(body.path("lines").path(0).path("balance").asLong()).isEqualTo(12_345);
        assertThat(body.path("closingBalance").asLong()).isEqualTo(12_345);
        assertThat(body.path("type").asString()).isEqualTo("LIABILITY");
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        UUID account = openCustomerAccount("USD");
        depositAndPosition(account, 100);
        long written = depositAndPosition(account, 200);
        String path = "/v1/accounts/" + account + "/statement?from=" + today(-1) + "&to=" + today(1) + "&limit=1";

        ApiClient.Response first = get(path, ADMIN_KEY, written);
        String cursor = first.json().path("nextCursor").asString();
        ApiClient.Response second = get(path + "&cursor=" + cursor, ADMIN_KEY, written);

        assertThat(first.json().path("lines").path(0).path("balance").asLong()).isEqualTo(100);
        assertThat(cursor).isNotBlank();
        assertThat(second.json().path("lines").size()).isEqualTo(1);
        assertThat(second.json().path("lines").path(0).path("balance").asLong()).isEqualTo(300);
        assertThat(second.json().path("nextCursor").isNull()).isTrue();
        assertThat(second.json().path("closingBalance").asLong()).isEqualTo(300);
    }

    @Test
    void answers503WithRetryAfterWhenTheProjectionDoesNotReachTheAskedPositionInTime() {
        UUID account = openCustomerAccount("USD");
        long beyond = engine.committedPosition() + 1_000_000;

        ApiClient.Response behind = get("/v1/accounts/" + account + "/transfers", ADMIN_KEY, beyond);

        assertProblem(behind, 503, "projection_behind");
        assertThat(behind.header("Retry-After")).isEqualTo("1");
        assertThat(Long.parseLong(behind.header(POSITION))).isLessThan(beyond);
    }

    @Test
    void refusesBadInputWithStableProblemCodes() {
        UUID account = openCustomerAccount("USD");
        String statement = "/v1/accounts/" + account + "/statement";
        String transfers = "/v1/accounts/" + account + "/transfers";

        assertProblem(get(statement + "?from=2026-13-01&to=2026-12-31", ADMIN_KEY, 0), 400, "invalid_date");
        assertProblem(get(statement + "?to=2026-12-31", ADMIN_KEY, 0), 400, "invalid_date");
        assertProblem(get(statement + "?from=2026-03-02&to=2026-03-01", ADMIN_KEY, 0), 400, "invalid_date_range");
        assertProblem(get(statement + "?from=2025-01-01&to=2026-03-01", ADMIN_KEY, 0), 400, "date_range_too_long");
        assertProblem(get(transfers + "?limit=0", ADMIN_KEY, 0), 400, "invalid_limit");
        assertProblem(get(transfers + "?limit=501", ADMIN_KEY, 0), 400, "invalid_limit");
        assertProblem(get(transfers + "?limit=ten", ADMIN_KEY, 0), 400, "invalid_limit");
        assertProblem(get(transfers + "?cursor=not-a-cursor", ADMIN_KEY, 0), 400, "invalid_cursor");
        assertProblem(get("/v1/accounts/not-a-uuid/transfers", ADMIN_KEY, 0), 400, "invalid_id");
        ApiClient.Response badPosition = api().send(api().builder(transfers, ADMIN_KEY,
                Map.of(MIN_POSITION, "-1")).GET());
        assertProblem(badPosition, 400, "invalid_min_position");
    }

    @Test
    void anUnknownAccountIsNotFoundAndStillReportsThePosition() {
        ApiClient.Response missing = get("/v1/accounts/" + UUID.randomUUID() + "/transfers", ADMIN_KEY, 0);

        assertProblem(missing, 404, "account_not_found");
        assertThat(missing.header(POSITION)).matches("[0-9]+");
    }

    @Test
    void needsAnApiKey() {
        ApiClient.Response anonymous = api().get("/v1/accounts/" + UUID.randomUUID() + "/transfers", null);

        assertProblem(anonymous, 401, "api_key_missing");
    }

    private long depositAndPosition(UUID account, long amount) {
        ApiClient.Response deposited = api().post("/v1/deposits", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":%d}".formatted(UUID.randomUUID(), account, amount));
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(201);
        return Long.parseLong(deposited.header("X-Ledger-Position"));
    }

    private ApiClient.Response get(String path, String key, long minPosition) {
        return api().send(api().builder(path, key, Map.of(MIN_POSITION, Long.toString(minPosition))).GET());
    }

    private static LocalDate today(int plusDays) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(plusDays);
    }
}
