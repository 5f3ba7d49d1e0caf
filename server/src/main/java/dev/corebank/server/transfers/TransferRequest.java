package dev.corebank.server.transfers;

import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.web.Fields;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/** The JSON body of a transfer. */
@Schema(description = "A transfer of amount minor units from the debit account to the credit account. For"
        + " POST_PENDING and VOID_PENDING, accounts, ledger and code may be left out: they come from the pending"
        + " transfer named by pendingId.")
public record TransferRequest(
        @Schema(description = "Chosen by the client; the transfer's idempotency key.",
                example = "0b9a5f4e-2a51-4c8e-9c55-3d7f1f0e6a10", requiredMode = Schema.RequiredMode.REQUIRED)
        UUID id,
        @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") UUID debitAccountId,
        @Schema(example = "7a2d3c4b-5e6f-4a70-8b9c-0d1e2f3a4b5c") UUID creditAccountId,
        @Schema(description = "Integer minor units (cents for USD): at least 1, or for POST_PENDING 0 for the whole"
                + " held amount.", example = "2500")
        Long amount,
        @Schema(description = "ISO 4217 currency code; both accounts must be in it.", example = "USD")
        String ledger,
        @Schema(description = "Transaction type chosen by the bank.", example = "1101", minimum = "0") Integer code,
        @ArraySchema(schema = @Schema(allowableValues = {"LINKED", "PENDING", "POST_PENDING", "VOID_PENDING",
                "BALANCING_DEBIT", "BALANCING_CREDIT"}),
                arraySchema = @Schema(description = "PENDING makes a hold; POST_PENDING or VOID_PENDING resolves"
                        + " one; LINKED chains a transfer to the next one of a batch.", example = "[]"))
        List<String> flags,
        @Schema(description = "For POST_PENDING and VOID_PENDING: the hold to resolve.", nullable = true)
        UUID pendingId,
        @Schema(description = "For PENDING: the hold expires this many seconds after it was made; 0 or absent"
                + " means never.", example = "0", minimum = "0")
        Integer timeoutSeconds,
        @Schema(description = "Free text for statements, at most 64 bytes of UTF-8.", example = "invoice 2026-001",
                maxLength = Transfer.REFERENCE_BYTES_MAX, nullable = true)
        String reference) {

    /**
     * Validates the fields; {@code prefix} locates the item in a batch, for example {@code [3].}. Throws the
     * ApiException of the first invalid field. Also used for the lines of a transfer import.
     */
    public Transfer toTransfer(String prefix) {
        UUID transferId = Fields.requiredId(id, prefix + "id");
        int transferFlags = Fields.flags(flags, TransferFlags::parse, prefix + "flags");
        int timeout = timeoutSeconds == null ? 0 : Fields.nonNegative(timeoutSeconds, prefix + "timeoutSeconds");
        String text = Fields.text(reference, Transfer.REFERENCE_BYTES_MAX, prefix + "reference");
        if (TransferFlags.resolvesPending(transferFlags)) {
            // Everything but the hold's id may be left out: the engine takes it from the hold, and checks what is given.
            return new Transfer(transferId, Fields.nonZeroId(debitAccountId, prefix + "debitAccountId"),
                    Fields.nonZeroId(creditAccountId, prefix + "creditAccountId"),
                    amount == null ? 0 : Fields.amount(amount, 0, prefix + "amount"),
                    ledger == null ? 0 : Fields.ledger(ledger, prefix + "ledger"),
                    code == null ? 0 : Fields.nonNegative(code, prefix + "code"), transferFlags,
                    Fields.requiredId(pendingId, prefix + "pendingId"), timeout, text, 0);
        }
        return new Transfer(transferId, Fields.requiredId(debitAccountId, prefix + "debitAccountId"),
                Fields.requiredId(creditAccountId, prefix + "creditAccountId"),
                Fields.amount(amount, 1, prefix + "amount"), Fields.ledger(ledger, prefix + "ledger"),
                Fields.nonNegative(code, prefix + "code"), transferFlags,
                Fields.nonZeroId(pendingId, prefix + "pendingId"), timeout, text, 0);
    }
}
