package dev.corebank.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The log is the witness: one transfer, sent with a W3C traceparent over a real port with real API keys, is found by
 * its trace id in its access-log line, its application log lines, its journal entry and its audit record; and the
 * server's own verification agrees with the journal.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"corebank.bootstrap.demo=false", "corebank.bootstrap.admin-key=" + FollowOneTransferTest.ADMIN})
class FollowOneTransferTest {
    static final String ADMIN = "cbk_follow_one_transfer_admin_secret";
    static final Path DATA = ObservabilityTest.tempDirectory("corebank-follow");

    @LocalServerPort
    int port;

    @Autowired
    LedgerEngine engine;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
        registry.add("server.tomcat.accesslog.buffered", () -> "false");
    }

    @Test
    void findsOneTransfersTraceIdInAccessLogApplicationLogJournalAndAuditTrail(CapturedOutput output)
            throws Exception {
        JsonNode auditorKey = send("POST", "/v1/admin/keys", ADMIN, "{\"role\":\"auditor\",\"name\":\"audit team\"}",
                Map.of(), 201);
        String auditor = auditorKey.path("secret").asString();
        UUID cash = openAccount("ASSET");
        UUID customer = openAccount("LIABILITY");
        UUID transfer = UUID.randomUUID();
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        send("POST", "/v1/transfers", ADMIN, """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":2500,"ledger":"USD","code":1}
                """.formatted(transfer, cash, customer),
                Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01", "User-Agent", "teller-app/2.1"), 201);

        JsonNode access = ObservabilityTest.awaitJsonLines(output, (line) -> traceId.equals(
                ObservabilityTest.text(line, "trace.id")) && EcsAccessLogValve.LOGGER.equals(
                ObservabilityTest.text(line, "log.logger"))).getFirst();
        String adminKeyId = ObservabilityTest.text(access, "user.id");
        assertThat(adminKeyId).startsWith("ck_");
        assertThat(ObservabilityTest.text(access, "http.route")).isEqualTo("/v1/transfers");
        assertThat(ObservabilityTest.text(access, "http.response.status_code")).isEqualTo("201");
        assertThat(output.getOut()).doesNotContain(ADMIN);

        Matcher combined = awaitCombinedLine("teller-app/2.1");
        assertThat(combined.group(3)).isEqualTo(adminKeyId);
        assertThat(combined.group(5) + " " + combined.group(6)).isEqualTo("POST /v1/transfers");
        assertThat(combined.group(8)).isEqualTo("201");

        JsonNode event = ObservabilityTest.awaitJsonLines(output, (line) -> traceId.equals(
                ObservabilityTest.text(line, "trace.id")) && BusinessEventLog.LOGGER.equals(
                ObservabilityTest.text(line, "log.logger"))).getFirst();
        assertThat(ObservabilityTest.text(event, "event.action")).isEqualTo("transfer-posted");
        assertThat(ObservabilityTest.text(event, "corebank.transfer.id")).isEqualTo(transfer.toString());
        assertThat(ObservabilityTest.text(event, "corebank.amount")).isEqualTo("2500");

        JournalEntry entry = journalEntryWithTraceId(traceId);
        assertThat(entry.events()).anySatisfy((posted) -> {
            assertThat(posted).isInstanceOf(LedgerEvent.TransferPosted.class);
            assertThat(((LedgerEvent.TransferPosted) posted).transfer().id()).isEqualTo(transfer);
        });
        assertThat(ObservabilityTest.text(event, "corebank.sequence")).isEqualTo(Long.toString(entry.sequence()));

        JsonNode record = awaitAuditRecord(auditor, cash, traceId);
        assertThat(record.path("keyId").asString()).isEqualTo(adminKeyId);
        assertThat(record.path("role").asString()).isEqualTo("admin");
        assertThat(record.path("route").asString()).isEqualTo("/v1/transfers");
        // The record is derived from the journal entry the request wrote: it names the entry and its chain hash, and
        // says how the ledger answered; the HTTP status is recorded only for requests that wrote no ledger entry.
        assertThat(record.path("journalSequence").asLong()).isEqualTo(entry.sequence());
        assertThat(record.path("entryHash").asString()).isEqualTo(entry.hashHex());
        assertThat(record.path("status").isNull()).isTrue();
        assertThat(record.path("outcome").asString()).isEqualTo("ok");
        assertThat(record.path("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(record.toString()).contains(transfer.toString(), customer.toString());
    }

    @Test
    void auditRecordsARefusedTransferWithItsResultCodeAndTheAuditTrailIsClosedToOtherRoles() throws Exception {
        JsonNode teller = send("POST", "/v1/admin/keys", ADMIN, "{\"role\":\"teller\",\"name\":\"till 3\"}",
                Map.of(), 201);
        JsonNode auditor = send("POST", "/v1/admin/keys", ADMIN, "{\"role\":\"auditor\",\"name\":\"audit 2\"}",
                Map.of(), 201);
        UUID missing = UUID.randomUUID();
        String traceId = "1bf92f3577b34da6a3ce929d0e0e4736";
        send("POST", "/v1/transfers", teller.path("secret").asString(), """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":1,"ledger":"USD","code":1}
                """.formatted(UUID.randomUUID(), missing, UUID.randomUUID()),
                Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"), 422);

        JsonNode record = awaitAuditRecord(auditor.path("secret").asString(), missing, traceId);
        assertThat(record.path("keyId").asString()).isEqualTo(teller.path("keyId").asString());
        assertThat(record.path("role").asString()).isEqualTo("teller");
        assertThat(record.path("outcome").asString()).isEqualTo("debit_account_not_found");
        JournalEntry refused = journalEntryWithTraceId(traceId);
        assertThat(record.path("journalSequence").asLong()).isEqualTo(refused.sequence());
        assertThat(refused.events()).singleElement().isInstanceOf(LedgerEvent.TransferRejected.class);

        send("GET", "/v1/audit", teller.path("secret").asString(), null, Map.of(), 403);
        send("GET", "/v1/audit", null, null, Map.of(), 401);
    }

    @Test
    void verifiesTheLiveJournalAgainstTheEngineAndTheReadModel() throws Exception {
        openAccount("ASSET");
        JsonNode auditor = send("POST", "/v1/admin/keys", ADMIN, "{\"role\":\"auditor\",\"name\":\"audit 3\"}",
                Map.of(), 201);
        // The read model catches up with the journal in the background; the verdict is OK once it has.
        JsonNode verdict = org.awaitility.Awaitility.await("an OK audit verdict").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> send("GET", "/v1/admin/audit/verify", auditor.path("secret").asString(), null,
                        Map.of(), 200), (answer) -> answer.path("ok").asBoolean());
        assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("readModel").path("mismatchCount").asInt()).isZero();
        assertThat(verdict.path("readModel").path("accountsCompared").asInt()).isPositive();
        assertThat(verdict.path("live").path("note").asString()).contains("stateHash matches");
        assertThat(verdict.path("verdict").toString()).contains("VERDICT: OK");
    }

    private UUID openAccount(String type) throws Exception {
        UUID id = UUID.randomUUID();
        send("POST", "/v1/accounts", ADMIN, "{\"id\":\"%s\",\"ledger\":\"USD\",\"type\":\"%s\",\"code\":100}"
                .formatted(id, type), Map.of(), 201);
        return id;
    }

    private JsonNode send(String method, String path, String key, String body, Map<String, String> headers,
                          int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(expectedStatus);
        return response.body().isBlank() ? ObservabilityTest.JSON.missingNode()
                : ObservabilityTest.JSON.readTree(response.body());
    }

    private JsonNode awaitAuditRecord(String auditorKey, UUID subject, String traceId) {
        return org.awaitility.Awaitility.await("an audit record with traceId=" + traceId + " naming " + subject)
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> auditRecord(auditorKey, subject, traceId), java.util.Optional::isPresent).orElseThrow();
    }

    private java.util.Optional<JsonNode> auditRecord(String auditorKey, UUID subject, String traceId)
            throws Exception {
        JsonNode page = send("GET", "/v1/audit?accountId=" + subject, auditorKey, null, Map.of(), 200);
        for (JsonNode record : page.path("records")) {
            if (traceId.equals(record.path("traceId").asString())) {
                return java.util.Optional.of(record);
            }
        }
        return java.util.Optional.empty();
    }

    private JournalEntry journalEntryWithTraceId(String traceId) {
        try (JournalReader reader = engine.openReader()) {
            for (long next = 1; next <= engine.committedPosition(); ) {
                List<JournalEntry> entries = reader.read(next, JournalReader.READ_ENTRIES_MAX);
                for (JournalEntry entry : entries) {
                    if (entry.traceId().toHex().equals(traceId)) {
                        return entry;
                    }
                    next = entry.sequence() + 1;
                }
            }
        }
        throw new AssertionError("no journal entry carries traceId=" + traceId);
    }

    private Matcher awaitCombinedLine(String userAgent) {
        return ObservabilityTest.awaitCombinedLine(DATA.resolve("logs"), "\"" + userAgent + "\"");
    }
}
