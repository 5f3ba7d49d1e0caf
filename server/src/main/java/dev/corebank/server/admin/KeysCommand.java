package dev.corebank.server.admin;

import dev.corebank.server.commands.Commands;
import dev.corebank.server.database.EmbeddedDatabaseConfiguration;
import dev.corebank.server.ledger.LedgerConfiguration;
import dev.corebank.server.ledger.LedgerProperties;
import dev.corebank.server.web.ApiProperties;
import dev.corebank.server.web.TraceIds;
import dev.corebank.server.security.ApiKey;
import dev.corebank.server.security.ApiKeys;
import dev.corebank.server.security.NewApiKey;
import dev.corebank.server.security.Role;
import dev.corebank.server.security.Roles;
import dev.corebank.server.security.SecurityProperties;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code keys create --role <role> --name <name> [--requests-per-second <n>]}, {@code keys list} and {@code keys
 * revoke <keyId>}: API key management on the database of a stopped server, with the same configuration (data
 * directory, datasource) the server would use. It starts the database, its migrations and the engine (a key change is
 * journaled first, like every change), never the web server. A running server holds the journal and the embedded
 * database locked; use the admin API then.
 */
public final class KeysCommand {
    static final String USAGE = """
            usage: corebank keys create --role <app|teller|operator|auditor|admin> --name <name> \
            [--requests-per-second <n>]
                   corebank keys list
                   corebank keys revoke <keyId>""";

    private KeysCommand() {
    }

    /** Runs the command and returns the process exit code: 0 done, 1 failed, 2 bad usage. */
    public static int run(String[] arguments, PrintStream out, PrintStream err) {
        if (arguments.length == 0) {
            err.println(USAGE);
            return 2;
        }
        Optional<Action> action = parse(arguments, err);
        if (action.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext context = start()) {
            return action.get().run(context.getBean(ApiKeys.class), out, err);
        } catch (RuntimeException failed) {
            err.println("corebank keys: " + explain(failed));
            return 1;
        }
    }

    private interface Action {
        int run(ApiKeys keys, PrintStream out, PrintStream err);
    }

    private static Optional<Action> parse(String[] arguments, PrintStream err) {
        return switch (arguments[0]) {
            case "list" -> arguments.length == 1 ? Optional.of(KeysCommand::list) : Optional.empty();
            case "revoke" -> arguments.length == 2 ? Optional.of(revoke(arguments[1])) : Optional.empty();
            case "create" -> parseCreate(arguments, err);
            default -> Optional.empty();
        };
    }

    private static Optional<Action> parseCreate(String[] arguments, PrintStream err) {
        String role = null;
        String name = null;
        Integer rate = null;
        for (int index = 1; index + 1 < arguments.length; index += 2) {
            switch (arguments[index]) {
                case "--role" -> role = arguments[index + 1];
                case "--name" -> name = arguments[index + 1];
                case "--requests-per-second" -> rate = parseRate(arguments[index + 1]);
                default -> {
                    err.println("corebank keys: unknown option " + arguments[index]);
                    return Optional.empty();
                }
            }
        }
        Optional<Role> parsedRole = Roles.parse(role);
        if (arguments.length % 2 == 0 || parsedRole.isEmpty() || name == null || (rate != null && rate <= 0)) {
            err.println("corebank keys: create needs --role (one of " + Roles.known() + ") and --name;"
                    + " --requests-per-second must be a positive number");
            return Optional.empty();
        }
        String keyName = name;
        Integer keyRate = rate;
        return Optional.of((keys, out, errors) -> {
            NewApiKey created = keys.create(parsedRole.get(), keyName, keyRate,
                    Commands.system("corebank keys create", TraceIds.generate()));
            out.println("created " + describe(created.key()));
            out.println("secret: " + created.secret());
            out.println("(shown only now; send it as Authorization: Bearer <secret>)");
            return 0;
        });
    }

    private static Integer parseRate(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException notNumber) {
            return -1;
        }
    }

    private static int list(ApiKeys keys, PrintStream out, PrintStream err) {
        List<ApiKey> all = keys.list();
        for (ApiKey key : all) {
            out.println(describe(key));
        }
        if (all.isEmpty()) {
            out.println("no API keys");
        }
        return 0;
    }

    private static Action revoke(String keyId) {
        return (keys, out, err) -> {
            Optional<ApiKey> revoked = keys.revoke(keyId,
                    Commands.system("corebank keys revoke", TraceIds.generate()));
            if (revoked.isEmpty()) {
                err.println("corebank keys: no API key with id " + keyId);
                return 1;
            }
            out.println("revoked " + describe(revoked.get()));
            return 0;
        };
    }

    private static String describe(ApiKey key) {
        return key.keyId() + " role=" + Roles.name(key.role()) + " name=\"" + key.name() + "\" created="
                + key.createdAt() + (key.active() ? " active" : " revoked=" + key.revokedAt())
                + (key.requestsPerSecond() == null ? "" : " requestsPerSecond=" + key.requestsPerSecond());
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(Context.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.main.banner-mode", "off", "spring.main.log-startup-info", "false",
                        "logging.level.root", "WARN",
                        // Flyway warns about untested H2 versions on every run; it is noise for a command line tool.
                        "logging.level.org.flywaydb", "ERROR"))
                .run();
    }

    private static String explain(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("already in use") || message.contains("locked by another process")) {
                return "the database is in use by a running server: stop it first, or use the admin API"
                        + " (POST /v1/admin/keys)";
            }
        }
        Throwable root = failed;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The database, its migrations, the engine and the key table: no web server. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            FlywayAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class})
    @EnableConfigurationProperties({SecurityProperties.class, LedgerProperties.class, ApiProperties.class})
    @Import({ApiKeys.class, Commands.class, LedgerConfiguration.class, EmbeddedDatabaseConfiguration.class})
    static class Context {
    }
}
