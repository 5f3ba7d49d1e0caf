package dev.corebank.server.consumers;

import java.util.Set;

/**
 * A bank service's reaction to corebank events: what {@link ConsumerPipeline} calls once per new message, after
 * deduplication. A handler throws to have the event retried (with backoff) and, after the last attempt, dead-lettered.
 *
 * <p>On Kafka an event that touches two accounts comes twice, once keyed by each ({@link ReceivedEvent#copy()}): a
 * handler that follows accounts acts on the accounts {@link ReceivedEvent#concerns} says, and one that wants each
 * event once acts on copy 0 only. On RabbitMQ every event comes once, as copy 0, concerning every account.
 *
 * <p>{@link #handle} must be idempotent by event id: the deduplication mark is stored after a batch, so a crash can
 * hand the same event again, and a replayed dead letter comes back on another thread. It may be called from the
 * consumer's thread and from a replay at once.
 */
public interface EventHandler {
    /** The consumer's name: its queue, its consumer group, its dead letters and the {@code consumer} tag of metrics. */
    String name();

    /** The short types it handles, for example {@code transfer.posted}; other events are passed by. */
    Set<String> types();

    void handle(ReceivedEvent event);
}
