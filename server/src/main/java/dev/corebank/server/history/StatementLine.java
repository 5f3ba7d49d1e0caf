package dev.corebank.server.history;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** One posted movement on a statement. Amounts are integers in minor units. */
@Schema(description = "A posted movement; exactly one of debitAmount and creditAmount is positive.")
record StatementLine(
        @Schema(description = "Engine timestamp, nanoseconds since the Unix epoch.", example = "1767605400123456789")
        long timestamp,
        @Schema(example = "2026-01-05T09:30:00.123456789Z") Instant postedAt,
        UUID transferId,
        @Schema(description = "SINGLE_PHASE or POST_PENDING.", example = "SINGLE_PHASE") String kind,
        @Schema(example = "1101") int code,
        @Schema(example = "invoice 2026-001") String reference,
        @Schema(example = "0") long debitAmount,
        @Schema(example = "2500") long creditAmount,
        @Schema(description = "The posted balance after this line, on the account's normal side.", example = "140000")
        long balance,
        @Schema(example = "1042") long journalSequence) {
}
