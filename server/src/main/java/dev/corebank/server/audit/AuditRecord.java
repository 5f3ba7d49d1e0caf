package dev.corebank.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One state-changing request as the audit trail keeps it: derived from the journal entry it wrote (or, for a request
 * that wrote nothing else, from the fact recorded for it), so the trail can be dropped and rebuilt and is checked
 * against the hash chain.
 *
 * @param keyId           the API key's public id, never the key; null for work corebank did on its own
 * @param role            the key's role, lowercase, or {@code system}
 * @param operation       the endpoint, for example {@code POST /v1/transfers}, or the work, such as {@code first start}
 * @param subjectIds      the ids the request named: accounts, transfers and holds
 * @param clientAddress   the client's IPv4 or IPv6 address, as the server saw it
 * @param status          the HTTP status, known for requests recorded as facts; null for one that wrote a ledger entry
 *                        (its outcome says how the ledger answered)
 * @param outcome         {@code ok}, or the stable problem or result code
 * @param traceId         32 hex digits
 * @param journalSequence the journal entry the record comes from
 * @param entryHash       that entry's chain hash, 64 hex digits
 */
record AuditRecord(UUID id, Instant occurredAt, String keyId, String role, String httpMethod, String route,
                   String operation, List<UUID> subjectIds, String clientAddress, Integer status, String outcome,
                   String traceId, String requestId, String idempotencyKey, long journalSequence, String entryHash) {
}
