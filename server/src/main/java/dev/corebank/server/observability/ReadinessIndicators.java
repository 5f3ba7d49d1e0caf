package dev.corebank.server.observability;

import dev.corebank.ledger.LedgerEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * What a load balancer's readiness probe checks besides Spring's own readiness state. The engine bean exists only
 * after recovery has finished, so "ledger" being UP means recovery is done and the engine still runs. The reactors'
 * lag ("reactorLag", from the reactor runtime) is the other check in the readiness group (observability.yml).
 */
final class ReadinessIndicators {
    private ReadinessIndicators() {
    }

    static HealthIndicator ledger(LedgerEngine engine) {
        return () -> {
            Health.Builder health = engine.running() ? Health.up() : Health.down();
            health.withDetail("committedSequence", engine.committedPosition())
                    .withDetail("recoveredSequence", engine.recovery().lastSequence())
                    .withDetail("recoveryMillis", engine.recovery().recoveryMillis());
            Throwable failure = engine.failure();
            if (failure != null) {
                health.withDetail("failure", failure.getClass().getSimpleName() + ": " + failure.getMessage());
            }
            return health.build();
        };
    }
}
