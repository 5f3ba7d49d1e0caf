package dev.corebank.server.projection;

import dev.corebank.ledger.LedgerEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the projection as the {@code projection} health component: down while the projector is stopped or its
 * latest run failed, up otherwise, with the lag behind the journal as a detail. Lag alone is not a failure: a
 * catch-up after a restart is expected, and reads that need the newest data wait for it.
 */
final class ProjectionHealthIndicator implements HealthIndicator {
    private final Projector projector;
    private final ProjectionPosition position;
    private final LedgerEngine engine;

    ProjectionHealthIndicator(Projector projector, ProjectionPosition position, LedgerEngine engine) {
        this.projector = projector;
        this.position = position;
        this.engine = engine;
    }

    @Override
    public Health health() {
        long applied = position.position();
        long committed = engine.committedPosition();
        Health.Builder builder = projector.isRunning() && projector.lastFailure() == null ? Health.up() : Health.down();
        builder.withDetail("position", applied)
                .withDetail("journalPosition", committed)
                .withDetail("lagEntries", Math.max(0, committed - applied));
        RuntimeException failure = projector.lastFailure();
        if (failure != null) {
            builder.withDetail("error", failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        return builder.build();
    }
}
