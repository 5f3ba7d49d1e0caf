package dev.corebank.server.consumers;

import dev.corebank.server.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decoding of corebank's CloudEvents as a consumer receives them, in binary content mode. Kafka carries each
 * attribute in a header {@code ce_<name>} (the CloudEvents Kafka binding); RabbitMQ in a header
 * {@code cloudEvents:<name>} (the AMQP binding's prefix; a consumer also accepts {@code cloudEvents_<name>}, which the
 * binding allows too). The body is the event's JSON data and the content type is {@code application/json}. The
 * publishers' encoders ({@code KafkaRecords} and {@code RabbitMessages} in the bus) write that form; the consumers'
 * tests build their messages with them.
 *
 * <p>Decoding checks what a handler relies on and throws {@link PoisonMessage} otherwise: spec version 1.0, the
 * required attributes, an id that is {@code <sequence>-<index>} with the sequence of the {@code corebanksequence}
 * extension, a corebank type from the expected source, an RFC 3339 time and a JSON object as the body.
 */
public final class EventWire {
    public static final String KAFKA_PREFIX = "ce_";
    public static final String AMQP_PREFIX = "cloudEvents:";
    public static final String AMQP_PREFIX_ALTERNATIVE = "cloudEvents_";
    public static final String KAFKA_CONTENT_TYPE = "content-type";
    /** The Kafka header outside the CloudEvent that says which copy of the event a record is. */
    public static final String KAFKA_COPY = "corebank_copy";
    /** More copies than an event has accounts is not corebank's. */
    static final int COPIES_MAX = 16;
    /** Longest attribute value accepted; corebank's longest (a traceparent) is 55 characters. */
    static final int ATTRIBUTE_CHARS_MAX = 512;
    private static final Pattern ID = Pattern.compile("([1-9][0-9]{0,18})-([0-9]{1,9})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String expectedSource;

    /** @param expectedSource this bank's CloudEvents source: events of any other source are foreign */
    public EventWire(String expectedSource) {
        this.expectedSource = Objects.requireNonNull(expectedSource, "expectedSource");
    }

    /** Attributes of a Kafka record, from its headers: the {@code ce_} ones with the prefix taken off. */
    static Map<String, String> fromKafka(Iterable<org.apache.kafka.common.header.Header> headers) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (var header : headers) {
            if (header.key().startsWith(KAFKA_PREFIX) && header.value() != null) {
                attributes.putIfAbsent(header.key().substring(KAFKA_PREFIX.length()),
                        new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return attributes;
    }

    /** Attributes of an AMQP message, from its headers: either prefix, values of any native type as text. */
    static Map<String, String> fromAmqp(Map<String, Object> headers) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (headers == null) {
            return attributes;
        }
        headers.forEach((key, value) -> {
            String name = key.startsWith(AMQP_PREFIX) ? key.substring(AMQP_PREFIX.length())
                    : key.startsWith(AMQP_PREFIX_ALTERNATIVE) ? key.substring(AMQP_PREFIX_ALTERNATIVE.length()) : null;
            if (name != null && value != null) {
                attributes.putIfAbsent(name, value instanceof java.util.Date date ? date.toInstant().toString()
                        : value.toString());
            }
        });
        return attributes;
    }

    /**
     * Decodes a received message. {@code contentType} is the transport's content type (null when it had none, which
     * is taken as JSON).
     */
    public ReceivedEvent decode(Map<String, String> attributes, String contentType, byte[] body) {
        return decode(attributes, contentType, body, 0, null);
    }

    /** Decodes copy {@code copy} of an event, the one for account {@code copyKey} (null: the whole event). */
    public ReceivedEvent decode(Map<String, String> attributes, String contentType, byte[] body, int copy,
                                String copyKey) {
        if (!CloudEvent.SPEC_VERSION.equals(attributes.get("specversion"))) {
            throw malformed("specversion must be 1.0 specversion=" + shown(attributes.get("specversion")));
        }
        String id = required(attributes, "id");
        String source = required(attributes, "source");
        String type = required(attributes, "type");
        if (!type.startsWith(CloudEvent.TYPE_PREFIX) || !type.endsWith(CloudEvent.TYPE_SUFFIX)
                || type.length() <= CloudEvent.TYPE_PREFIX.length() + CloudEvent.TYPE_SUFFIX.length()) {
            throw new PoisonMessage(PoisonMessage.Reason.FOREIGN, "not a corebank event type type=" + shown(type));
        }
        if (!source.equals(expectedSource)) {
            throw new PoisonMessage(PoisonMessage.Reason.FOREIGN, "event of another source source=" + shown(source)
                    + " expected=" + expectedSource);
        }
        Matcher parts = ID.matcher(id);
        if (!parts.matches()) {
            throw malformed("id must be <journal sequence>-<index> id=" + shown(id));
        }
        String sequence = required(attributes, CloudEvent.EXTENSION_SEQUENCE);
        if (!sequence.equals(parts.group(1))) {
            throw malformed("id and corebanksequence disagree id=" + id + " corebanksequence=" + shown(sequence));
        }
        if (contentType != null && !contentType.startsWith(CloudEvent.DATA_CONTENT_TYPE)) {
            throw malformed("content type must be application/json contentType=" + shown(contentType));
        }
        return new ReceivedEvent(id, source, type, attributes.get("subject"), time(required(attributes, "time")),
                Long.parseLong(parts.group(1)), Integer.parseInt(parts.group(2)),
                required(attributes, CloudEvent.EXTENSION_ENTRY_HASH),
                attributes.get(CloudEvent.EXTENSION_TRACEPARENT), copy, copyKey, body(body));
    }

    private static Instant time(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notRfc3339) {
            throw malformed("time must be RFC 3339 time=" + shown(text));
        }
    }

    private static JsonNode body(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("the body is empty; a corebank event always has JSON data");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (!node.isObject()) {
                throw malformed("the body must be a JSON object");
            }
            return node;
        } catch (JacksonException notJson) {
            throw malformed("the body is not JSON: " + notJson.getOriginalMessage());
        }
    }

    private static String required(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        if (value == null || value.isEmpty()) {
            throw malformed("required attribute missing attribute=" + name);
        }
        if (value.length() > ATTRIBUTE_CHARS_MAX) {
            throw malformed("attribute too long attribute=" + name + " chars=" + value.length());
        }
        return value;
    }

    private static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    private static PoisonMessage malformed(String detail) {
        return new PoisonMessage(PoisonMessage.Reason.MALFORMED, detail);
    }
}
