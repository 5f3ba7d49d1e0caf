package dev.corebank.server.products;

import dev.corebank.ledger.Fact;
import dev.corebank.server.commands.FactKinds;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journaled form of a product version: a {@link FactKinds#PRODUCT_DEFINED} fact whose body is the definition as
 * JSON (UTF-8). One mapper with fixed settings encodes and decodes it, so every reader of the journal, today's and a
 * replay's, reads the same definition.
 */
public final class ProductFacts {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProductFacts() {
    }

    public static Fact of(ProductDefinition product) {
        byte[] body = JSON.writeValueAsBytes(product);
        if (body.length > Fact.BODY_BYTES_MAX) {
            throw new IllegalArgumentException("product definition too large bytes=" + body.length + " bytesMax="
                    + Fact.BODY_BYTES_MAX);
        }
        return new Fact(FactKinds.PRODUCT_DEFINED, body);
    }

    public static ProductDefinition read(Fact fact) {
        if (fact.kind() != FactKinds.PRODUCT_DEFINED) {
            throw new IllegalArgumentException("not a product fact kind=" + fact.kind());
        }
        return JSON.readValue(new String(fact.body(), StandardCharsets.UTF_8), ProductDefinition.class);
    }
}
