package dev.corebank.server;

import dev.corebank.server.admin.KeysCommand;
import dev.corebank.server.audit.AuditCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one binary people run: the HTTP API, read models and operations around the ledger engine. The first argument
 * may name a command that works on a stopped server's data instead: {@code keys ...}, or {@code audit verify}, which
 * re-reads the journal and may also run beside a live server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CorebankApplication {
    public static void main(String[] arguments) {
        String command = arguments.length > 0 ? arguments[0] : "";
        String[] rest = arguments.length > 0 ? Arrays.copyOfRange(arguments, 1, arguments.length) : arguments;
        switch (command) {
            case "keys" -> System.exit(KeysCommand.run(rest, System.out, System.err));
            case "audit" -> System.exit(AuditCommand.run(rest, System.out, System.err));
            default -> SpringApplication.run(CorebankApplication.class, arguments);
        }
    }
}
