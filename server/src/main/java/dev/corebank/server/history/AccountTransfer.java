package dev.corebank.server.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corebank.ledger.PendingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One transfer in an account's history, shaped like the transfer API's answer. Amounts are integers in minor units. */
@Schema(description = "A transfer that touched the account, from the read model.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record AccountTransfer(
        UUID id,
        @Schema(description = "DEBIT when the account is the debit side, CREDIT when it is the credit side.",
                example = "DEBIT") String direction,
        @Schema(description = "SINGLE_PHASE, PENDING (a hold), POST_PENDING or VOID_PENDING.",
                example = "SINGLE_PHASE") String kind,
        UUID debitAccountId,
        UUID creditAccountId,
        @Schema(description = "Minor units moved or held.", example = "2500") long amount,
        @Schema(description = "ISO 4217 currency code.", example = "USD") String ledger,
        @Schema(example = "1101") int code,
        @Schema(example = "[]") List<String> flags,
        @Schema(description = "The hold this transfer posts or voids; absent otherwise.") UUID pendingId,
        @Schema(example = "0") int timeoutSeconds,
        @Schema(example = "invoice 2026-001") String reference,
        @Schema(description = "For a hold: PENDING, POSTED, VOIDED or EXPIRED; absent otherwise.")
        PendingStatus pendingStatus,
        @Schema(description = "When a hold was posted, voided or expired; absent otherwise.") Instant resolvedAt,
        @Schema(description = "Engine timestamp, nanoseconds since the Unix epoch; unique and increasing.",
                example = "1767605400123456789") long timestamp,
        @Schema(description = "The engine timestamp as an instant.", example = "2026-01-05T09:30:00.123456789Z")
        Instant createdAt,
        @Schema(description = "The journal entry that holds the transfer.", example = "1042") long journalSequence,
        @Schema(description = "The W3C trace id of the request that made it; absent when there was none.")
        String traceId) {
}
