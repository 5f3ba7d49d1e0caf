package dev.corebank.server.operations;

import java.util.UUID;

/**
 * A durable asynchronous operation as stored: who asked (for the provenance of what it journals), how far it got,
 * and how it ended.
 *
 * @param state        {@code running}, {@code succeeded} (every line has a result, some may be errors) or
 *                     {@code failed} (the operation could not go on, {@code error} says why)
 * @param linesDone    lines with a result, in the result file
 * @param resultBytes  bytes of the result file that hold those results, as last stored
 * @param answer       for a single request: what was asked and the answer it got (null fields until then); null for
 *                     an import
 */
record Operation(UUID id, String kind, String state, String ownerKeyId, String ownerRole, String clientAddress,
                 String requestId, String traceId, ImportFormat format, long linesTotal, long linesDone, long linesOk,
                 long linesFailed, long resultBytes, String error, boolean completionJournaled, long createdAtMillis,
                 Long startedAtMillis, long updatedAtMillis, Long finishedAtMillis, Answer answer) {
    static final String TRANSFER_IMPORT = "transfer-import";
    /** A single write request run in the background, asked for with {@code Prefer: respond-async}. */
    static final String REQUEST = "request";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    boolean running() {
        return state.equals(RUNNING);
    }

    /** A single request's method and path, and the answer it got. */
    record Answer(String method, String path, Integer status, String contentType, String location) {
    }
}
