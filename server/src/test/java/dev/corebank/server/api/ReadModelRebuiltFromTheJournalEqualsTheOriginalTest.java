package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.projection.ReadModelDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read model is the journal's projection and nothing more: a history made over HTTP (profiles, transfers, a hold
 * posted and one voided, a freeze, a new key, refused requests, an erasure), then the read model deleted and rebuilt
 * by the reactors from the journal alone, gives back every table row for row, on the embedded H2 and on PostgreSQL.
 */
class ReadModelRebuiltFromTheJournalEqualsTheOriginalTest {
    private static final String ADMIN_KEY = "rebuild-admin-key-0123456789abcdef";

    @TempDir
    Path data;

    @Test
    void rebuildsTheSameTablesOnTheEmbeddedDatabase() throws Exception {
        String url = ReadModelDump.h2Url(data);
        rebuildEqualsOriginal(Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY), () -> ReadModelDump.dump(url, "sa"),
                () -> ReadModelDump.deleteEmbedded(data));
    }

    @Test
    void rebuildsTheSameTablesOnPostgresql() throws Exception {
        String database = "corebank_rebuild_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        String url = ReadModelDatabase.POSTGRES_SERVER_URL + database;
        administer("CREATE DATABASE " + database);
        try {
            Map<String, String> environment = Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY,
                    "SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", ReadModelDatabase.POSTGRES_USER,
                    "SPRING_DATASOURCE_PASSWORD", "");
            rebuildEqualsOriginal(environment, () -> ReadModelDump.dump(url, ReadModelDatabase.POSTGRES_USER), () -> {
                administer("DROP DATABASE " + database + " WITH (FORCE)");
                administer("CREATE DATABASE " + database);
            });
        } finally {
            administer("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void rebuildEqualsOriginal(Map<String, String> environment, Dump dump, Deletion deleteReadModel)
            throws Exception {
        History history;
        try (ServerProcess first = ServerProcess.start(data, environment, "--no-demo")) {
            ApiClient api = new ApiClient(first.baseUrl());
            history = makeHistory(api);
            Reactors.awaitEveryReactorCaughtUp(api, ADMIN_KEY);
            assertThat(first.stop()).as("graceful stop").isIn(0, 143);
        }
        Map<String, List<String>> original = dump.tables();
        for (String table : List.of("accounts", "transfers", "balance_history", "account_profiles", "api_keys",
                "audit_record", "audit_subject")) {
            assertThat(original.get(table)).as("table " + table).isNotEmpty();
        }
        assertThat(original.get("account_profiles")).as("the erased customer's profile")
                .anyMatch(row -> row.contains("account_id=" + history.erasedAccount()) && row.contains("erased=true"));

        deleteReadModel.run();
        try (ServerProcess second = ServerProcess.start(data, environment)) {
            ApiClient api = new ApiClient(second.baseUrl());
            Reactors.awaitEveryReactorCaughtUp(api, ADMIN_KEY);
            assertThat(api.get("/v1/accounts/" + history.keptAccount(), history.tellerKey()).status())
                    .as("the teller key authenticates after the rebuild").isEqualTo(200);
            ApiClient.Response kept = api.get("/v1/accounts/" + history.keptAccount(), ADMIN_KEY);
            assertThat(kept.text("name")).isEqualTo("Aung Aung");
            assertThat(kept.text("customerId")).isEqualTo("C-1");
            ApiClient.Response erased = api.get("/v1/accounts/" + history.erasedAccount(), ADMIN_KEY);
            assertThat(erased.status()).isEqualTo(200);
            assertThat(erased.json().path("name").isNull()).as(erased.toString()).isTrue();
            assertThat(erased.json().path("customerId").isNull()).as(erased.toString()).isTrue();
            assertThat(second.stop()).as("graceful stop").isIn(0, 143);
        }
        Map<String, List<String>> rebuilt = dump.tables();
        assertThat(rebuilt.keySet()).isEqualTo(original.keySet());
        for (String table : original.keySet()) {
            assertThat(rebuilt.get(table)).as("table " + table).containsExactlyElementsOf(original.get(table));
        }
    }

    /** The ids a history left behind that the checks after the rebuild need. */
    private record History(UUID keptAccount, UUID erasedAccount, String tellerKey) {
    }

    private static History makeHistory(ApiClient api) {
        UUID aung = open(api, "Aung Aung", "C-1");
        UUID bo = open(api, "Bo Bo", "C-2");
        UUID chit = open(api, "Chit", "C-3");
        expect(api.post("/v1/deposits", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":100000}".formatted(UUID.randomUUID(), aung)), 201);
        expect(api.post("/v1/transfers", ADMIN_KEY, transfer(UUID.randomUUID(), aung, bo, 2500, "[]")), 201);

        UUID postedHold = UUID.randomUUID();
        expect(api.post("/v1/transfers", ADMIN_KEY, transfer(postedHold, aung, chit, 1000, "[\"PENDING\"]")), 201);
        expect(api.post("/v1/transfers", ADMIN_KEY, resolve(postedHold, "POST_PENDING")), 201);
        UUID voidedHold = UUID.randomUUID();
        expect(api.post("/v1/transfers", ADMIN_KEY, transfer(voidedHold, aung, bo, 700, "[\"PENDING\"]")), 201);
        expect(api.post("/v1/transfers", ADMIN_KEY, resolve(voidedHold, "VOID_PENDING")), 201);
        expect(api.post("/v1/accounts/" + chit + "/freeze", ADMIN_KEY, ""), 200);

        ApiClient.Response teller = expect(api.post("/v1/admin/keys", ADMIN_KEY,
                "{\"role\":\"teller\",\"name\":\"till 1\"}"), 201);
        String tellerKey = teller.text("secret");
        // Two refusals of an authenticated caller: one by role (a fact the audit filter journals), one by the ledger.
        expect(api.post("/v1/admin/keys", tellerKey, "{\"role\":\"admin\",\"name\":\"not mine\"}"), 403);
        expect(api.post("/v1/transfers", tellerKey, transfer(UUID.randomUUID(), chit, aung, 10, "[]")), 422);
        expect(api.send(api.builder("/v1/customers/C-2/personal-data", ADMIN_KEY, Map.of()).DELETE()), 200);
        return new History(aung, bo, tellerKey);
    }

    private static UUID open(ApiClient api, String name, String customerId) {
        ApiClient.Response opened = expect(api.post("/v1/accounts", ADMIN_KEY, """
                {"ledger":"USD","type":"LIABILITY","code":2001,"flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],
                 "name":"%s","customerId":"%s"}""".formatted(name, customerId)), 201);
        return UUID.fromString(opened.text("id"));
    }

    private static String transfer(UUID id, UUID debit, UUID credit, long amount, String flags) {
        return """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":%d,"ledger":"USD","code":1101,
                 "flags":%s}""".formatted(id, debit, credit, amount, flags);
    }

    private static String resolve(UUID hold, String flag) {
        return "{\"id\":\"%s\",\"pendingId\":\"%s\",\"flags\":[\"%s\"]}".formatted(UUID.randomUUID(), hold, flag);
    }

    private static ApiClient.Response expect(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    private static void administer(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ReadModelDatabase.POSTGRES_SERVER_URL + "postgres",
                ReadModelDatabase.POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @FunctionalInterface
    private interface Dump {
        Map<String, List<String>> tables() throws SQLException;
    }

    @FunctionalInterface
    private interface Deletion {
        void run() throws java.io.IOException, SQLException;
    }
}
