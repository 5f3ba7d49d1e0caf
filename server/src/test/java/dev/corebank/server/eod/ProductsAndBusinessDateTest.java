package dev.corebank.server.eod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.api.ApiClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The business date over HTTP, the two products of a first start, opening against a product, and overdrafts. */
class ProductsAndBusinessDateTest extends EodTestSupport {
    @Test
    void aFirstStartSetsUpTheBusinessDateAndTheTwoStandardProducts() {
        ApiClient.Response date = api().get("/v1/business-date", ADMIN_KEY);
        assertThat(date.status()).isEqualTo(200);
        assertThat(date.json().get("businessDate")).isNotNull();
        ApiClient.Response savings = api().get("/v1/products/savings-standard", ADMIN_KEY);
        assertThat(savings.status()).as(savings.toString()).isEqualTo(200);
        assertThat(savings.json().get("kind").asString()).isEqualTo("SAVINGS");
        assertThat(savings.json().get("interest").get("dayCount").asString()).isEqualTo("ACT_365F");
        ApiClient.Response current = api().get("/v1/products/current-standard", ADMIN_KEY);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("overdraft").get("limitMaxMinor").asLong()).isPositive();
    }

    @Test
    void anAccountOpenedAgainstAProductTakesItsCodeAndKeepsItsVersion() {
        UUID account = open("savings-standard", "USD", "");
        ApiClient.Response read = api().get("/v1/accounts/" + account, ADMIN_KEY);
        assertThat(read.json().get("code").asInt()).isEqualTo(2001);
        assertThat(read.json().get("product").asString()).isEqualTo("savings-standard");
        int version = read.json().get("productVersion").asInt();

        ApiClient.Response newVersion = api().post("/v1/products", ADMIN_KEY, """
                {"id":"savings-standard","kind":"SAVINGS","name":"Standard savings","code":2001,
                 "interest":{"rateType":"FLAT","tiers":[{"fromMinor":0,"ratePercent":0.75}]}}""");
        assertThat(newVersion.status()).as(newVersion.toString()).isEqualTo(201);
        assertThat(newVersion.json().get("version").asInt()).isEqualTo(version + 1);
        assertThat(api().get("/v1/accounts/" + account, ADMIN_KEY).json().get("productVersion").asInt())
                .isEqualTo(version);
        UUID later = open("savings-standard", "USD", "");
        assertThat(api().get("/v1/accounts/" + later, ADMIN_KEY).json().get("productVersion").asInt())
                .isEqualTo(version + 1);
    }

    @Test
    void refusesAnUnknownProductAndACodeThatIsNotTheProducts() {
        ApiClient.Response unknown = api().post("/v1/accounts", ADMIN_KEY,
                "{\"ledger\":\"USD\",\"product\":\"no-such-product\"}");
        assertThat(unknown.status()).isEqualTo(400);
        ApiClient.Response wrongCode = api().post("/v1/accounts", ADMIN_KEY,
                "{\"ledger\":\"USD\",\"product\":\"savings-standard\",\"code\":7}");
        assertThat(wrongCode.status()).isEqualTo(400);
    }

    @Test
    void anOverdraftBeyondItsLimitIsRefusedByTheLedgerWithAClearResultCode() {
        UUID account = open("current-standard", "USD", ",\"overdraftLimitMinor\":50000");
        assertThat(api().get("/v1/accounts/" + account, ADMIN_KEY).json().get("overdraftLimitMinor").asLong())
                .isEqualTo(50_000);
        assertThat(deposit(account, 5_000).status()).isEqualTo(201);
        assertThat(withdraw(account, 55_000).status()).isEqualTo(201);
        assertThat(balance(account)).isEqualTo(-50_000);

        ApiClient.Response refused = withdraw(account, 1);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("exceeds_overdraft_limit");
    }

    @Test
    void aSavingsAccountHasNoOverdraft() {
        UUID account = open("savings-standard", "USD", "");
        deposit(account, 100);
        ApiClient.Response refused = withdraw(account, 101);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("exceeds_credits");
    }

    @Test
    void theStatementOfAPeriodIsAPrintableDocumentWithTheBankTheBalancesAndTheLines() {
        UUID account = open("savings-standard", "USD", "");
        deposit(account, 123_456);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String path = "/v1/accounts/" + account + "/statement/document?from=" + today + "&to=" + today;
        org.awaitility.Awaitility.await("the statement shows the deposit").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> api().get(path, ADMIN_KEY).body().contains("1234.56"));
        ApiClient.Response document = api().get(path, ADMIN_KEY);
        assertThat(document.contentType()).startsWith("text/html");
        assertThat(document.body()).contains("<h1>corebank</h1>", "Account statement", account.toString(),
                "Opening balance", "Closing balance <b>USD 1234.56</b>");
        ApiClient.Response csv = api().get(path + "&format=csv", ADMIN_KEY);
        assertThat(csv.body()).startsWith("posted_at,transfer_id").contains(",123456,123456");
    }

    @Test
    void everyPostingCarriesTheBusinessDateAsItsValueDate() {
        UUID account = open("savings-standard", "USD", "");
        ApiClient.Response deposited = deposit(account, 100);
        ApiClient.Response read = api().get("/v1/transfers/" + deposited.text("id"), ADMIN_KEY);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.text("valueDate")).isEqualTo(businessDate().toString());
    }
}
