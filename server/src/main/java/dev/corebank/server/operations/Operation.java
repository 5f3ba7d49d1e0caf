package dev.corebank.server.operations;

import java.util.UUID;

/**
 * A durable asynchronous operation as stored: who asked (for the provenance of what it journals), how far it got,
 * and how it ended.
 *
 * @param state        {@code running}, {@code succeeded} (every line has a result, some may be errors) or
 *                     {@code failed} (the operation could not go on, {@code error} says why)
 * @param linesDone    lines with a result, in the result file
 * @param resultBytes  bytes of the result file that hold those results; anything after is from a crashed batch
 */
record Operation(UUID id, String kind, String state, String ownerKeyId, String ownerRole, String clientAddress,
                 String requestId, String traceId, ImportFormat format, long linesTotal, long linesDone, long linesOk,
                 long linesFailed, long resultBytes, String error, boolean completionJournaled, long createdAtMillis,
                 Long startedAtMillis, long updatedAtMillis, Long finishedAtMillis) {
    static final String TRANSFER_IMPORT = "transfer-import";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    boolean running() {
        return state.equals(RUNNING);
    }
}
