package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.server.accounts.ChartOfAccounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The binary as people run it, in its own process: first start, writes acknowledged over HTTP, a kill -9, the keys
 * command on the stopped data directory, and a second start that must show every acknowledged write.
 */
class DurabilityApiTest {
    private static final Pattern GENERATED_KEY = Pattern.compile("^\\s*admin key:\\s+(cbk_\\S+)\\s*$");
    private static final int THREADS = 4;
    private static final int TRANSFERS_PER_THREAD = 10;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedWriteSurvivesAKillAndTheKeysCommandWorksOnTheStoppedServer() throws Exception {
        Map<UUID, JsonNode> acknowledged = new HashMap<>();
        Map<UUID, Long> balances = new HashMap<>();
        String admin;
        List<String> loggedBeforeKill;
        try (ServerProcess first = ServerProcess.start(data, Map.of(), "--no-demo")) {
            admin = generatedAdminKey(first);
            ApiClient api = new ApiClient(first.baseUrl());
            assertThat(api.get("/v1/accounts/" + ChartOfAccounts.id("USD", ChartOfAccounts.GlAccount.CASH), admin)
                    .status()).isEqualTo(200);
            assertThat(api.get("/v1/accounts/" + demoAccount(), admin).status()).as("--no-demo").isEqualTo(404);

            List<UUID> accounts = openAccounts(api, admin, 3);
            acknowledged.putAll(moveMoney(api, admin, accounts));
            for (UUID account : accounts) {
                balances.put(account, api.get("/v1/accounts/" + account, admin).number("balance"));
            }
            // The last acknowledged write is an account: its profile must be as durable as the account itself.
            ApiClient.Response last = api.post("/v1/accounts", admin,
                    "{\"ledger\":\"USD\",\"type\":\"LIABILITY\",\"code\":2001,\"name\":\"durable last\"}");
            assertThat(last.status()).isEqualTo(201);
            first.kill();
            loggedBeforeKill = first.output();
            balances.put(UUID.fromString(last.text("id")), 0L);
        }
        assertThat(snapshots()).as("a kill leaves no snapshot: the next start must replay the journal").isEmpty();

        ServerProcess.Finished created = ServerProcess.run(data, "keys", "create", "--role", "teller", "--name",
                "till 9");
        assertThat(created.exitCode()).as(created.output()).isZero();
        String tellerSecret = line(created.output(), "secret: ").substring("secret: ".length()).strip();
        ServerProcess.Finished listed = ServerProcess.run(data, "keys", "list");
        assertThat(listed.output()).contains("role=admin name=\"bootstrap admin\"").contains("role=teller name=\"till 9\"");

        try (ServerProcess second = ServerProcess.start(data, Map.of())) {
            assertThat(second.output()).noneMatch(text -> GENERATED_KEY.matcher(text).matches());
            ApiClient api = new ApiClient(second.baseUrl());
            for (Map.Entry<UUID, JsonNode> transfer : acknowledged.entrySet()) {
                ApiClient.Response read = api.get("/v1/transfers/" + transfer.getKey(), tellerSecret);
                assertThat(read.status()).as("transfer " + transfer.getKey()).isEqualTo(200);
                assertThat(read.json()).isEqualTo(transfer.getValue());
            }
            for (Map.Entry<UUID, Long> balance : balances.entrySet()) {
                ApiClient.Response account = api.get("/v1/accounts/" + balance.getKey(), tellerSecret);
                assertThat(account.number("balance")).as("account " + balance.getKey()).isEqualTo(balance.getValue());
                assertThat(account.text("name")).as("profile of " + balance.getKey()).startsWith("durable ");
            }

            assertEveryTransferLoggedAfterTheEventLogResumed(api, admin, acknowledged.keySet(), loggedBeforeKill,
                    second);

            ServerProcess.Finished whileRunning = ServerProcess.run(data, "keys", "list");
            assertThat(whileRunning.exitCode()).isEqualTo(1);
            assertThat(whileRunning.output()).contains("in use by a running server");
            assertThat(second.stop()).as("graceful stop").isIn(0, 143);
        }
        assertThat(snapshots()).as("a graceful stop closes the engine, which writes a snapshot").isNotEmpty();
    }

    /**
     * The business-event log resumes from its durable checkpoint after the kill: once it has caught up, every
     * acknowledged transfer has a line, logged before the kill or after the restart (at least once).
     */
    private static void assertEveryTransferLoggedAfterTheEventLogResumed(ApiClient api, String admin,
                                                                        Set<UUID> transfers, List<String> beforeKill,
                                                                        ServerProcess second) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode reactor = api.get("/v1/admin/reactors/business-event-log", admin).json();
            return reactor.path("position").asLong() >= reactor.path("journalPosition").asLong();
        });
        List<String> logged = new ArrayList<>(beforeKill);
        logged.addAll(second.output());
        for (UUID transfer : transfers) {
            assertThat(logged).as("a business-event line for transfer " + transfer)
                    .anyMatch(text -> text.contains("transferId=" + transfer));
        }
    }

    private List<Path> snapshots() throws IOException {
        Path directory = data.resolve("snapshots");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".snapshot")).toList();
        }
    }

    private static List<UUID> openAccounts(ApiClient api, String admin, int count) {
        List<UUID> accounts = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            ApiClient.Response opened = api.post("/v1/accounts", admin, """
                    {"ledger":"USD","type":"LIABILITY","code":2001,"flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],
                     "name":"durable %d","customerId":"D-%d"}""".formatted(index, index));
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            UUID account = UUID.fromString(opened.text("id"));
            ApiClient.Response deposited = api.post("/v1/deposits", admin,
                    "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":1000000}".formatted(UUID.randomUUID(), account));
            assertThat(deposited.status()).isEqualTo(201);
            accounts.add(account);
        }
        return accounts;
    }

    /** Transfers from several threads at once, and a hold; returns every acknowledged one as it was answered. */
    private static Map<UUID, JsonNode> moveMoney(ApiClient api, String admin, List<UUID> accounts)
            throws Exception {
        Map<UUID, JsonNode> acknowledged = Collections.synchronizedMap(new HashMap<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int offset = thread;
                work.add(pool.submit(() -> {
                    for (int index = 0; index < TRANSFERS_PER_THREAD; index++) {
                        UUID id = UUID.randomUUID();
                        UUID from = accounts.get((offset + index) % accounts.size());
                        UUID to = accounts.get((offset + index + 1) % accounts.size());
                        ApiClient.Response answer = api.post("/v1/transfers", admin,
                                ApiTestSupport.transferJson(id, from, to, 100 + index, "USD"));
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                        acknowledged.put(id, answer.json());
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        }
        UUID hold = UUID.randomUUID();
        ApiClient.Response held = api.post("/v1/transfers", admin, """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":777,"ledger":"USD","code":1201,
                 "flags":["PENDING"]}""".formatted(hold, accounts.get(0), accounts.get(1)));
        assertThat(held.status()).isEqualTo(201);
        acknowledged.put(hold, held.json());
        return acknowledged;
    }

    private static String generatedAdminKey(ServerProcess server) {
        for (String text : server.output()) {
            Matcher key = GENERATED_KEY.matcher(text);
            if (key.matches()) {
                return key.group(1);
            }
        }
        throw new AssertionError("no generated admin key printed:\n" + String.join("\n", server.output()));
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(text -> text.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in\n" + output));
    }

    private static UUID demoAccount() {
        return UUID.nameUUIDFromBytes("demo:account:C-1001:USD".getBytes(StandardCharsets.UTF_8));
    }
}
