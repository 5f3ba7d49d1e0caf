package dev.corebank.server.transfers;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** A deposit or withdrawal of cash at the counter. */
@Schema(description = "Cash paid in or out at the counter, against the ledger's cash account.")
record CashRequest(
        @Schema(description = "Chosen by the client; the transfer id and idempotency key.",
                example = "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7", requiredMode = Schema.RequiredMode.REQUIRED)
        UUID id,
        @Schema(description = "The customer's account.", example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                requiredMode = Schema.RequiredMode.REQUIRED)
        UUID accountId,
        @Schema(description = "Integer minor units, at least 1.", example = "50000",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Long amount,
        @Schema(description = "Free text for statements, at most 64 bytes of UTF-8.", example = "branch 12 till 3",
                nullable = true)
        String reference) {
}
