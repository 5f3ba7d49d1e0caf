package dev.corebank.server.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Observability settings under {@code corebank.observability}. Logging, access-log and tracing settings are Spring
 * Boot's own and live in observability.yml.
 *
 * @param logFormat            ecs (JSON lines, the default) or plain; read early by {@link LogSettings}
 * @param requestIdLengthMax   a client's X-Request-Id longer than this is replaced by a generated one
 * @param businessEventsLogged log every journal event (transfers, accounts) on {@code corebank.events}
 */
@ConfigurationProperties("corebank.observability")
record ObservabilityProperties(
        @DefaultValue(LogSettings.FORMAT_ECS) String logFormat,
        @DefaultValue("" + REQUEST_ID_LENGTH_MAX_DEFAULT) int requestIdLengthMax,
        @DefaultValue("true") boolean businessEventsLogged) {

    static final int REQUEST_ID_LENGTH_MAX_DEFAULT = 64;

    ObservabilityProperties {
        if (requestIdLengthMax < 8) {
            throw new IllegalArgumentException("requestIdLengthMax must be at least 8 requestIdLengthMax="
                    + requestIdLengthMax);
        }
    }
}
