package dev.corebank.server.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * An operation's state as the status resource shows it: lines done out of the total, and while it runs an estimate of
 * the seconds left (from the pace so far). {@code result} names the result file once it is done.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OperationResponse(UUID id, String kind, String state, long linesTotal, long linesDone, long linesOk,
                         long linesFailed, double percentDone, Long etaSeconds, Instant createdAt, Instant startedAt,
                         Instant updatedAt, Instant finishedAt, String error, String result) {

    static OperationResponse of(Operation operation, long nowMillis) {
        return new OperationResponse(operation.id(), operation.kind(), operation.state(), operation.linesTotal(),
                operation.linesDone(), operation.linesOk(), operation.linesFailed(),
                Math.floor(1000.0 * operation.linesDone() / operation.linesTotal()) / 10, eta(operation, nowMillis),
                Instant.ofEpochMilli(operation.createdAtMillis()), instant(operation.startedAtMillis()),
                Instant.ofEpochMilli(operation.updatedAtMillis()), instant(operation.finishedAtMillis()),
                operation.error(), operation.running() ? null : "/v1/operations/" + operation.id() + "/result");
    }

    /** Seconds left at the pace since the start; null before the first batch, 0 once done. */
    static Long eta(Operation operation, long nowMillis) {
        if (!operation.running()) {
            return 0L;
        }
        if (operation.startedAtMillis() == null || operation.linesDone() == 0) {
            return null;
        }
        double millisPerLine = (double) Math.max(1, nowMillis - operation.startedAtMillis()) / operation.linesDone();
        return (long) Math.ceil(millisPerLine * (operation.linesTotal() - operation.linesDone()) / 1000);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
