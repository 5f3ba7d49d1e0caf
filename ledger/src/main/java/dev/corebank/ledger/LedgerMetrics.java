package dev.corebank.ledger;

/**
 * What the engine reports as it works, for metrics. Called on the engine's own threads, so implementations must be
 * quick and must not block. The default does nothing.
 */
public interface LedgerMetrics {
    LedgerMetrics NONE = new LedgerMetrics() {
    };

    /** A write command of {@code items} items was applied in {@code applyNanos}. */
    default void batchApplied(int items, long applyNanos) {
    }

    /** An item was refused with this result (including EXISTS, the idempotent repeat). */
    default void itemResult(ResultCode result) {
    }

    /** {@code entries} entries of {@code bytes} bytes were written in {@code writeNanos} and made durable in {@code syncNanos}. */
    default void journalSynced(int entries, long bytes, long writeNanos, long syncNanos) {
    }
}
