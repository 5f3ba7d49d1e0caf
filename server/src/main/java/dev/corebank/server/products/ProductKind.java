package dev.corebank.server.products;

/** What kind of account a product opens: both are customer deposits, a liability of the bank. */
public enum ProductKind {
    /** Earns interest; may not be overdrawn. */
    SAVINGS,
    /** May have an arranged overdraft, charged interest when overdrawn, and a monthly fee. */
    CURRENT
}
