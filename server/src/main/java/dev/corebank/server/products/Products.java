package dev.corebank.server.products;

import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Provenance;
import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.commands.Commands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Defines product versions, journaled as facts, and reads them from the {@link ProductCatalog}. Defining a product
 * exactly as its latest version is an idempotent repeat and journals nothing; anything else is the next version.
 */
@Service
public final class Products {
    /** How long a definition waits for the catalog to read it back. */
    static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);

    private final Commands commands;
    private final ProductCatalog catalog;

    Products(Commands commands, ProductCatalog catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    /** The outcome of a definition: the version as stored, and whether this call created it. */
    public record Defined(ProductDefinition product, boolean created) {
    }

    /**
     * Journals the definition as the product's next version unless it equals the latest one.
     *
     * @throws IllegalArgumentException for a bad field (the message names it)
     * @throws IllegalStateException    when the code belongs to another product or the chart, or another definition
     *                                  of the same product won the race for the version
     */
    public Defined define(ProductDefinition asked, Provenance provenance) {
        ProductDefinition product = ProductRules.normalise(asked);
        awaitCatalog(commands.committedPosition());
        List<ProductDefinition> versions = catalog.versions(product.id());
        if (!versions.isEmpty() && versions.getLast().withVersion(0).equals(product.withVersion(0))) {
            return new Defined(versions.getLast(), false);
        }
        String owner = catalog.productOfCode(product.code());
        if ((owner != null && !owner.equals(product.id())) || ChartOfAccounts.GlAccount.ofCode(product.code()) != null) {
            throw new IllegalStateException("code " + product.code() + " is taken by "
                    + (owner != null ? "product " + owner : "the chart of accounts"));
        }
        if (!versions.isEmpty() && !versions.getLast().code().equals(product.code())) {
            throw new IllegalStateException("a product keeps its code; " + product.id() + " has code "
                    + versions.getLast().code());
        }
        ProductDefinition next = product.withVersion(versions.size() + 1);
        long position = commands.submit(new LedgerCommand.RecordFacts(List.of(ProductFacts.of(next))), provenance)
                .position();
        awaitCatalog(position);
        List<ProductDefinition> after = catalog.versions(product.id());
        if (after.size() < next.version() || !after.get(next.version() - 1).equals(next)) {
            throw new IllegalStateException("another definition of " + product.id() + " took version "
                    + next.version() + " first; read the product and try again");
        }
        return new Defined(next, true);
    }

    public List<ProductDefinition> list() {
        return catalog.latestProducts();
    }

    public Optional<ProductDefinition> latest(String productId) {
        List<ProductDefinition> versions = catalog.versions(productId);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    public List<ProductDefinition> versions(String productId) {
        return catalog.versions(productId);
    }

    /** Waits until the catalog has read everything committed so far, so a product just defined is found. */
    public void awaitCatalog(long position) {
        try {
            if (!catalog.awaitPosition(position, READ_BACK_TIMEOUT)) {
                throw new IllegalStateException("the product catalog is behind the journal position=" + position);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the product catalog");
        }
    }
}
