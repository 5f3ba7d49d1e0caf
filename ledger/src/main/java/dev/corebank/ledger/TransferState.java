package dev.corebank.ledger;

/**
 * A stored transfer as a lookup returns it: the transfer as applied (accounts and ledger resolved, the amount actually
 * moved, the engine timestamp), the amount the caller asked for, and for a PENDING transfer where it stands.
 */
public record TransferState(Transfer transfer, long amountRequested, PendingStatus pendingStatus) {
}
