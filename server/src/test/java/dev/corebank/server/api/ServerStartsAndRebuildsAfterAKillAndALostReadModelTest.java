package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 and then the loss of the read-model database: before profiles and keys were journaled, the next start
 * stopped with "chart of accounts: cannot open ... exists_with_different_fields", because the chart's names lived
 * only in the lost database. Now the journal holds them, so the server starts and its reactors rebuild everything.
 */
class ServerStartsAndRebuildsAfterAKillAndALostReadModelTest {
    private static final String ADMIN_KEY = "killed-admin-key-0123456789abcdef";

    @TempDir
    Path data;

    @Test
    void startsRebuildsProfilesAndKeepsEveryKeyAfterAKillAndADeletedReadModel() throws Exception {
        Map<String, String> environment = Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY);
        UUID from;
        UUID to;
        UUID transfer = UUID.randomUUID();
        String tellerKey;
        try (ServerProcess first = ServerProcess.start(data, environment, "--no-demo")) {
            ApiClient api = new ApiClient(first.baseUrl());
            from = open(api, "Hla Hla", "K-1");
            to = open(api, "Min Min", "K-2");
            assertThat(api.post("/v1/deposits", ADMIN_KEY, "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":5000}"
                    .formatted(UUID.randomUUID(), from)).status()).isEqualTo(201);
            ApiClient.Response moved = api.post("/v1/transfers", ADMIN_KEY, ApiTestSupport.transferJson(transfer,
                    from, to, 1200, "USD"));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
            ApiClient.Response teller = api.post("/v1/admin/keys", ADMIN_KEY,
                    "{\"role\":\"teller\",\"name\":\"till 7\"}");
            assertThat(teller.status()).as(teller.toString()).isEqualTo(201);
            tellerKey = teller.text("secret");
            first.kill();
        }
        ReadModelDump.deleteEmbedded(data);

        try (ServerProcess second = ServerProcess.start(data, environment)) {
            ApiClient api = new ApiClient(second.baseUrl());
            assertThat(second.output()).noneMatch(line -> line.contains("exists_with_different_fields"));
            Reactors.awaitEveryReactorCaughtUp(api, ADMIN_KEY);
            ApiClient.Response readiness = api.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);

            ApiClient.Response payer = api.get("/v1/accounts/" + from, tellerKey);
            assertThat(payer.status()).as("the teller key made before the kill " + payer).isEqualTo(200);
            assertThat(payer.text("name")).isEqualTo("Hla Hla");
            assertThat(payer.text("customerId")).isEqualTo("K-1");
            assertThat(payer.number("balance")).isEqualTo(3800);
            ApiClient.Response payee = api.get("/v1/accounts/" + to, ADMIN_KEY);
            assertThat(payee.text("name")).isEqualTo("Min Min");
            assertThat(payee.text("customerId")).isEqualTo("K-2");
            assertThat(api.get("/v1/transfers/" + transfer, ADMIN_KEY).status()).isEqualTo(200);
        }
    }

    private static UUID open(ApiClient api, String name, String customerId) {
        ApiClient.Response opened = api.post("/v1/accounts", ADMIN_KEY, """
                {"ledger":"USD","type":"LIABILITY","code":2001,"flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],
                 "name":"%s","customerId":"%s"}""".formatted(name, customerId));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return UUID.fromString(opened.text("id"));
    }
}
