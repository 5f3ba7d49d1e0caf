package dev.corebank.server.observability;

import dev.corebank.ledger.LedgerEngine;
import dev.corebank.server.projection.ProjectionPosition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * What a load balancer's readiness probe checks besides Spring's own readiness state. The engine bean exists only
 * after recovery has finished, so "ledger" being UP means recovery is done and the engine still runs; "projectionLag"
 * is UP once the read model is within {@code corebank.observability.readiness-projection-lag-entries-max} entries of
 * the journal. Both are in the readiness group (observability.yml), not in liveness: a lagging read model is a
 * reason to send traffic elsewhere, not to restart the process.
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

    static HealthIndicator projectionLag(LedgerEngine engine, ObjectProvider<ProjectionPosition> projection,
                                         long lagEntriesMax) {
        return () -> {
            ProjectionPosition position = projection.getIfAvailable();
            if (position == null) {
                return Health.up().withDetail("projection", "not running on this node").build();
            }
            long committed = engine.committedPosition();
            long applied = position.position();
            long lag = Math.max(0, committed - applied);
            Health.Builder health = lag <= lagEntriesMax ? Health.up() : Health.outOfService();
            return health.withDetail("committedSequence", committed).withDetail("projectedSequence", applied)
                    .withDetail("lagEntries", lag).withDetail("lagEntriesMax", lagEntriesMax).build();
        };
    }
}
