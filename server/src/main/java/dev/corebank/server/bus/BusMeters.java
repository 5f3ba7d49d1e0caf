package dev.corebank.server.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The publishers' own meters, tagged {@code publisher=<reactor name>}; their lag in entries and seconds is the
 * runtime's ({@code corebank_reactor_lag_entries}, {@code corebank_reactor_lag_seconds}):
 * <pre>
 * corebank_bus_published_records_total     records (Kafka) or messages (RabbitMQ) the broker acknowledged
 * corebank_bus_confirms_total              RabbitMQ publisher confirms, tag outcome=ack|nack
 * corebank_bus_publish_lag_seconds         from an entry's engine time to the broker's acknowledgement of the run
 *                                          ending with it (histogram, for the p99)
 * </pre>
 */
final class BusMeters {
    private final MeterRegistry registry;
    private final Clock clock;

    BusMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Meters nobody scrapes: for tests and the benchmark. */
    static BusMeters unregistered() {
        return new BusMeters(new SimpleMeterRegistry(), Clock.systemUTC());
    }

    void published(String publisher, long records) {
        Counter.builder("corebank.bus.published.records").tag("publisher", publisher)
                .description("Records or messages the broker acknowledged").register(registry).increment(records);
    }

    void confirmed(String publisher, boolean acknowledged, long messages) {
        Counter.builder("corebank.bus.confirms").tag("publisher", publisher)
                .tag("outcome", acknowledged ? "ack" : "nack")
                .description("RabbitMQ publisher confirms").register(registry).increment(messages);
    }

    /** The run ending with the entry of {@code entryTimestampNanos} is acknowledged now. */
    void acknowledged(String publisher, long entryTimestampNanos) {
        long nowNanos = TimeUnit.MILLISECONDS.toNanos(clock.millis());
        Timer.builder("corebank.bus.publish.lag").tag("publisher", publisher).publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(1))
                .description("From an entry's engine time to the broker's acknowledgement of its run")
                .register(registry).record(Math.max(0, nowNanos - entryTimestampNanos), TimeUnit.NANOSECONDS);
    }
}
