package dev.corebank.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Provenance;
import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.api.KnownRequest;
import dev.corebank.server.web.LedgerHeaders;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Two witnesses of one request, written by different code: the journal entry's provenance (built by the command
 * layer) and the access-log line (written by Tomcat after the answer). For a transfer sent by a known key with a known
 * X-Request-Id, traceparent and Idempotency-Key, they name the same key, role, client, request, trace and endpoint.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProvenanceInTheJournalMatchesTheAccessLogLineOfTheSameRequestTest extends ApiTestSupport {

    @Test
    void journalProvenanceAndAccessLogLineNameTheSameCallerRequestTraceAndEndpoint(CapturedOutput output)
            throws Exception {
        ApiClient.Response created = api().post("/v1/admin/keys", ADMIN_KEY,
                "{\"role\":\"teller\",\"name\":\"provenance till\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String tellerKeyId = created.text("keyId");
        UUID transfer = UUID.randomUUID();
        KnownRequest known = KnownRequest.fresh("provenance");
        ApiClient.Response moved = transferBetweenNewAccounts(transfer, created.text("secret"), known.headers());

        JournalEntry entry = journalEntry(Long.parseLong(moved.header(LedgerHeaders.POSITION)));
        assertThat(entry.events()).anySatisfy(event -> assertThat(event)
                .isInstanceOfSatisfying(LedgerEvent.TransferPosted.class,
                        posted -> assertThat(posted.transfer().id()).isEqualTo(transfer)));
        Provenance provenance = entry.provenance();
        JsonNode access = ObservabilityTest.awaitJsonLines(output, line -> known.requestId().equals(
                ObservabilityTest.text(line, "http.request.id")) && EcsAccessLogValve.LOGGER.equals(
                ObservabilityTest.text(line, "log.logger"))).getFirst();

        assertThat(provenance.apiKeyId()).isEqualTo(tellerKeyId)
                .isEqualTo(ObservabilityTest.text(access, "user.id"));
        assertThat(provenance.role()).isEqualTo("teller")
                .isEqualTo(ObservabilityTest.text(access, "user.roles").toLowerCase(Locale.ROOT));
        assertThat(provenance.clientAddress()).isNotBlank()
                .isEqualTo(ObservabilityTest.text(access, "client.address"));
        assertThat(provenance.requestId()).isEqualTo(known.requestId());
        assertThat(provenance.traceId().toHex()).isEqualTo(known.traceId())
                .isEqualTo(ObservabilityTest.text(access, "trace.id"));
        assertThat(provenance.endpoint()).isEqualTo("POST /v1/transfers")
                .isEqualTo(ObservabilityTest.text(access, "http.request.method") + " "
                        + ObservabilityTest.text(access, "http.route"));
        // The access log does not carry the Idempotency-Key; the journal has it as the client sent it.
        assertThat(provenance.idempotencyKey()).isEqualTo(known.idempotencyKey());
    }
}
