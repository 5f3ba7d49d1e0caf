package dev.corebank.server.projection;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.commands.IntakeGate;
import dev.corebank.server.reactor.ReactorRuntime;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wires the projector, a reactor the reactor runtime runs, with its position (the module's public face), its SQL and
 * its counter. Its state, lag and health are the runtime's, under the reactor name {@value Projector#NAME}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class ProjectionConfiguration {
    @Bean
    ProjectionPosition projectionPosition() {
        // Zero until the runtime has fenced the stored checkpoint at start: a waiting reader waits rather than
        // trusting a position nobody has checked.
        return new ProjectionPosition(0);
    }

    @Bean
    Projector projector(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                        ProjectionPosition position) {
        CheckpointStore checkpoints = new CheckpointStore(jdbc);
        BatchApplier applier = new BatchApplier(new TransactionTemplate(transactionManager), checkpoints,
                new ReadModelWriter(jdbc));
        return new Projector(applier, checkpoints, position);
    }

    /** Holds clients' commands while the read model is too far behind (the command layer's gate). */
    @Bean
    IntakeGate readModelIntake(LedgerEngine engine, ProjectionPosition position, ObjectProvider<ReactorRuntime> runtime,
                               IntakeProperties properties) {
        return new ReadModelIntake(engine, position, SingletonSupplier.of(runtime::getIfAvailable), properties);
    }

    /** The events counter; the position and lag gauges are the observability module's, read from the position. */
    @Bean
    MeterBinder projectionMeters(Projector projector) {
        return registry -> FunctionCounter.builder("corebank.projection.events", projector,
                        Projector::eventsProjected)
                .description("Journal events applied to the read model since start, refused attempts included")
                .register(registry);
    }
}
