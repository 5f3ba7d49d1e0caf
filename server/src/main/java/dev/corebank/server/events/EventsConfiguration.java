package dev.corebank.server.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The journal's CloudEvents mapping, shared by the event bus publishers and webhooks. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    CloudEvents cloudEvents(EventsProperties properties) {
        return new CloudEvents(properties.source());
    }
}
