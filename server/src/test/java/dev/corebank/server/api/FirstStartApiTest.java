package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.accounts.ChartOfAccounts.GlAccount;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a first start leaves behind: the chart of accounts, the demo bank, and a served API description. */
class FirstStartApiTest extends ApiTestSupport {
    @Test
    void chartOfAccountsIsOpenForEveryCurrencyUnderItsDerivedIds() {
        for (String currency : ChartOfAccounts.CURRENCIES) {
            for (GlAccount gl : GlAccount.values()) {
                UUID id = ChartOfAccounts.id(currency, gl);
                ApiClient.Response account = api().get("/v1/accounts/" + id, ADMIN_KEY);

                assertThat(account.status()).as(currency + " " + gl).isEqualTo(200);
                assertThat(account.text("ledger")).isEqualTo(currency);
                assertThat(account.text("type")).isEqualTo(gl.type().name());
                assertThat(account.json().path("code").asInt()).isEqualTo(gl.code());
                assertThat(account.text("name")).isEqualTo(gl.title(currency));
            }
        }
        assertThat(ChartOfAccounts.id("USD", GlAccount.CASH))
                .isEqualTo(UUID.nameUUIDFromBytes("gl:USD:cash".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void demoBankHasCustomersWithHistory() {
        UUID aungUsd = UUID.nameUUIDFromBytes("demo:account:C-1001:USD".getBytes(StandardCharsets.UTF_8));
        JsonNode account = api().get("/v1/accounts/" + aungUsd, ADMIN_KEY).json();

        assertThat(account.path("customerId").asString()).isEqualTo("C-1001");
        assertThat(account.path("name").asString()).isEqualTo("Aung Aung USD savings");
        // 2500.00 deposited, 450.00 rent paid, 5.00 fee, 89.00 held by an online shop.
        assertThat(account.path("balance").asLong()).isEqualTo(250_000 - 45_000 - 500);
        assertThat(account.path("availableBalance").asLong()).isEqualTo(250_000 - 45_000 - 500 - 8_900);
    }

    @Test
    void openApiDocumentIsPublicAndDescribesTheApiWithExamples() {
        ApiClient.Response document = api().get("/v3/api-docs", null);

        assertThat(document.status()).isEqualTo(200);
        JsonNode openApi = document.json();
        assertThat(openApi.path("openapi").asString()).startsWith("3.");
        for (String path : new String[] {"/v1/accounts", "/v1/accounts/batch", "/v1/accounts/{id}",
                "/v1/accounts/{id}/freeze", "/v1/accounts/{id}/unfreeze", "/v1/accounts/{id}/close",
                "/v1/transfers", "/v1/transfers/batch", "/v1/transfers/{id}", "/v1/deposits", "/v1/withdrawals",
                "/v1/admin/keys"}) {
            assertThat(openApi.path("paths").has(path)).as(path).isTrue();
        }
        JsonNode createTransfer = openApi.path("paths").path("/v1/transfers").path("post");
        assertThat(createTransfer.path("requestBody").toString()).contains("\"examples\"").contains("rent January");
        assertThat(createTransfer.path("responses").has("201")).isTrue();
        assertThat(createTransfer.path("responses").path("422").toString()).contains("exceeds_credits");
        assertThat(openApi.path("components").path("securitySchemes").toString()).contains("bearer");
        assertThat(openApi.path("components").path("schemas").path("AccountResponse").toString())
                .contains("availableBalance").contains("\"example\"");
    }

    @Test
    void healthAndApiDocsNeedNoKey() {
        assertThat(api().get("/actuator/health", null).status()).isIn(200, 503);
        assertThat(api().get("/v3/api-docs", null).status()).isEqualTo(200);
        assertThat(api().get("/swagger-ui.html", null).status()).isIn(200, 302);
    }
}
