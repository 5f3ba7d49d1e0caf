package dev.corebank.ledger;

/** The engine's command queue is full: the submission was refused, nothing was applied. Retry later. */
public final class LedgerOverloadedException extends RuntimeException {
    public LedgerOverloadedException(int queueDepthMax) {
        super("ledger engine queue is full queueDepthMax=" + queueDepthMax);
    }
}
