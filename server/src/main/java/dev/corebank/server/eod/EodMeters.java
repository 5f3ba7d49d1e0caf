package dev.corebank.server.eod;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * End of day in metrics: whether it runs, the step running (its index in {@link EodSteps#ALL}, -1 for none), the
 * items done and in all of that step, how long each step took, and how often a step stopped end of day (the trial
 * balance among them: alert on {@code corebank_eod_stopped_total}).
 */
@Component
final class EodMeters {
    private final MeterRegistry registry;

    EodMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void watch(EndOfDay endOfDay) {
        Gauge.builder("corebank.eod.running", endOfDay, eod -> eod.running() == null ? 0 : 1)
                .description("1 while end of day runs").register(registry);
        Gauge.builder("corebank.eod.step", endOfDay, eod -> {
            EodRun run = eod.running();
            return run == null || run.currentStep() == null ? -1 : EodSteps.ALL.indexOf(run.currentStep());
        }).description("the index of the step running, -1 for none").register(registry);
        Gauge.builder("corebank.eod.step.done", endOfDay, eod -> eod.running() == null ? 0
                : eod.running().currentDone()).description("items done in the step running").register(registry);
        Gauge.builder("corebank.eod.step.total", endOfDay, eod -> eod.running() == null ? 0
                : eod.running().currentTotal()).description("items in the step running").register(registry);
    }

    void stepTook(String step, long nanos) {
        Timer.builder("corebank.eod.step.duration").tag("step", step).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void stopped(String step) {
        Counter.builder("corebank.eod.stopped").tag("step", step)
                .description("end-of-day runs stopped at a step").register(registry).increment();
    }
}
