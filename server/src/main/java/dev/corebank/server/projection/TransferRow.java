package dev.corebank.server.projection;

import java.util.UUID;

/**
 * One row of {@code transfers}, as the projector inserts it.
 *
 * @param kind          SINGLE_PHASE, PENDING, POST_PENDING or VOID_PENDING
 * @param pendingStatus a {@link dev.corebank.ledger.PendingStatus} name; NONE unless the kind is PENDING
 * @param pendingId     the hold a post or void resolves, or null
 * @param resolvedAt    the engine timestamp at which a hold was resolved, or null
 * @param traceId       32 hex digits, or null when the request had no trace
 */
record TransferRow(
        UUID id,
        UUID debitAccountId,
        UUID creditAccountId,
        long amountMinor,
        int ledger,
        int code,
        int flags,
        String kind,
        String pendingStatus,
        UUID pendingId,
        int timeoutSeconds,
        String reference,
        long engineTimestamp,
        long journalSequence,
        Long resolvedAt,
        String traceId) {

    TransferRow resolved(String status, long timestamp) {
        return new TransferRow(id, debitAccountId, creditAccountId, amountMinor, ledger, code, flags, kind, status,
                pendingId, timeoutSeconds, reference, engineTimestamp, journalSequence, timestamp, traceId);
    }
}
