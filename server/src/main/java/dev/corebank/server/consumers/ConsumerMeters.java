package dev.corebank.server.consumers;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Every consumer's meters, tagged {@code consumer=<name>}, running or not (a consumer whose role is off reads 0 and
 * state STOPPED):
 *
 * <pre>
 * corebank_consumer_events_total{outcome}     messages by outcome: applied, duplicate, ignored, dead-lettered
 * corebank_consumer_retries_total             failed handler attempts that were retried
 * corebank_consumer_dead_letters_total        messages dead-lettered since start
 * corebank_consumer_dead_letters_pending      dead letters kept and not replayed (from the table)
 * corebank_consumer_replays_total             dead letters replayed and applied since start
 * corebank_consumer_lag_messages              messages waiting on the broker; -1 when unknown
 * corebank_consumer_position                  highest journal sequence the consumer has passed
 * corebank_consumer_state{state}              1 for the current state (RUNNING, DISCONNECTED, STOPPED)
 * </pre>
 */
final class ConsumerMeters implements MeterBinder {
    private final Consumers consumers;

    ConsumerMeters(Consumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ConsumerStats stats : consumers.stats()) {
            Tags tags = Tags.of("consumer", stats.consumer());
            String events = "Messages the consumer took from the broker, by outcome";
            counter(registry, "corebank.consumer.events", tags.and("outcome", "applied"), stats,
                    ConsumerStats::appliedCount, events);
            counter(registry, "corebank.consumer.events", tags.and("outcome", "duplicate"), stats,
                    ConsumerStats::duplicateCount, events);
            counter(registry, "corebank.consumer.events", tags.and("outcome", "ignored"), stats,
                    ConsumerStats::ignoredCount, events);
            counter(registry, "corebank.consumer.events", tags.and("outcome", "dead-lettered"), stats,
                    ConsumerStats::deadLetteredCount, events);
            counter(registry, "corebank.consumer.retries", tags, stats, ConsumerStats::retryCount,
                    "Failed handler attempts the consumer retried after a backoff");
            counter(registry, "corebank.consumer.dead.letters", tags, stats, ConsumerStats::deadLetteredCount,
                    "Messages the consumer dead-lettered: poison, or failed on every attempt");
            counter(registry, "corebank.consumer.replays", tags, stats, ConsumerStats::replayedCount,
                    "Dead letters replayed and applied");
            Gauge.builder("corebank.consumer.dead.letters.pending", consumers,
                            all -> pending(all, stats.consumer()))
                    .tags(tags).description("Dead letters kept and not replayed yet").register(registry);
            Gauge.builder("corebank.consumer.lag.messages", stats, ConsumerStats::lagMessages).tags(tags)
                    .description("Messages waiting for the consumer on the broker; -1 when unknown")
                    .register(registry);
            Gauge.builder("corebank.consumer.position", stats, ConsumerStats::position).tags(tags)
                    .description("Highest journal sequence the consumer has passed").register(registry);
            for (ConsumerStats.State state : ConsumerStats.State.values()) {
                Gauge.builder("corebank.consumer.state", stats, current -> current.state() == state ? 1 : 0)
                        .tags(tags.and("state", state.name()))
                        .description("1 for the consumer's current state, 0 for the others").register(registry);
            }
        }
    }

    private static double pending(Consumers consumers, String consumer) {
        try {
            return consumers.deadLetters().pending(consumer);
        } catch (RuntimeException databaseDown) {
            return Double.NaN;
        }
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, ConsumerStats stats,
                                ToDoubleFunction<ConsumerStats> value, String description) {
        FunctionCounter.builder(name, stats, value).tags(tags).description(description).register(registry);
    }
}
