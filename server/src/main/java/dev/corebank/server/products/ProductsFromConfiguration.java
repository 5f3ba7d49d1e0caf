package dev.corebank.server.products;

import dev.corebank.server.commands.Commands;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.web.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Journals the configured products once the reactors run (the catalog is a reactor) and before the API opens: on a
 * first start that sets up {@code savings-standard} and {@code current-standard}; later, a changed definition in
 * configuration becomes the next version and an unchanged one journals nothing.
 */
@Component
final class ProductsFromConfiguration implements SmartLifecycle {
    static final int PHASE = ReactorRuntime.PHASE + 1;
    private static final Logger LOG = LoggerFactory.getLogger(ProductsFromConfiguration.class);

    private final Products products;
    private final ProductsProperties properties;
    private volatile boolean running;

    ProductsFromConfiguration(Products products, ProductsProperties properties) {
        this.products = products;
        this.properties = properties;
    }

    @Override
    public void start() {
        for (ProductDefinition definition : properties.definitions()) {
            Products.Defined defined = products.define(definition, Commands.system("first start: products",
                    TraceIds.generate()));
            if (defined.created()) {
                LOG.info("products: defined from configuration product={} version={}", defined.product().id(),
                        defined.product().version());
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
