package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End of day against the real binary: one bank runs two days one by one, with nothing in its way; a second bank with
 * the same accounts and payments catches both days up in one request and is killed with SIGKILL in the middle of a
 * step of each day, then started again. Both must end with the same trial balances, balances and interest: a kill
 * posts nothing twice and loses nothing, and a catch-up posts what running day by day posts.
 */
class EndOfDayAfterAKillTest {
    private static final String ADMIN_KEY = "eod-kill-admin-key-0123456789abcdef";
    private static final LocalDate FIRST = LocalDate.of(2028, 1, 30);
    private static final LocalDate MONTH_END = LocalDate.of(2028, 1, 31);
    private static final int ACCOUNTS = 1_200;
    private static final Map<String, String> ENVIRONMENT = Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY,
            "COREBANK_EOD_FIRSTBUSINESSDATE", FIRST.toString(), "COREBANK_EOD_BATCHSIZE", "20");

    @TempDir
    Path dayByDay;
    @TempDir
    Path killed;

    @Test
    void aKillInTheMiddleOfAStepAndACatchUpGiveWhatDayByDayGives() throws Exception {
        String expected;
        try (ServerProcess bank = ServerProcess.start(dayByDay, ENVIRONMENT, "--no-demo")) {
            ApiClient api = new ApiClient(bank.baseUrl());
            load(api);
            for (LocalDate day = FIRST; !day.isAfter(MONTH_END); day = day.plusDays(1)) {
                assertThat(api.post("/v1/eod", ADMIN_KEY, "{}").status()).isEqualTo(202);
                awaitBusinessDateAfter(api, day);
            }
            expected = outcome(api);
        }

        try (ServerProcess bank = ServerProcess.start(killed, ENVIRONMENT, "--no-demo")) {
            ApiClient api = new ApiClient(bank.baseUrl());
            load(api);
            assertThat(api.post("/v1/eod", ADMIN_KEY, "{\"through\":\"" + MONTH_END + "\"}").status())
                    .isEqualTo(202);
            killInStep(bank, api, FIRST, "accrue-interest");
        }
        try (ServerProcess bank = ServerProcess.start(killed, ENVIRONMENT)) {
            ApiClient api = new ApiClient(bank.baseUrl());
            // The restarted server resumes the date that was closing by itself; the catch-up is asked again.
            awaitBusinessDateAfter(api, FIRST);
            assertThat(api.post("/v1/eod", ADMIN_KEY, "{\"through\":\"" + MONTH_END + "\"}").status())
                    .isEqualTo(202);
            killInStep(bank, api, MONTH_END, "capitalise-interest");
        }
        try (ServerProcess bank = ServerProcess.start(killed, ENVIRONMENT)) {
            ApiClient api = new ApiClient(bank.baseUrl());
            awaitBusinessDateAfter(api, MONTH_END);
            assertThat(bank.output()).noneMatch(line -> line.contains("exists_with_different_fields"));
            assertThat(outcome(api)).isEqualTo(expected);
        }
    }

    private static void load(ApiClient api) {
        UUID cash = UUID.nameUUIDFromBytes("gl:USD:cash".getBytes(StandardCharsets.UTF_8));
        StringBuilder opens = new StringBuilder("[");
        StringBuilder deposits = new StringBuilder("[");
        for (int index = 0; index < ACCOUNTS; index++) {
            String comma = index == 0 ? "" : ",";
            opens.append(comma).append("{\"id\":\"").append(account(index))
                    .append("\",\"ledger\":\"USD\",\"product\":\"savings-standard\"}");
            deposits.append(comma).append("{\"id\":\"").append(UUID.nameUUIDFromBytes(("deposit:" + index)
                    .getBytes(StandardCharsets.UTF_8))).append("\",\"debitAccountId\":\"").append(cash)
                    .append("\",\"creditAccountId\":\"").append(account(index)).append("\",\"amount\":")
                    .append(100_000 + 7_919L * index).append(",\"ledger\":\"USD\",\"code\":1001,\"flags\":[]}");
        }
        ApiClient.Response opened = api.post("/v1/accounts/batch", ADMIN_KEY, opens.append(']').toString());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        ApiClient.Response funded = api.post("/v1/transfers/batch", ADMIN_KEY, deposits.append(']').toString());
        assertThat(funded.status()).as(funded.toString()).isEqualTo(200);
        assertThat(funded.body()).doesNotContain("\"result\":\"exceeds");
    }

    private static UUID account(int index) {
        return UUID.nameUUIDFromBytes(("kill-test:" + index).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until end of day of the date is in the step with work done, then kills the server. */
    private static void killInStep(ServerProcess bank, ApiClient api, LocalDate date, String step) throws Exception {
        Awaitility.await("end of day " + date + " in " + step).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(5)).until(() -> {
                    ApiClient.Response status = api.get("/v1/eod/" + date, ADMIN_KEY);
                    return status.status() == 200 && step.equals(status.text("currentStep"))
                            && status.number("accountsDone") > 0;
                });
        bank.kill();
    }

    private static void awaitBusinessDateAfter(ApiClient api, LocalDate day) {
        Awaitility.await("business date after " + day).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    ApiClient.Response date = api.get("/v1/business-date", ADMIN_KEY);
                    return date.status() == 200 && LocalDate.parse(date.text("businessDate")).isAfter(day)
                            && date.json().get("closingDate").isNull() && date.json().get("endOfDayRunning").isNull();
                });
    }

    /** The trial balance of both days and every account's balance and interest, as text to compare. */
    private static String outcome(ApiClient api) {
        List<String> parts = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(MONTH_END); day = day.plusDays(1)) {
            parts.add(api.get("/v1/reports/trial-balance?date=" + day + "&format=csv", ADMIN_KEY).body());
        }
        ApiClient.Response interest = api.get("/v1/reports/interest?limit=" + ACCOUNTS + "&format=csv", ADMIN_KEY);
        assertThat(interest.status()).isEqualTo(200);
        parts.add(interest.body());
        String joined = String.join("\n", parts);
        assertThat(joined).contains("savings-standard");
        return joined;
    }
}
