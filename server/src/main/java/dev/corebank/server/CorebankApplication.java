package dev.corebank.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one binary people run: the HTTP API, read models and operations around the ledger engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CorebankApplication {
    public static void main(String[] arguments) {
        SpringApplication.run(CorebankApplication.class, arguments);
    }
}
