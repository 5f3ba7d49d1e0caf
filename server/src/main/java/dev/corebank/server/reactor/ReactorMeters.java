package dev.corebank.server.reactor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Every reactor's meters, tagged {@code reactor=<name>}, read from the runtime when Prometheus scrapes:
 *
 * <pre>
 * corebank_reactor_position               last journal sequence the reactor applied (its checkpoint)
 * corebank_reactor_lag_entries            committed entries not yet applied
 * corebank_reactor_lag_seconds            wall-clock age of the oldest entry not yet applied; 0 when caught up
 * corebank_reactor_runs_total             runs applied since start
 * corebank_reactor_failures_total         failed attempts since start
 * corebank_reactor_dead_letters_total     entries handed to the reactor's dead letters since start
 * corebank_reactor_start_repairs_total    starts at which the reactor's check found its effect out of step and reset it
 * corebank_reactor_state                  1 for the reactor's current state (tag state=RUNNING, ...), 0 for the others
 * </pre>
 */
final class ReactorMeters implements MeterBinder {
    private final ReactorRuntime runtime;

    ReactorMeters(ReactorRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : runtime.names()) {
            Tags tags = Tags.of("reactor", name);
            gauge(registry, "corebank.reactor.position", null, tags, name, ReactorStatus::position,
                    "Last journal sequence the reactor applied");
            gauge(registry, "corebank.reactor.lag.entries", null, tags, name, ReactorStatus::lagEntries,
                    "Journal entries committed but not yet applied by the reactor");
            gauge(registry, "corebank.reactor.lag", "seconds", tags, name, ReactorStatus::lagSeconds,
                    "Wall-clock age of the oldest journal entry the reactor has not applied yet");
            counter(registry, "corebank.reactor.runs", tags, name, ReactorStatus::runs,
                    "Runs of journal entries the reactor applied");
            counter(registry, "corebank.reactor.failures", tags, name, ReactorStatus::failures,
                    "Failed attempts of the reactor to apply a run");
            counter(registry, "corebank.reactor.dead.letters", tags, name, ReactorStatus::deadLetters,
                    "Journal entries the reactor handed to its dead letters after their bounded tries");
            counter(registry, "corebank.reactor.start.repairs", tags, name, ReactorStatus::startRepairs,
                    "Starts at which the reactor's check found its effect out of step with the journal and reset it");
            for (ReactorState state : ReactorState.values()) {
                gauge(registry, "corebank.reactor.state", null, tags.and("state", state.name()), name,
                        status -> status.state() == state ? 1 : 0,
                        "1 for the reactor's current state, 0 for the others");
            }
        }
    }

    private void gauge(MeterRegistry registry, String meter, String unit, Tags tags, String name,
                       ToDoubleFunction<ReactorStatus> value, String description) {
        Gauge.builder(meter, runtime, reactors -> reactors.status(name).map(value::applyAsDouble).orElse(Double.NaN))
                .baseUnit(unit).tags(tags).description(description).register(registry);
    }

    private void counter(MeterRegistry registry, String meter, Tags tags, String name,
                         ToDoubleFunction<ReactorStatus> value, String description) {
        FunctionCounter.builder(meter, runtime,
                        reactors -> reactors.status(name).map(value::applyAsDouble).orElse(0.0))
                .tags(tags).description(description).register(registry);
    }
}
