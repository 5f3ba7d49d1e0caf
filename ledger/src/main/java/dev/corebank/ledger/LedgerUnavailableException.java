package dev.corebank.ledger;

/** The engine is closed or stopped after a failure; the cause, when there is one, says why. */
public final class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
