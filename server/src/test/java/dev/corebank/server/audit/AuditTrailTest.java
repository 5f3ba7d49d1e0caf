package dev.corebank.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail records refused state-changing attempts, from the outside in, over a real port and database: here a
 * write without any API key, refused before a handler ran, so the ids come from its path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailTest {
    static final Path DATA = tempDirectory();

    @LocalServerPort
    int port;

    @Autowired
    AuditRepository repository;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA::toString);
    }

    @Test
    void recordsARefusedWriteWithItsIdsClientTraceIdAndOutcomeButNoSecrets() throws Exception {
        UUID account = UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://[::1]:" + port + "/v1/accounts/" + account
                        + "/no-such-operation"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "retry-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"creditAccountId\":\"" + account
                        + "\",\"apiKey\":\"cbk_secret_value\"}"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);

        AuditRecord record = awaitRecord(account);
        assertThat(record.httpMethod()).isEqualTo("POST");
        assertThat(record.status()).isEqualTo(response.statusCode());
        // The security filter refused it before any controller ran; the record still names the exact problem code.
        assertThat(record.outcome()).isEqualTo("api_key_missing");
        assertThat(record.clientAddress()).isIn("0:0:0:0:0:0:0:1", "::1");
        assertThat(record.traceId()).isEqualTo(traceId);
        assertThat(record.idempotencyKey()).isEqualTo("retry-42");
        assertThat(record.subjectIds()).containsExactly(account);
        assertThat(record.keyId()).isNull();
        assertThat(record.toString()).doesNotContain("cbk_secret_value");
        assertThat(record.occurredAt()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void refusesTheAuditTrailToACallerWithoutAnAuditorOrAdminKey() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/audit")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(401, 403);
    }

    @Test
    void doesNotRecordReads() throws Exception {
        UUID account = UUID.randomUUID();
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/accounts/" + account))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        assertThat(repository.find(account, null, null, null, 10)).isEmpty();
    }

    private AuditRecord awaitRecord(UUID subject) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<AuditRecord> found = repository.find(subject, null, null, null, 10);
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit record names " + subject + " records="
                + repository.find(null, null, null, null, 10));
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("corebank-audit");
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
