package dev.corebank.server.eod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.api.ApiClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * End of day as an operator meets it: a trial balance that does not net stops it, postings go on during it and land
 * on the right business date, two requests at once run it once, and a dormant account refuses customer debits.
 */
class EndOfDayBehaviourTest extends EodTestSupport {
    @Test
    void aTrialBalanceThatDoesNotNetStopsEndOfDayAndAStartAfterTheFixResumesIt() {
        UUID account = open("savings-standard", "USD", "");
        deposit(account, 2_000_000);
        LocalDate day = businessDate();
        TRIAL_BALANCE_FAULT.set(true);
        try {
            ApiClient.Response started = api().post("/v1/eod", ADMIN_KEY, "{}");
            assertThat(started.status()).isEqualTo(202);
            assertThat(started.header("Location")).isEqualTo("/v1/eod/" + day);
            Awaitility.await("end of day stops").atMost(Duration.ofSeconds(60))
                    .until(() -> api().get("/v1/eod/" + day, ADMIN_KEY).text("state").equals("FAILED"));
            ApiClient.Response status = api().get("/v1/eod/" + day, ADMIN_KEY);
            assertThat(status.text("failure")).startsWith("trial-balance: the trial balance does not net to zero");
            ApiClient.Response date = api().get("/v1/business-date", ADMIN_KEY);
            assertThat(date.text("closingDate")).as("the date stays closing").isEqualTo(day.toString());
            assertThat(api().get("/actuator/prometheus", null).body().lines())
                    .anyMatch(line -> line.startsWith("corebank_eod_stopped_total{")
                            && line.contains("step=\"trial-balance\""));
        } finally {
            TRIAL_BALANCE_FAULT.set(false);
        }
        runEodThrough(day);
        ApiClient.Response report = api().get("/v1/reports/trial-balance?date=" + day, ADMIN_KEY);
        assertThat(report.json().get("totals").valueStream().allMatch(total -> total.get("netsToZero").asBoolean()))
                .isTrue();
        ApiClient.Response csv = api().get("/v1/reports/trial-balance?date=" + day + "&format=csv", ADMIN_KEY);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("date,currency,code,name,type,opening_minor");
    }

    @Test
    void postingsDuringEndOfDayLandOnTheDateTheCutOffGivesThem() throws Exception {
        UUID account = open("savings-standard", "USD", "");
        deposit(account, 1_000_000);
        LocalDate day = businessDate();
        CompletableFuture<List<ApiClient.Response>> during = CompletableFuture.supplyAsync(() -> {
            List<ApiClient.Response> deposits = new ArrayList<>();
            for (int index = 0; index < 40; index++) {
                deposits.add(deposit(account, 1));
            }
            return deposits;
        });
        runEodThrough(day);
        List<ApiClient.Response> deposits = during.get();
        long cutOff = dayBookCutOff(day);
        int before = 0;
        int after = 0;
        for (ApiClient.Response deposited : deposits) {
            assertThat(deposited.status()).as("postings never stop").isEqualTo(201);
            long position = Long.parseLong(deposited.header("X-Ledger-Position"));
            String valueDate = api().get("/v1/transfers/" + deposited.text("id"), ADMIN_KEY).text("valueDate");
            if (position < cutOff) {
                before++;
                assertThat(valueDate).isEqualTo(day.toString());
            } else {
                after++;
                assertThat(valueDate).isEqualTo(day.plusDays(1).toString());
            }
        }
        assertThat(before + after).isEqualTo(40);
    }

    @Test
    void twoRequestsAtOnceRunEndOfDayOnceAndEveryAccountIsAccruedOnce() throws Exception {
        UUID account = open("savings-standard", "USD", "");
        deposit(account, 5_000_000);
        LocalDate day = businessDate();
        CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(
                () -> api().post("/v1/eod", ADMIN_KEY, "{}"));
        CompletableFuture<ApiClient.Response> second = CompletableFuture.supplyAsync(
                () -> api().post("/v1/eod", ADMIN_KEY, "{}"));
        assertThat(first.get().header("Location")).isEqualTo(second.get().header("Location"));
        Awaitility.await("end of day").atMost(Duration.ofSeconds(60)).until(() -> businessDate().isAfter(day)
                && endOfDay.running() == null);
        UUID accrual = EodPostings.transferId(day, account, EodSteps.ACCRUE);
        ApiClient.Response posted = api().get("/v1/transfers/" + accrual, ADMIN_KEY);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        assertThat(posted.text("reference")).isEqualTo(account.toString());
        assertThat(posted.text("valueDate")).isEqualTo(day.toString());
        assertThat(api().get("/v1/eod/" + day, ADMIN_KEY).text("state")).isEqualTo("COMPLETED");
        // A third request now closes the next date, never the one already closed.
        assertThat(api().post("/v1/eod", ADMIN_KEY, "{}").header("Location")).isEqualTo("/v1/eod/" + day.plusDays(1));
        Awaitility.await("end of day").atMost(Duration.ofSeconds(60)).until(() -> endOfDay.running() == null);
    }

    @Test
    void aDormantAccountRefusesCustomerDebitsUntilItIsReactivated() {
        ApiClient.Response product = api().post("/v1/products", ADMIN_KEY, """
                {"id":"quiet-current","kind":"CURRENT","code":2301,"monthlyFeeMinor":100,
                 "dormancy":{"inactiveDays":2,"feesWhileDormant":false}}""");
        assertThat(product.status()).as(product.toString()).isIn(200, 201);
        UUID account = open("quiet-current", "USD", "");
        deposit(account, 10_000);
        LocalDate day = businessDate();
        runEodThrough(day.plusDays(2));

        ApiClient.Response read = api().get("/v1/accounts/" + account, ADMIN_KEY);
        assertThat(read.json().get("flags").toString()).contains("DORMANT");
        ApiClient.Response refused = withdraw(account, 10);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("account_dormant");
        assertThat(deposit(account, 10).status()).as("a dormant account still takes money in").isEqualTo(201);

        assertThat(api().post("/v1/accounts/" + account + "/reactivate", ADMIN_KEY, "").status()).isEqualTo(200);
        assertThat(withdraw(account, 10).status()).isEqualTo(201);
    }

    private long dayBookCutOff(LocalDate day) {
        String detail = api().get("/v1/eod/" + day, ADMIN_KEY).json().get("steps").valueStream()
                .filter(step -> step.get("name").asString().equals(EodSteps.CUT_OFF)).findFirst().orElseThrow()
                .get("detail").asString();
        return Long.parseLong(detail.substring(detail.lastIndexOf(' ') + 1));
    }
}
