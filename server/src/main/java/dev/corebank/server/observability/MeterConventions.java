package dev.corebank.server.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * Keeps the exposition clean under {@code promtool check metrics}: every family has a HELP line and no name carries
 * an abbreviated unit. A few meters of the stock binders break those rules; they are dropped or replaced here:
 *
 * <ul>
 *   <li>{@code process.cpu.time} (nanoseconds, exported as {@code process_cpu_time_ns_total}) is replaced by the
 *       conventional {@code process_cpu_seconds_total};</li>
 *   <li>{@code jvm.compilation.time} (milliseconds) and {@code system.cpu.count} (a gauge named like a count) are
 *       dropped: nothing alerts on them, and the dashboard uses {@code process_cpu_usage};</li>
 *   <li>{@code tomcat.sessions.*} are dropped: the API is stateless and never creates a session;</li>
 *   <li>Spring's {@code http.server.requests} meters get a description.</li>
 * </ul>
 */
final class MeterConventions implements MeterFilter {
    private static final Set<String> DROPPED = Set.of("process.cpu.time", "jvm.compilation.time", "system.cpu.count");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (DROPPED.contains(id.getName()) || id.getName().startsWith("tomcat.sessions.")) {
            return MeterFilterReply.DENY;
        }
        return MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null || !id.getName().startsWith("http.server.requests")) {
            return id;
        }
        String description = id.getName().endsWith(".active")
                ? "HTTP requests in progress, by method and route template (uri)"
                : "HTTP requests served, by method, route template (uri), status and outcome";
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description,
                id.getType());
    }

    /** {@code process_cpu_seconds_total}: CPU time used by the JVM process, in the unit Prometheus expects. */
    static MeterBinder processCpuSeconds() {
        return (registry) -> {
            if (ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean system) {
                FunctionCounter.builder("process.cpu", system, (bean) -> bean.getProcessCpuTime() / 1e9)
                        .baseUnit("seconds").description("CPU time used by the JVM process")
                        .register(registry);
            }
        };
    }
}
