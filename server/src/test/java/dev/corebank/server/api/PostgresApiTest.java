package dev.corebank.server.api;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary with spring.datasource pointing at PostgreSQL: the same migrations run there, and the tables this API
 * owns (account profiles, API keys, idempotency keys) work on it as they do on H2.
 */
class PostgresApiTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";
    private static final String ADMIN_KEY = "postgres-admin-key-0123456789";

    @TempDir
    Path data;

    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "corebank_api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        administer("CREATE DATABASE " + database);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        administer("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void runsOnPostgresqlWithTheSameMigrations() throws Exception {
        Map<String, String> environment = Map.of(
                "SPRING_DATASOURCE_URL", SERVER + database,
                "SPRING_DATASOURCE_USERNAME", USER,
                "SPRING_DATASOURCE_PASSWORD", "",
                "COREBANK_ADMIN_KEY", ADMIN_KEY);
        try (ServerProcess server = ServerProcess.start(data, environment, "--no-demo")) {
            ApiClient api = new ApiClient(server.baseUrl());
            ApiClient.Response teller = api.post("/v1/admin/keys", ADMIN_KEY,
                    "{\"role\":\"teller\",\"name\":\"postgres teller\"}");
            assertThat(teller.status()).as(teller.toString()).isEqualTo(201);
            String secret = teller.text("secret");
            String open = "{\"ledger\":\"MMK\",\"type\":\"LIABILITY\",\"code\":2001,"
                    + "\"flags\":[\"DEBITS_MUST_NOT_EXCEED_CREDITS\"],\"name\":\"Ko Ko\",\"customerId\":\"P-1\"}";
            Map<String, String> idempotencyKey = Map.of("Idempotency-Key", "pg-open-1");

            ApiClient.Response opened = api.post("/v1/accounts", secret, open, idempotencyKey);
            ApiClient.Response replayed = api.post("/v1/accounts", secret, open, idempotencyKey);
            ApiClient.Response reused = api.post("/v1/accounts", secret, open.replace("Ko Ko", "Ma Ma"),
                    idempotencyKey);
            String account = opened.text("id");
            ApiClient.Response deposited = api.post("/v1/deposits", secret,
                    "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":25000}".formatted(UUID.randomUUID(), account));

            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            assertThat(replayed.status()).isEqualTo(201);
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replayed.body()).isEqualTo(opened.body());
            assertProblem(reused, 422, "idempotency_key_reused");
            assertThat(deposited.status()).isEqualTo(201);
            ApiClient.Response read = api.get("/v1/accounts/" + account, secret);
            assertThat(read.text("name")).isEqualTo("Ko Ko");
            assertThat(read.text("customerId")).isEqualTo("P-1");
            assertThat(read.number("balance")).isEqualTo(25_000);

            assertThat(api.post("/v1/admin/keys/" + teller.text("keyId") + "/revoke", ADMIN_KEY, "").status())
                    .isEqualTo(200);
            assertProblem(api.get("/v1/accounts/" + account, secret), 401, "api_key_invalid");
            assertThat(server.stop()).isIn(0, 143);
        }
        assertThat(tables()).contains("account_profiles", "api_keys", "idempotency_keys");
    }

    private String tables() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + database, USER, "");
             Statement statement = connection.createStatement();
             var result = statement.executeQuery("SELECT string_agg(table_name, ',') FROM information_schema.tables"
                     + " WHERE table_schema = 'public'")) {
            result.next();
            return result.getString(1);
        }
    }

    private static void administer(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
