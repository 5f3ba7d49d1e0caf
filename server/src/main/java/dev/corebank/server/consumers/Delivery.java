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
        int previousDeliveries,
        long receipt,
        String origin) {

    public Delivery {
        Objects.requireNonNull(stream, "stream");
        attributes = Map.copyOf(attributes);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(origin, "origin");
        if (previousDeliveries < 0) {
            throw new IllegalArgumentException("previousDeliveries must not be negative previousDeliveries="
                    + previousDeliveries);
        }
    }
}
