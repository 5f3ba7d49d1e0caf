package dev.corebank.server.payments;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The JSON body of POST /v1/payments. */
@Schema(description = "A payment from a customer account of this bank to an account at another bank of the network.")
record PaymentRequest(
        @Schema(description = "Chosen by the client: the idempotency key. The UETR and every step's id derive from it.",
                example = "5e0c1f7a-3b2d-4c8e-9a61-2f4d6b8c0e13", requiredMode = Schema.RequiredMode.REQUIRED)
        UUID id,
        @Schema(description = "The customer's account here.", example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                requiredMode = Schema.RequiredMode.REQUIRED)
        UUID debtorAccountId,
        @Schema(description = "The payer's name for the creditor's statement (ISO 20022 Dbtr/Nm), at most 70"
                + " characters.", example = "Aung Aung", nullable = true)
        String debtorName,
        @Schema(description = "The creditor's bank: its participant code (BIC-like, 8 or 11 characters).",
                example = "BANKBBBB", requiredMode = Schema.RequiredMode.REQUIRED)
        String creditorAgent,
        @Schema(description = "The creditor's account id at that bank.", example = "7a2d3c4b-5e6f-4a70-8b9c-0d1e2f3a4b5c",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String creditorAccount,
        @Schema(description = "The creditor's name, at most 70 characters.", example = "Su Su", nullable = true)
        String creditorName,
        @Schema(description = "Integer minor units, at least 1.", example = "150000",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Long amountMinor,
        @Schema(description = "ISO 4217 code; the debtor account must be in it.", example = "USD",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String currency,
        @Schema(description = "Remittance information (RmtInf/Ustrd), at most 140 characters.", example = "invoice 42",
                nullable = true)
        String remittance,
        @Schema(description = "The payer's own reference (EndToEndId), at most 35 characters of the ISO 20022 set;"
                + " by default the payment id without dashes.", nullable = true)
        String endToEndId) {
}
