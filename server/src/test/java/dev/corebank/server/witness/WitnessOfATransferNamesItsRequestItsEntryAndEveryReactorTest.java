package dev.corebank.server.witness;

import static dev.corebank.server.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.Provenance;
import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ApiTestSupport;
import dev.corebank.server.api.KnownRequest;
import dev.corebank.server.web.LedgerHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The witness of a transfer made over HTTP, asked for by its transfer id, its request id and its trace id: the
 * request that caused it, the journal entry (its sequence is the X-Ledger-Position the client was given, its hashes
 * are the journal's), the TransferPosted event, the audit record, and every reactor, each having processed it.
 */
class WitnessOfATransferNamesItsRequestItsEntryAndEveryReactorTest extends ApiTestSupport {

    @Test
    void witnessNamesTheRequestTheEntryTheEventTheAuditRecordAndEveryReactor() {
        String auditor = keyFor("auditor");
        String teller = keyFor("teller");
        UUID transfer = UUID.randomUUID();
        KnownRequest known = KnownRequest.fresh("witness");
        ApiClient.Response moved = transferBetweenNewAccounts(transfer, teller, known.headers());
        long position = Long.parseLong(moved.header(LedgerHeaders.POSITION));

        JsonNode witnessed = await().atMost(Duration.ofSeconds(30)).until(
                () -> onlyEntry(api().get("/v1/witness?transferId=" + transfer, auditor)),
                entry -> allProcessed(entry.path("reactors")) && entry.path("audit").has("outcome"));

        assertThat(witnessed.path("sequence").asLong()).isEqualTo(position);
        JournalEntry journaled = journalEntry(position);
        assertThat(witnessed.path("hash").asString()).isEqualTo(journaled.hashHex());
        assertThat(witnessed.path("previousHash").asString()).isEqualTo(journaled.previousHashHex());
        assertRequest(witnessed.path("request"), journaled.provenance(), known);
        assertThat(witnessed.path("events")).anySatisfy(event -> {
            assertThat(event.path("type").asString()).isEqualTo("TransferPosted");
            assertThat(event.toString()).contains(transfer.toString());
        });
        assertThat(witnessed.path("audit").path("outcome").asString()).isEqualTo("ok");
        assertThat(names(witnessed.path("reactors"))).as("every reactor the runtime lists")
                .containsExactlyInAnyOrderElementsOf(names(api().get("/v1/admin/reactors", ADMIN_KEY).json()));

        JsonNode byRequest = onlyEntry(api().get("/v1/witness?requestId=" + known.requestId(), auditor));
        JsonNode byTrace = onlyEntry(api().get("/v1/witness?traceId=" + known.traceId(), auditor));
        assertThat(byRequest.path("sequence").asLong()).isEqualTo(position);
        assertThat(byTrace.path("sequence").asLong()).isEqualTo(position);
        assertThat(byRequest.path("hash").asString()).isEqualTo(journaled.hashHex());
        assertThat(byTrace.path("request")).isEqualTo(witnessed.path("request"));
    }

    @Test
    void refusesAnUnknownTransferAQueryOfZeroOrTwoParametersAndATeller() {
        String auditor = keyFor("auditor");
        assertProblem(api().get("/v1/witness?transferId=" + UUID.randomUUID(), auditor), 404, "witness_not_found");
        assertProblem(api().get("/v1/witness", auditor), 400, "witness_query_invalid");
        assertProblem(api().get("/v1/witness?transferId=" + UUID.randomUUID() + "&requestId=r-1", auditor), 400,
                "witness_query_invalid");
        assertThat(api().get("/v1/witness?transferId=" + UUID.randomUUID(), keyFor("teller")).status())
                .isEqualTo(403);
        assertThat(api().get("/v1/witness?transferId=" + UUID.randomUUID(), ADMIN_KEY).status())
                .as("an admin may read the witness too").isEqualTo(404);
    }

    private static void assertRequest(JsonNode request, Provenance journaled, KnownRequest known) {
        assertThat(request.path("apiKeyId").asString()).startsWith("ck_").isEqualTo(journaled.apiKeyId());
        assertThat(request.path("role").asString()).isEqualTo("teller");
        assertThat(request.path("clientAddress").asString()).isNotBlank().isEqualTo(journaled.clientAddress());
        assertThat(request.path("requestId").asString()).isEqualTo(known.requestId());
        assertThat(request.path("traceId").asString()).isEqualTo(known.traceId());
        assertThat(request.path("idempotencyKey").asString()).isEqualTo(known.idempotencyKey());
        assertThat(request.path("endpoint").asString()).isEqualTo("POST /v1/transfers");
    }

    private static JsonNode onlyEntry(ApiClient.Response witness) {
        assertThat(witness.status()).as(witness.toString()).isEqualTo(200);
        JsonNode entries = witness.json().path("entries");
        assertThat(entries.size()).as(witness.toString()).isEqualTo(1);
        return entries.get(0);
    }

    private static boolean allProcessed(JsonNode reactors) {
        if (reactors.isEmpty()) {
            return false;
        }
        for (JsonNode reactor : reactors) {
            if (!reactor.path("processed").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(JsonNode reactors) {
        List<String> names = new ArrayList<>();
        reactors.forEach(reactor -> names.add(reactor.path("name").asString()));
        return names;
    }
}
