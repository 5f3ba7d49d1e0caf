package dev.corebank.server.bus;

import dev.corebank.ledger.JournalEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The publishers' own meters, tagged {@code publisher=<reactor name>}; their lag in entries and seconds is the
 * runtime's ({@code corebank_reactor_lag_entries}, {@code corebank_reactor_lag_seconds} with the publisher's name as
 * {@code reactor}). They are registered for both publishers up front, so dashboards and alerts find them; a publisher
 * that is not configured stays at zero.
 * <pre>
 * corebank_bus_published_records_total     records (Kafka) or messages (RabbitMQ) the broker acknowledged
 * corebank_bus_confirms_total              RabbitMQ publisher confirms, tag outcome=ack|nack
 * corebank_bus_publish_lag_seconds         from an entry's engine time to the broker's acknowledgement of the run
 *                                          ending with it (histogram, for the p99)
 * </pre>
 */
final class BusMeters {
    private final Clock clock;
    private final Map<String, Counter> published = new HashMap<>();
    private final Map<String, Counter> acks = new HashMap<>();
    private final Map<String, Counter> nacks = new HashMap<>();
    private final Map<String, Timer> lag = new HashMap<>();

    BusMeters(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        for (String publisher : List.of(KafkaPublisher.NAME, RabbitPublisher.NAME)) {
            published.put(publisher, Counter.builder("corebank.bus.published.records").tag("publisher", publisher)
                    .description("Records or messages the broker acknowledged").register(registry));
            acks.put(publisher, confirms(registry, publisher, "ack"));
            nacks.put(publisher, confirms(registry, publisher, "nack"));
            lag.put(publisher, Timer.builder("corebank.bus.publish.lag").tag("publisher", publisher)
                    .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(1))
                    .description("From an entry's engine time to the broker's acknowledgement of its run")
                    .register(registry));
        }
    }

    /** Meters nobody scrapes: for tests and the benchmark. */
    static BusMeters unregistered() {
        return new BusMeters(new SimpleMeterRegistry(), Clock.systemUTC());
    }

    void published(String publisher, long records) {
        published.get(publisher).increment(records);
    }

    void confirmed(String publisher, boolean acknowledged, long messages) {
        (acknowledged ? acks : nacks).get(publisher).increment(messages);
    }

    /** The broker acknowledged {@code run} now: one lag sample per entry, from its engine time. */
    void acknowledged(String publisher, List<JournalEntry> run) {
        long nowNanos = TimeUnit.MILLISECONDS.toNanos(clock.millis());
        Timer timer = lag.get(publisher);
        for (JournalEntry entry : run) {
            timer.record(Math.max(0, nowNanos - entry.timestamp()), TimeUnit.NANOSECONDS);
        }
    }

    Timer lag(String publisher) {
        return lag.get(publisher);
    }

    private static Counter confirms(MeterRegistry registry, String publisher, String outcome) {
        return Counter.builder("corebank.bus.confirms").tag("publisher", publisher).tag("outcome", outcome)
                .description("RabbitMQ publisher confirms").register(registry);
    }
}
