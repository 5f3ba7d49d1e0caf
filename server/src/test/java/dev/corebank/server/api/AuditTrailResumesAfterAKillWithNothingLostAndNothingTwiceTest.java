package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail is a reactor with its checkpoint in the same transaction as its rows: killed with -9 while writes
 * are still arriving, it resumes from that checkpoint, so every acknowledged request's journal entry ends up with
 * exactly one audit record (none lost, none written twice), and the verifier holds the trail against the chain.
 */
class AuditTrailResumesAfterAKillWithNothingLostAndNothingTwiceTest {
    private static final String ADMIN_KEY = "audit-kill-admin-key-0123456789abcdef";
    private static final int WRITERS = 3;
    private static final int ACKNOWLEDGED_BEFORE_KILL_MIN = 60;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedWriteHasExactlyOneAuditRecordAfterAKillInTheMiddleOfWrites() throws Exception {
        Map<String, String> environment = Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY);
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        String auditor;
        try (ServerProcess first = ServerProcess.start(data, environment, "--no-demo")) {
            ApiClient api = new ApiClient(first.baseUrl());
            auditor = created(api.post("/v1/admin/keys", ADMIN_KEY, "{\"role\":\"auditor\",\"name\":\"audit\"}"))
                    .text("secret");
            String teller = created(api.post("/v1/admin/keys", ADMIN_KEY, "{\"role\":\"teller\",\"name\":\"till\"}"))
                    .text("secret");
            UUID payer = openFunded(api);
            UUID payee = openFunded(api);
            AtomicBoolean killed = new AtomicBoolean();
            try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
                for (int writer = 0; writer < WRITERS; writer++) {
                    writers.submit(() -> writeUntilKilled(api, teller, payer, payee, acknowledged, killed));
                }
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL_MIN);
                JsonNode audit = api.get("/v1/admin/reactors/audit", ADMIN_KEY).json();
                assertThat(audit.path("position").asLong()).as("the audit reactor had a checkpoint to resume from")
                        .isPositive();
                killed.set(true);
                first.kill();
            }
        }

        try (ServerProcess second = ServerProcess.start(data, environment)) {
            ApiClient api = new ApiClient(second.baseUrl());
            Reactors.awaitEveryReactorCaughtUp(api, ADMIN_KEY);
            ApiClient.Response verified = api.get("/v1/admin/audit/verify", auditor);
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.json().path("ok").asBoolean()).as(verified.toString()).isTrue();
            assertThat(verified.json().path("verdict").toString()).contains("audit trail: ok records=")
                    .contains("VERDICT: OK");
            assertThat(second.stop()).as("graceful stop").isIn(0, 143);
        }

        Map<Long, Integer> recordsBySequence = auditRecordsBySequence();
        assertThat(recordsBySequence).as("no journal entry has two audit records")
                .allSatisfy((sequence, records) -> assertThat(records).as("sequence=" + sequence).isOne());
        assertThat(recordsBySequence.keySet()).as("every acknowledged write has its audit record")
                .containsAll(acknowledged);
    }

    /** Transfers of 1 until the server is gone; each 201 adds its journal position (its entry) to acknowledged. */
    private static void writeUntilKilled(ApiClient api, String teller, UUID payer, UUID payee, Set<Long> acknowledged,
                                         AtomicBoolean killed) {
        while (!killed.get()) {
            ApiClient.Response moved;
            try {
                moved = api.post("/v1/transfers", teller, ApiTestSupport.transferJson(UUID.randomUUID(), payer, payee,
                        1, "USD"));
            } catch (IllegalStateException gone) {
                return;
            }
            if (moved.status() == 201) {
                acknowledged.add(Long.parseLong(moved.header("X-Ledger-Position")));
            }
        }
    }

    private static UUID openFunded(ApiClient api) {
        UUID account = UUID.fromString(created(api.post("/v1/accounts", ADMIN_KEY, """
                {"ledger":"USD","type":"LIABILITY","code":2001,"flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"]}""")
        ).text("id"));
        created(api.post("/v1/deposits", ADMIN_KEY, "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":1000000}"
                .formatted(UUID.randomUUID(), account)));
        return account;
    }

    private static ApiClient.Response created(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private Map<Long, Integer> auditRecordsBySequence() throws Exception {
        Map<Long, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(ReadModelDump.h2Url(data), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT journal_sequence, COUNT(*) FROM audit_record"
                     + " WHERE journal_sequence IS NOT NULL GROUP BY journal_sequence")) {
            while (rows.next()) {
                counts.put(rows.getLong(1), rows.getInt(2));
            }
        }
        return counts;
    }
}
