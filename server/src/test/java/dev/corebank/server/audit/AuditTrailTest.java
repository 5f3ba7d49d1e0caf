package dev.corebank.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.reactor.ReactorRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail from the outside in, over a real port and database: a refused write of an authenticated caller is
 * journaled with its code and derived into the trail by the audit reactor; a write without a valid key is not
 * journaled but logged as a security event and counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "corebank.bootstrap.admin-key=" + ApiTestSupport.ADMIN_KEY)
@ExtendWith(OutputCaptureExtension.class)
class AuditTrailTest {
    static final Path DATA = tempDirectory();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    AuditRepository repository;

    @Autowired
    LedgerEngine engine;

    @Autowired
    ReactorRuntime reactors;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
    }

    @Test
    void journalsARefusedWriteOfAnAuthenticatedCallerWithItsIdsClientTraceAndOutcomeButNoSecrets() {
        ApiClient api = new ApiClient("http://[::1]:" + port);
        String teller = api.post("/v1/admin/keys", ApiTestSupport.ADMIN_KEY,
                "{\"role\":\"teller\",\"name\":\"till 9\"}").text("secret");
        UUID account = UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        // A teller may not freeze accounts: refused with 403 before the ledger is asked.
        ApiClient.Response refused = api.post("/v1/accounts/" + account + "/freeze", teller,
                "{\"note\":\"cbk_secret_value\"}", Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01",
                        "Idempotency-Key", "retry-42"));
        assertThat(refused.status()).isEqualTo(403);

        AuditRecord record = awaitRecord(account);
        assertThat(record.httpMethod()).isEqualTo("POST");
        assertThat(record.route()).isEqualTo("/v1/accounts/{id}/freeze");
        assertThat(record.status()).isEqualTo(403);
        assertThat(record.outcome()).isEqualTo("role_not_allowed");
        assertThat(record.role()).isEqualTo("teller");
        assertThat(record.keyId()).startsWith("ck_");
        assertThat(record.clientAddress()).isIn("0:0:0:0:0:0:0:1", "::1");
        assertThat(record.traceId()).isEqualTo(traceId);
        assertThat(record.idempotencyKey()).isEqualTo("retry-42");
        assertThat(record.subjectIds()).containsExactly(account);
        assertThat(record.toString()).doesNotContain("cbk_secret_value").doesNotContain(teller);
        assertThat(record.occurredAt()).isBefore(Instant.now().plusSeconds(1));

        JournalEntry entry = entry(record.journalSequence());
        assertThat(record.entryHash()).isEqualTo(entry.hashHex());
        assertThat(entry.provenance().apiKeyId()).isEqualTo(record.keyId());
        assertThat(entry.events()).singleElement().isInstanceOf(LedgerEvent.FactRecorded.class);
    }

    @Test
    void logsAndCountsAWriteWithoutAValidKeyAndJournalsNothing(CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        double before = registry.counter("corebank.security.unauthenticated.requests").count();
        long journalBefore = engine.committedPosition();
        UUID account = UUID.randomUUID();
        assertThat(api.post("/v1/accounts/" + account + "/freeze", null, "{}").status()).isEqualTo(401);
        assertThat(api.post("/v1/accounts/" + account + "/freeze", "cbk_not_a_key_at_all_0123", "{}").status())
                .isEqualTo(401);

        assertThat(registry.counter("corebank.security.unauthenticated.requests").count()).isEqualTo(before + 2);
        assertThat(engine.committedPosition()).as("nothing journaled").isEqualTo(journalBefore);
        assertThat(output.getOut()).contains("\"logger\":\"corebank.security\"", "\"category\":\"authentication\"",
                "unauthenticated state-changing request refused");
    }

    @Test
    void recordsNoRead() {
        UUID account = UUID.randomUUID();
        new ApiClient(port).get("/v1/accounts/" + account, ApiTestSupport.ADMIN_KEY);
        long committed = engine.committedPosition();
        await().atMost(WAIT).until(() -> reactors.status(AuditTrail.NAME).orElseThrow().position() >= committed);
        assertThat(repository.find(account, null, null, null, 10)).isEmpty();
    }

    private AuditRecord awaitRecord(UUID subject) {
        return await().atMost(WAIT).until(() -> repository.find(subject, null, null, null, 10), found ->
                !found.isEmpty()).getFirst();
    }

    private JournalEntry entry(long sequence) {
        try (JournalReader reader = engine.openReader()) {
            List<JournalEntry> read = reader.read(sequence, 1);
            assertThat(read).hasSize(1);
            return read.getFirst();
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("corebank-audit");
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
