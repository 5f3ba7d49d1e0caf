package dev.corebank.server.consumers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the consumer library, under {@code corebank.consumers}. The brokers' addresses are the event bus's own
 * settings, {@code corebank.kafka.bootstrap-servers} and {@code corebank.rabbitmq.uri}; the names here must match
 * what the publishers write.
 *
 * @param transport        {@code kafka}, {@code rabbitmq}, or {@code auto}: Kafka when its bootstrap servers are set,
 *                         else RabbitMQ when its URI is
 * @param attemptsMax      handler attempts of one event before it is dead-lettered; on RabbitMQ also the broker's
 *                         delivery limit
 * @param backoffMillisMin the first pause after a failed attempt; pauses double from here
 * @param backoffMillisMax the longest pause between attempts (and between reconnects)
 * @param batchMax         messages handled between two acknowledgements at the most
 * @param pollMillis       how long one poll waits for a message (and so how soon a stop is noticed)
 * @param lagIntervalMillis how often the broker is asked for the consumer's lag
 */
@ConfigurationProperties("corebank.consumers")
public record ConsumersProperties(
        @DefaultValue("auto") String transport,
        @DefaultValue("" + ATTEMPTS_MAX_DEFAULT) int attemptsMax,
        @DefaultValue("" + BACKOFF_MILLIS_MIN_DEFAULT) long backoffMillisMin,
        @DefaultValue("" + BACKOFF_MILLIS_MAX_DEFAULT) long backoffMillisMax,
        @DefaultValue("" + BATCH_MAX_DEFAULT) int batchMax,
        @DefaultValue("" + POLL_MILLIS_DEFAULT) long pollMillis,
        @DefaultValue("" + LAG_INTERVAL_MILLIS_DEFAULT) long lagIntervalMillis,
        @DefaultValue Kafka kafka,
        @DefaultValue Rabbitmq rabbitmq) {

    public static final int ATTEMPTS_MAX_DEFAULT = 5;
    public static final long BACKOFF_MILLIS_MIN_DEFAULT = 100;
    public static final long BACKOFF_MILLIS_MAX_DEFAULT = 10_000;
    public static final int BATCH_MAX_DEFAULT = 256;
    public static final long POLL_MILLIS_DEFAULT = 200;
    public static final long LAG_INTERVAL_MILLIS_DEFAULT = 5_000;

    /**
     * @param topic       the events topic the publisher writes
     * @param groupPrefix consumer groups are {@code <prefix><consumer>}
     */
    public record Kafka(@DefaultValue("corebank.ledger.events") String topic,
                        @DefaultValue("corebank-") String groupPrefix) {
    }

    /**
     * @param exchange           the events exchange the publisher writes (durable, topic)
     * @param deadLetterExchange where consumers' dead letters go (durable, direct; routing key the consumer)
     * @param queuePrefix        each consumer's queue is {@code <prefix><consumer>}, its dead letters
     *                           {@code <prefix><consumer>.dead-letters}
     * @param prefetch           unacknowledged messages the broker sends ahead
     */
    public record Rabbitmq(@DefaultValue("corebank.events") String exchange,
                           @DefaultValue("corebank.events.dead-letters") String deadLetterExchange,
                           @DefaultValue("corebank.") String queuePrefix,
                           @DefaultValue("" + PREFETCH_DEFAULT) int prefetch) {
        public static final int PREFETCH_DEFAULT = 512;
    }

    public ConsumersProperties {
        if (!transport.equals("auto") && !transport.equals("kafka") && !transport.equals("rabbitmq")) {
            throw new IllegalArgumentException("transport must be auto, kafka or rabbitmq transport=" + transport);
        }
        if (batchMax < 1 || pollMillis < 1 || lagIntervalMillis < 1) {
            throw new IllegalArgumentException("batchMax, pollMillis and lagIntervalMillis must be positive batchMax="
                    + batchMax + " pollMillis=" + pollMillis + " lagIntervalMillis=" + lagIntervalMillis);
        }
        new RetryPolicy(attemptsMax, backoffMillisMin, backoffMillisMax);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(attemptsMax, backoffMillisMin, backoffMillisMax);
    }
}
