package dev.corebank.server.reactor;

import dev.corebank.ledger.LedgerEngine;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the runtime with every {@link Reactor} bean, in bean order, and its meters and health. */
@Configuration(proxyBeanMethods = false)
class ReactorConfiguration {
    @Bean
    ReactorRuntime reactorRuntime(LedgerEngine engine, ObjectProvider<Reactor> reactors, JdbcTemplate jdbc,
                                  ReactorProperties properties) {
        return new ReactorRuntime(engine, reactors.orderedStream().toList(), jdbc, properties, Clock.systemUTC());
    }

    @Bean
    MeterBinder reactorMeters(ReactorRuntime runtime) {
        return new ReactorMeters(runtime);
    }

    @Bean
    HealthIndicator reactorsHealthIndicator(ReactorRuntime runtime) {
        return ReactorHealth.reactors(runtime);
    }

    @Bean
    HealthIndicator reactorLagHealthIndicator(ReactorRuntime runtime, ReactorProperties properties) {
        return ReactorHealth.readinessLag(runtime, properties.readinessLagEntriesMax());
    }
}
