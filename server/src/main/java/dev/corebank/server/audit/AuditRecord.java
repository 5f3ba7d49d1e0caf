package dev.corebank.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One state-changing request as the audit trail keeps it.
 *
 * @param keyId         the API key's public id, never the key; null for a request without a valid key
 * @param role          the key's role, lowercase; null with keyId
 * @param operation     the handler that ran, for example {@code TransfersController.createTransfer}
 * @param subjectIds    the ids the request named in its path and body
 * @param clientAddress the client's IPv4 or IPv6 address, as the server saw it
 * @param outcome       {@code ok}, or the stable problem or result code
 * @param traceId       32 hex digits; the journal entry the request caused carries the same id
 */
record AuditRecord(UUID id, Instant occurredAt, String keyId, String role, String httpMethod, String route,
                   String operation, List<UUID> subjectIds, String clientAddress, int status, String outcome,
                   String traceId, String requestId, String idempotencyKey) {
}
