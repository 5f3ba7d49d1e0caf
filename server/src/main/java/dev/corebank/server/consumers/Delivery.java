package dev.corebank.server.consumers;

import java.util.Map;
import java.util.Objects;

/**
 * One message as a transport received it, before decoding: what the shared pipeline needs from either broker.
 *
 * @param stream             where order holds and the deduplication mark is kept: a Kafka topic partition
 *                           ({@code topic-partition}) or a RabbitMQ queue
 * @param attributes         the CloudEvents attributes found in the headers, prefix taken off
 * @param contentType        the transport's content type, or null
 * @param body               the payload as received
 * @param copy               which copy of the event this is: Kafka carries an event once per account it touches,
 *                           keyed by the account, with header {@code corebank_copy} (0 for the debit side); 0 on
 *                           RabbitMQ, which carries each event once
 * @param key                the account the copy is for (the Kafka record key), or null for the whole event
 * @param previousDeliveries how often the broker delivered it before (RabbitMQ {@code x-delivery-count}; 0 on Kafka)
 * @param receipt            the transport's handle to acknowledge it: a Kafka offset or a RabbitMQ delivery tag
 * @param origin             where it came from, for an operator: {@code topic/partition/offset} or
 *                           {@code exchange/routing key}
 */
public record Delivery(
        String stream,
        Map<String, String> attributes,
        String contentType,
        byte[] body,
        int copy,
        String key,
        int previousDeliveries,
        long receipt,
        String origin) {

    public Delivery {
        Objects.requireNonNull(stream, "stream");
        attributes = Map.copyOf(attributes);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(origin, "origin");
        if (copy < 0 || copy >= EventWire.COPIES_MAX) {
            throw new IllegalArgumentException("copy out of range copy=" + copy);
        }
        if (previousDeliveries < 0) {
            throw new IllegalArgumentException("previousDeliveries must not be negative previousDeliveries="
                    + previousDeliveries);
        }
    }
}
