package dev.corebank.server.bus;

import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorState;
import dev.corebank.server.reactor.ReactorStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code eventBus}, in the readiness group: OUT_OF_SERVICE while a publisher that readiness requires is FAILING (its
 * broker is down or refuses it) or STOPPED, with its state, lag and last failure. It pauses by backing off and
 * retrying the same run, and is UP again once a run goes through. UP with no publisher configured. Lag alone is the
 * runtime's {@code reactorLag} indicator.
 */
final class BusHealth {
    static final List<String> PUBLISHERS = List.of(KafkaPublisher.NAME, RabbitPublisher.NAME);

    private BusHealth() {
    }

    static HealthIndicator of(ReactorRuntime runtime) {
        return () -> {
            boolean ready = true;
            Map<String, Object> details = new LinkedHashMap<>();
            for (String name : PUBLISHERS) {
                ReactorStatus status = runtime.status(name).orElse(null);
                if (status == null) {
                    continue;
                }
                boolean failing = status.state() == ReactorState.FAILING || status.state() == ReactorState.STOPPED;
                ready &= !(failing && status.requiredForReadiness());
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("state", status.state().name());
                shown.put("position", status.position());
                shown.put("lagEntries", status.lagEntries());
                shown.put("lagSeconds", status.lagSeconds());
                if (status.lastFailure() != null) {
                    shown.put("lastFailure", status.lastFailure());
                }
                details.put(name, shown);
            }
            if (details.isEmpty()) {
                details.put("publishers", "none configured");
            }
            return (ready ? Health.up() : Health.outOfService()).withDetails(details).build();
        };
    }
}
