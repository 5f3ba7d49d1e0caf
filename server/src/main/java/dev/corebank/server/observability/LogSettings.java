package dev.corebank.server.observability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code corebank.observability.log-format} into Spring Boot's structured-logging settings, and fills in the
 * ECS service version and node name when nothing else set them. It runs after the configuration files are loaded and
 * before the logging system starts, which is the only point where both are possible.
 *
 * <p>The settings go in as the lowest-precedence source, so an explicit {@code logging.structured.*} property always
 * wins.
 */
class LogSettings implements EnvironmentPostProcessor, Ordered {
    static final String FORMAT_PROPERTY = "corebank.observability.log-format";
    static final String FORMAT_ECS = "ecs";
    static final String FORMAT_PLAIN = "plain";
    static final String VERSION_UNKNOWN = "unknown";
    private static final String POM_PROPERTIES = "META-INF/maven/dev.corebank/corebank-server/pom.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> settings = new HashMap<>();
        String format = environment.getProperty(FORMAT_PROPERTY, FORMAT_ECS).trim().toLowerCase(Locale.ROOT);
        String structured = switch (format) {
            // Spring Boot's ECS lines, encoded to bytes in one step (see EcsLogFormatter).
            case FORMAT_ECS -> EcsLogFormatter.class.getName();
            // Spring Boot writes its plain pattern when the structured format is empty.
            case FORMAT_PLAIN -> "";
            default -> throw new IllegalArgumentException(FORMAT_PROPERTY + " must be ecs or plain "
                    + FORMAT_PROPERTY + "=" + format);
        };
        settings.put("logging.structured.format.console", structured);
        settings.put("logging.structured.format.file", structured);
        settings.put("logging.structured.ecs.service.version", version(environment));
        settings.put("logging.structured.ecs.service.node-name", hostName());
        environment.getPropertySources().addLast(new MapPropertySource("corebankLogSettings", settings));
    }

    /** Just after the configuration files are read (ConfigDataEnvironmentPostProcessor), well before logging starts. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    /** The version Spring Boot found in the jar's manifest, else the one Maven put in the jar, else "unknown". */
    static String version(ConfigurableEnvironment environment) {
        String fromManifest = environment.getProperty("spring.application.version");
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream pom = LogSettings.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (pom != null) {
                Properties properties = new Properties();
                properties.load(pom);
                return properties.getProperty("version", VERSION_UNKNOWN);
            }
        } catch (IOException unreadable) {
            // The version is a label on log lines; a missing one must not stop the server.
        }
        return VERSION_UNKNOWN;
    }

    static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unresolvable) {
            return "localhost";
        }
    }
}
