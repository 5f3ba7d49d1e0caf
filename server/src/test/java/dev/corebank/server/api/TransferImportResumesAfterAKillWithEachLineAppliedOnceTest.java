package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transfer import is durable: the binary is killed with -9 in the middle of one, and after a restart the import
 * goes on from its result file and finishes, with every line of the file applied exactly once (the payee's balance is
 * the number of lines, each of 1) and exactly one result row per line.
 */
class TransferImportResumesAfterAKillWithEachLineAppliedOnceTest {
    private static final String ADMIN_KEY = "import-kill-admin-key-0123456789abcdef";
    private static final int LINES = 4_000;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path data;

    @Test
    void anImportKilledInTheMiddleResumesAndAppliesEveryLineOnce() throws Exception {
        Map<String, String> environment = Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY);
        String[] arguments = {"--no-demo", "--corebank.imports.batch-size-max=20",
                "--corebank.observability.business-events-logged=false"};
        UUID payee;
        String location;
        List<UUID> ids = new java.util.ArrayList<>(LINES);
        try (ServerProcess first = ServerProcess.start(data, environment, arguments)) {
            ApiClient api = new ApiClient(first.baseUrl());
            UUID payer = ApiTestSupport.openCustomerAccount(api, ADMIN_KEY, "USD");
            ApiTestSupport.deposit(api, ADMIN_KEY, payer, 1_000_000);
            payee = ApiTestSupport.openCustomerAccount(api, ADMIN_KEY, "USD");
            StringBuilder file = new StringBuilder();
            for (int line = 0; line < LINES; line++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                file.append(ApiTestSupport.transferJson(id, payer, payee, 1, "USD")).append('\n');
            }
            ApiClient.Response accepted = api.post("/v1/transfer-imports", ADMIN_KEY,
                    file.toString().getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/x-ndjson"));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            location = accepted.header("Location");
            await().atMost(WAIT).until(() -> api.get(location, ADMIN_KEY).json().path("linesDone").asLong() > 0);
            ApiClient.Response before = api.get(location, ADMIN_KEY);
            assertThat(before.status()).as("killed in the middle of the import: " + before).isEqualTo(200);
            first.kill();
        }

        try (ServerProcess second = ServerProcess.start(data, environment, arguments)) {
            ApiClient api = new ApiClient(second.baseUrl());
            ApiClient.Response done = await().atMost(WAIT).until(() -> api.get(location, ADMIN_KEY),
                    response -> response.status() == 303);
            assertThat(done.json().path("state").asString()).isEqualTo("succeeded");
            assertThat(done.json().path("linesOk").asLong()).isEqualTo(LINES);
            assertThat(done.json().path("linesFailed").asLong()).isZero();
            List<String> rows = api.get(done.header("Location"), ADMIN_KEY).body().lines().skip(1).toList();
            assertThat(rows).hasSize(LINES);
            Set<String> lineNumbers = new HashSet<>();
            for (int index = 0; index < LINES; index++) {
                String[] fields = rows.get(index).split(",", 4);
                assertThat(lineNumbers.add(fields[0])).as("one row per line").isTrue();
                assertThat(fields[0]).isEqualTo(Integer.toString(index + 1));
                assertThat(fields[1]).isEqualTo(ids.get(index).toString());
                assertThat(fields[2]).isIn("ok", "exists");
            }
            Reactors.awaitEveryReactorCaughtUp(api, ADMIN_KEY);
            assertThat(api.get("/v1/accounts/" + payee, ADMIN_KEY).number("balance"))
                    .as("every line applied exactly once").isEqualTo(LINES);
            assertThat(second.stop()).as("graceful stop").isIn(0, 143);
        }
    }
}
