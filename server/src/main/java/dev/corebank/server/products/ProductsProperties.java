package dev.corebank.server.products;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Products from configuration ({@code corebank.products.definitions}): at every start each one that differs from its
 * latest journaled version is journaled as the next version, so configuration and the API share one history. The
 * defaults in application.yml define {@code savings-standard} and {@code current-standard}.
 */
@ConfigurationProperties("corebank.products")
public record ProductsProperties(List<ProductDefinition> definitions) {
    public ProductsProperties {
        definitions = definitions == null ? List.of() : List.copyOf(definitions);
    }
}
