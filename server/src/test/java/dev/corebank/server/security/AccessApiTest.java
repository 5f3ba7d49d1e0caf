package dev.corebank.server.security;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.accounts.ChartOfAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The role matrix of docs/api.md, request by request, and the other guards that belong to an API key. */
class AccessApiTest extends ApiTestSupport {
    private static final Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One request per row of the documented matrix; each returns its status. */
    enum Operation {
        READ_ACCOUNT((test, key) -> test.api().get("/v1/accounts/"
                + ChartOfAccounts.id("USD", ChartOfAccounts.GlAccount.CASH), key).status()),
        READ_TRANSFER((test, key) -> test.api().get("/v1/transfers/" + UUID.randomUUID(), key).status()),
        OPEN_ACCOUNT((test, key) -> test.api().post("/v1/accounts", key,
                "{\"ledger\":\"USD\",\"type\":\"ASSET\",\"code\":1}").status()),
        CHANGE_ACCOUNT((test, key) -> test.api().post("/v1/accounts/"
                + ChartOfAccounts.id("MMK", ChartOfAccounts.GlAccount.CLEARING) + "/unfreeze", key, "").status()),
        DEPOSIT((test, key) -> test.api().post("/v1/deposits", key, "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":1}"
                .formatted(UUID.randomUUID(), test.customer())).status()),
        TRANSFER((test, key) -> test.api().post("/v1/transfers", key, transferJson(UUID.randomUUID(),
                ChartOfAccounts.id("USD", ChartOfAccounts.GlAccount.CASH), test.customer(), 1, "USD")).status()),
        LIST_KEYS((test, key) -> test.api().get("/v1/admin/keys", key).status()),
        CREATE_KEY((test, key) -> test.api().post("/v1/admin/keys", key,
                "{\"role\":\"app\",\"name\":\"made by a test\"}").status()),
        LIST_REACTORS((test, key) -> test.api().get("/v1/admin/reactors", key).status()),
        LIST_WEBHOOKS((test, key) -> test.api().get("/v1/webhooks", key).status()),
        // Resuming a reactor that runs changes nothing, so this row is safe beside the other tests.
        RESUME_REACTOR((test, key) -> test.api().post("/v1/admin/reactors/business-event-log/resume", key, "")
                .status());

        private final BiFunction<AccessApiTest, String, Integer> send;

        Operation(BiFunction<AccessApiTest, String, Integer> send) {
            this.send = send;
        }
    }

    /** The documented matrix: which roles may do each operation. Everything else must be refused with 403. */
    static Stream<Arguments> matrix() {
        Map<Operation, List<String>> allowed = new java.util.EnumMap<>(Map.of(
                Operation.READ_ACCOUNT, List.of("app", "teller", "operator", "auditor", "admin"),
                Operation.READ_TRANSFER, List.of("app", "teller", "operator", "auditor", "admin"),
                Operation.OPEN_ACCOUNT, List.of("teller", "operator", "admin"),
                Operation.CHANGE_ACCOUNT, List.of("operator", "admin"),
                Operation.DEPOSIT, List.of("app", "teller", "operator", "admin"),
                Operation.TRANSFER, List.of("app", "teller", "operator", "admin"),
                Operation.LIST_KEYS, List.of("admin"),
                Operation.LIST_REACTORS, List.of("operator", "admin"),
                Operation.RESUME_REACTOR, List.of("operator", "admin"),
                Operation.CREATE_KEY, List.of("admin")));
        allowed.put(Operation.LIST_WEBHOOKS, List.of("app", "teller", "operator", "admin"));
        List<Arguments> rows = new ArrayList<>();
        for (Operation operation : Operation.values()) {
            for (String role : List.of("app", "teller", "operator", "auditor", "admin")) {
                rows.add(Arguments.of(operation, role, allowed.get(operation).contains(role)));
            }
        }
        return rows.stream();
    }

    private UUID customerAccount;

    UUID customer() {
        if (customerAccount == null) {
            customerAccount = openCustomerAccount("USD");
        }
        return customerAccount;
    }

    @ParameterizedTest(name = "{1} {0} allowed={2}")
    @MethodSource("matrix")
    void roleMatrixIsEnforced(Operation operation, String role, boolean allowed) {
        String key = KEYS.computeIfAbsent(role, this::keyFor);

        int status = operation.send.apply(this, key);

        if (allowed) {
            assertThat(status).as(role + " " + operation).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(status).as(role + " " + operation).isEqualTo(403);
        }
    }

    @Test
    void auditorReadsButNeverMovesMoney() {
        String auditor = keyFor("auditor");
        UUID account = openCustomerAccount("USD");
        deposit(account, 1_000);

        assertThat(api().get("/v1/accounts/" + account, auditor).number("balance")).isEqualTo(1_000);
        assertProblem(api().post("/v1/withdrawals", auditor, "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":1}"
                .formatted(UUID.randomUUID(), account)), 403, "role_not_allowed");
        assertProblem(api().post("/v1/transfers/batch", auditor, "[" + transferJson(UUID.randomUUID(), account,
                ChartOfAccounts.id("USD", ChartOfAccounts.GlAccount.CASH), 1, "USD") + "]"), 403, "role_not_allowed");
        assertThat(balance(account)).isEqualTo(1_000);
    }

    @Test
    void stateChangingRequestsOverTheKeysRateAreRefusedWith429AndApplyNothing() {
        ApiClient.Response created = api().post("/v1/admin/keys", ADMIN_KEY,
                "{\"role\":\"teller\",\"name\":\"slow till\",\"requestsPerSecond\":1}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("requestsPerSecond").asInt()).isEqualTo(1);
        String slow = created.text("secret");
        UUID account = openCustomerAccount("USD");
        List<ApiClient.Response> answers = new ArrayList<>();

        for (int attempt = 0; attempt < 10; attempt++) {
            answers.add(api().post("/v1/deposits", slow, "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":100}"
                    .formatted(UUID.randomUUID(), account)));
        }

        List<ApiClient.Response> limited = answers.stream().filter(answer -> answer.status() == 429).toList();
        long applied = answers.stream().filter(answer -> answer.status() == 201).count();
        assertThat(limited).isNotEmpty();
        assertThat(applied + limited.size()).isEqualTo(10);
        assertProblem(limited.getFirst(), 429, "rate_limited");
        assertThat(Integer.parseInt(limited.getFirst().header("Retry-After"))).isPositive();
        assertThat(balance(account)).isEqualTo(applied * 100);
        for (int read = 0; read < 5; read++) {
            assertThat(api().get("/v1/accounts/" + account, slow).status()).as("reads are not limited")
                    .isEqualTo(200);
        }
    }

    @Test
    void adminListsKeysWithoutSecretsAndRefusesBadKeyRequests() {
        String teller = keyFor("teller");

        JsonNode keys = api().get("/v1/admin/keys", ADMIN_KEY).json();

        assertThat(keys.size()).isGreaterThanOrEqualTo(2);
        assertThat(keys.toString()).doesNotContain("secret").doesNotContain(teller).doesNotContain(ADMIN_KEY);
        assertThat(keys.get(0).path("keyId").asString()).startsWith("ck_");
        assertProblem(api().post("/v1/admin/keys", ADMIN_KEY, "{\"role\":\"root\",\"name\":\"x\"}"), 400,
                "invalid_field");
        assertProblem(api().post("/v1/admin/keys", ADMIN_KEY, "{\"role\":\"app\"}"), 400, "missing_field");
        assertProblem(api().post("/v1/admin/keys/ck_missing/revoke", ADMIN_KEY, ""), 404, "api_key_not_found");
    }
}
