package dev.corebank.server.products;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The product versions journaled so far, as a reactor of the journal rebuilds them (the end-of-day day book): the
 * one place they are read from, so the API, account opening and end of day agree on every version.
 */
public interface ProductCatalog {
    List<ProductDefinition> latestProducts();

    /** Every version of the product, oldest first; empty for an unknown id. */
    List<ProductDefinition> versions(String productId);

    /** The product whose customer balances carry this general-ledger code, or null. */
    String productOfCode(int code);

    /** The version an account keeps, or null when it has no product. */
    ProductDefinition productOf(UUID accountId);

    /** Waits until the catalog has read the journal up to {@code sequence}; false when the wait ran out. */
    boolean awaitPosition(long sequence, Duration timeout) throws InterruptedException;
}
