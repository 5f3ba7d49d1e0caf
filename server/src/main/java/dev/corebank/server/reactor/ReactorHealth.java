package dev.corebank.server.reactor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The reactors in health. Two indicators, because they mean different things:
 * <ul>
 *   <li>{@code reactors} (in the overall health, not in readiness): DOWN while any reactor is FAILING or STOPPED,
 *       with every reactor's state, position, lag and last failure. It is how a STOP reactor alerts.</li>
 *   <li>{@code reactorLag} (in the readiness group): OUT_OF_SERVICE while a reactor that readiness requires (the
 *       projector) is stopped or more than {@code corebank.reactors.readiness-lag-entries-max} entries behind; it
 *       names each such reactor and its lag. A lagging read model is a reason to send reads elsewhere, not to restart
 *       the process, so neither is in liveness.</li>
 * </ul>
 */
final class ReactorHealth {
    private ReactorHealth() {
    }

    static HealthIndicator reactors(ReactorRuntime runtime) {
        return () -> {
            boolean healthy = runtime.isRunning();
            Map<String, Object> details = new LinkedHashMap<>();
            for (ReactorStatus status : runtime.statuses()) {
                healthy &= status.state() != ReactorState.FAILING && status.state() != ReactorState.STOPPED;
                Map<String, Object> reactor = new LinkedHashMap<>();
                reactor.put("state", status.state().name());
                reactor.put("position", status.position());
                reactor.put("lagEntries", status.lagEntries());
                reactor.put("lagSeconds", status.lagSeconds());
                if (status.lastFailure() != null) {
                    reactor.put("lastFailure", status.lastFailure());
                }
                details.put(status.name(), reactor);
            }
            return (healthy ? Health.up() : Health.down()).withDetails(details).build();
        };
    }

    static HealthIndicator readinessLag(ReactorRuntime runtime, long lagEntriesMax) {
        return () -> {
            boolean ready = true;
            Map<String, Object> details = new LinkedHashMap<>();
            for (ReactorStatus status : runtime.statuses()) {
                if (!status.requiredForReadiness()) {
                    continue;
                }
                ready &= status.state() != ReactorState.STOPPED && status.lagEntries() <= lagEntriesMax;
                details.put(status.name(), Map.of("state", status.state().name(), "position", status.position(),
                        "lagEntries", status.lagEntries()));
            }
            return (ready ? Health.up() : Health.outOfService()).withDetails(details)
                    .withDetail("lagEntriesMax", lagEntriesMax).build();
        };
    }
}
