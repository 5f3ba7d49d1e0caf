package dev.corebank.server.consumers;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A broker as the {@link ConsumerLoop} sees it: Kafka or RabbitMQ. All calls come from the loop's one thread, except
 * {@link #wakeup}. A call that fails because of the broker throws; the loop then closes the transport, backs off and
 * connects again, and whatever was not acknowledged is delivered again.
 */
interface Transport {
    /** {@code kafka} or {@code rabbitmq}: the {@code transport} of metrics and dead letters. */
    String name();

    /** Connects, declares what the consumer needs (queues, topics) and subscribes. */
    void connect();

    /** Up to {@code max} messages in stream order, waiting up to {@code wait} for the first. */
    List<Delivery> poll(int max, Duration wait);

    /**
     * Puts the message on the broker's dead letters (the Kafka dead-letter topic, the RabbitMQ dead-letter exchange)
     * with the reason and cause in its headers, and returns once the broker confirmed it.
     */
    void deadLetter(Delivery delivery, DeadLetter letter);

    /** Acknowledges every message of {@code handled}, a batch from one poll handled in full. */
    void acknowledge(List<Delivery> handled);

    /** Messages waiting for this consumer on the broker, when the broker says so cheaply. */
    OptionalLong lagMessages();

    /** Makes a waiting {@link #poll} return soon; safe from any thread. */
    void wakeup();

    /** Closes the connection; never throws. */
    void close();
}
