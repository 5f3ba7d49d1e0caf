package dev.corebank.server.api;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real port, with its file journal and H2 database in a temporary directory. Every API
 * test class extends this and adds nothing to the configuration, so they all share one application context.
 */
public abstract class ApiTestSupport extends ApiTestBase {
    private static final Path DATA_DIRECTORY = temporaryDirectory();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA_DIRECTORY::toString);
    }
}
