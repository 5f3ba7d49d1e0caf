package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's guard in the real binary: a kill -9 leaves its mark, the next start copies the database
 * before anything opens it, and what the journal does not hold (here an idempotency record) is in the copy; a
 * graceful stop leaves no mark, so the start after it copies nothing.
 */
class ServerCopiesTheEmbeddedDatabaseAfterAKillAndKeepsWhatTheJournalDoesNotHoldTest {
    private static final String ADMIN_KEY = "guarded-admin-key-0123456789abcdef";
    private static final String UNCLEAN = "the embedded database was not shut down cleanly by the last run";
    private static final String OPENED = """
            {"ledger":"USD","type":"LIABILITY","code":2001,"name":"Aye Aye","customerId":"K-9"}""";

    @TempDir
    Path data;

    @Test
    void copiesAfterAKillKeepsTheIdempotencyRecordAndCopiesNothingAfterAGracefulStop() throws Exception {
        Map<String, String> environment = Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY);
        String idempotencyKey = "open-" + UUID.randomUUID();
        String account;
        try (ServerProcess first = ServerProcess.start(data, environment, "--no-demo")) {
            assertThat(first.output()).noneMatch(line -> line.contains(UNCLEAN));
            ApiClient.Response opened = new ApiClient(first.baseUrl()).post("/v1/accounts", ADMIN_KEY, OPENED,
                    Map.of("Content-Type", "application/json", "Idempotency-Key", idempotencyKey));
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            account = opened.text("id");
            first.kill();
        }
        assertThat(data.resolve("readmodel/corebank.in-use")).as("the mark the kill left").exists();

        try (ServerProcess second = ServerProcess.start(data, environment)) {
            assertThat(second.output()).anyMatch(line -> line.contains(UNCLEAN));
            assertThat(second.output()).anyMatch(line -> line.contains("was copied into a fresh file"));
            assertThat(data.resolve("readmodel/corebank.unclean.mv.db")).exists();
            ApiClient api = new ApiClient(second.baseUrl());
            Reactors.awaitEveryReactorCaughtUp(api, ADMIN_KEY);
            ApiClient.Response replayed = api.post("/v1/accounts", ADMIN_KEY, OPENED,
                    Map.of("Content-Type", "application/json", "Idempotency-Key", idempotencyKey));
            assertThat(replayed.status()).as(replayed.toString()).isEqualTo(201);
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replayed.text("id")).as("the account opened before the kill, not a second one")
                    .isEqualTo(account);
            assertThat(second.stop()).as("graceful stop").isIn(0, 143);
        }
        assertThat(data.resolve("readmodel/corebank.in-use")).as("a graceful stop leaves no mark").doesNotExist();

        try (ServerProcess third = ServerProcess.start(data, environment)) {
            assertThat(third.output()).noneMatch(line -> line.contains(UNCLEAN));
            ApiClient.Response reopened = new ApiClient(third.baseUrl()).get("/v1/accounts/" + account, ADMIN_KEY);
            assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        }
    }
}
