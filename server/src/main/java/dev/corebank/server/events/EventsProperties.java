package dev.corebank.server.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code corebank.events}.
 *
 * @param source the CloudEvents {@code source} of this bank's events; it must stay the same across restarts, because
 *               (source, id) identifies an event to its consumers. Give each bank its own.
 */
@ConfigurationProperties("corebank.events")
record EventsProperties(@DefaultValue("/corebank") String source) {
}
