package dev.corebank.ledger;

import java.time.LocalDate;

/**
 * A stored transfer as a lookup returns it: the transfer as applied (accounts and ledger resolved, the amount actually
 * moved, the engine timestamp), the amount the caller asked for, for a PENDING transfer where it stands, and the
 * business date it was booked on (its value date; null for a transfer applied before the bank set a business date).
 */
public record TransferState(Transfer transfer, long amountRequested, PendingStatus pendingStatus, LocalDate valueDate) {
    public TransferState(Transfer transfer, long amountRequested, PendingStatus pendingStatus) {
        this(transfer, amountRequested, pendingStatus, null);
    }
}
