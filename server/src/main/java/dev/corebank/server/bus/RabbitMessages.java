package dev.corebank.server.bus;

import com.rabbitmq.client.AMQP;
import dev.corebank.server.events.CloudEvent;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * A CloudEvent as a RabbitMQ (AMQP 0-9-1) message, in the binary content mode of the CloudEvents AMQP protocol
 * binding: the body is the event's JSON data, the {@code content-type} property carries {@code datacontenttype}, and
 * every other attribute is an application header named {@code cloudEvents:<attribute>}. Values are the canonical
 * string forms (the time as RFC 3339 with nanoseconds, which AMQP 0-9-1's second-precision timestamp would cut),
 * except the journal sequence, an AMQP long. The message is persistent; its {@code message-id} is the event id and its
 * {@code timestamp} the event's time in seconds, for tools that show those properties.
 *
 * <p>This is the one encoder of corebank's AMQP messages: the consumers' tests and benchmark publish with
 * {@link #properties}, so they read what the publisher writes.
 */
public final class RabbitMessages {
    static final String PREFIX = "cloudEvents:";
    static final int PERSISTENT = 2;

    private RabbitMessages() {
    }

    public static AMQP.BasicProperties properties(CloudEvent event) {
        Map<String, Object> headers = new HashMap<>(16);
        headers.put(PREFIX + "specversion", CloudEvent.SPEC_VERSION);
        headers.put(PREFIX + "id", event.id());
        headers.put(PREFIX + "source", event.source());
        headers.put(PREFIX + "type", event.type());
        headers.put(PREFIX + "time", event.time());
        if (event.subject() != null) {
            headers.put(PREFIX + "subject", event.subject());
        }
        headers.put(PREFIX + CloudEvent.EXTENSION_SEQUENCE, event.sequence());
        headers.put(PREFIX + CloudEvent.EXTENSION_ENTRY_HASH, event.entryHash());
        if (event.traceparent() != null) {
            headers.put(PREFIX + CloudEvent.EXTENSION_TRACEPARENT, event.traceparent());
            headers.put(KafkaRecords.W3C_TRACEPARENT, event.traceparent());
        }
        return new AMQP.BasicProperties.Builder()
                .contentType(CloudEvent.DATA_CONTENT_TYPE)
                .deliveryMode(PERSISTENT)
                .messageId(event.id())
                .type(event.type())
                .timestamp(new Date(event.timeEpochNanos() / 1_000_000))
                .headers(headers)
                .build();
    }
}
