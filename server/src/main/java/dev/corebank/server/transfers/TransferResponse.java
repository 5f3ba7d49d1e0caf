package dev.corebank.server.transfers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corebank.ledger.Ids;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.PendingStatus;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.ledger.TransferState;
import dev.corebank.server.commands.EngineTime;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A transfer as the engine applied it. */
@Schema(description = "A transfer as applied: accounts and ledger resolved, the amount actually moved or held.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record TransferResponse(
        @Schema(example = "0b9a5f4e-2a51-4c8e-9c55-3d7f1f0e6a10") UUID id,
        @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") UUID debitAccountId,
        @Schema(example = "7a2d3c4b-5e6f-4a70-8b9c-0d1e2f3a4b5c") UUID creditAccountId,
        @Schema(description = "Minor units moved or held; a balancing transfer or partial post may move less than"
                + " asked.", example = "2500") long amount,
        @Schema(description = "Minor units the request asked for.", example = "2500") long amountRequested,
        @Schema(example = "USD") String ledger,
        @Schema(example = "1101") int code,
        @Schema(example = "[]") List<String> flags,
        @Schema(description = "The hold this transfer posts or voids; absent otherwise.") UUID pendingId,
        @Schema(example = "0") int timeoutSeconds,
        @Schema(example = "invoice 2026-001") String reference,
        @Schema(description = "For a PENDING transfer: PENDING, POSTED, VOIDED or EXPIRED; absent otherwise.")
        PendingStatus pendingStatus,
        @Schema(description = "Engine timestamp, nanoseconds since the Unix epoch; unique and increasing.",
                example = "1767605400123456789") long timestamp,
        @Schema(description = "The engine timestamp as an instant.", example = "2026-01-05T09:30:00.123456789Z")
        Instant createdAt,
        @Schema(description = "The business date the transfer was booked on; absent before the bank had one.",
                example = "2026-01-05") java.time.LocalDate valueDate) {

    static TransferResponse of(TransferState state) {
        Transfer transfer = state.transfer();
        return new TransferResponse(transfer.id(), transfer.debitAccountId(), transfer.creditAccountId(),
                transfer.amount(), state.amountRequested(), Ledgers.alphabeticCode(transfer.ledger()),
                transfer.code(), TransferFlags.names(transfer.flags()),
                Ids.isZero(transfer.pendingId()) ? null : transfer.pendingId(), transfer.timeoutSeconds(),
                transfer.reference(), state.pendingStatus() == PendingStatus.NONE ? null : state.pendingStatus(),
                transfer.timestamp(), EngineTime.instant(transfer.timestamp()), state.valueDate());
    }
}
