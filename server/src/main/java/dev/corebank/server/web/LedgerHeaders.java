package dev.corebank.server.web;

/** Headers that tie an HTTP exchange to a journal position. */
public final class LedgerHeaders {
    /**
     * On a write response: the journal position of the entry that holds the write. A read with
     * {@code X-Min-Position} set to it sees the write.
     */
    public static final String POSITION = "X-Ledger-Position";

    private LedgerHeaders() {
    }
}
