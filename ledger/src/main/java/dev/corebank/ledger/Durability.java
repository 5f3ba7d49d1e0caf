package dev.corebank.ledger;

/** How hard the journal works to survive a crash before it acknowledges a batch. */
public enum Durability {
    /** fdatasync after each group of entries: an acknowledged batch survives power loss. The default. */
    FSYNC,
    /**
     * Write to the operating system only: an acknowledged batch survives a crash of the process but not of the
     * machine. For benchmarks and tests that say so, never for a bank's books.
     */
    NONE
}
