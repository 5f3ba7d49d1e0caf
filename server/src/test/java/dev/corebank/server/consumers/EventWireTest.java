package dev.corebank.server.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.server.bus.KafkaRecords;
import dev.corebank.server.bus.RabbitMessages;
import dev.corebank.server.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a consumer accepts from the wire, and the reason it gives for what it refuses. */
class EventWireTest {
    final EventWire wire = new EventWire(TestEvents.SOURCE);
    final CloudEvent event = TestEvents.posted(42, UUID.randomUUID(), UUID.randomUUID(), 1234);

    @Test
    void decodesWhatThePublisherWritesOnEitherTransport() {
        Map<String, String> fromKafka = EventWire.fromKafka(KafkaRecords.record("events", 0, event, 0).headers());
        ReceivedEvent received = wire.decode(fromKafka, "application/json", event.data());
        assertThat(received.id()).isEqualTo("42-0");
        assertThat(received.sequence()).isEqualTo(42);
        assertThat(received.shortType()).isEqualTo("transfer.posted");
        assertThat(received.data().get("amount").asLong()).isEqualTo(1234);
        Map<String, Object> amqpHeaders = RabbitMessages.properties(event).getHeaders();
        assertThat(wire.decode(EventWire.fromAmqp(amqpHeaders), null, event.data())).isEqualTo(received);
        Map<String, Object> underscored = new HashMap<>();
        amqpHeaders.forEach((name, value) -> underscored.put(name.replace("cloudEvents:",
                "cloudEvents_"), value));
        assertThat(wire.decode(EventWire.fromAmqp(underscored), null, event.data())).isEqualTo(received);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "no specversion, malformed",
            "no id, malformed",
            "id not sequence-index, malformed",
            "id and sequence disagree, malformed",
            "time not RFC 3339, malformed",
            "no entry hash, malformed",
            "another source, foreign",
            "another producer's type, foreign",
            "body not JSON, malformed",
            "body a JSON array, malformed",
            "empty body, malformed",
            "content type text, malformed"})
    void refusesAMessageWithItsReason(String change, String reason) {
        Map<String, String> attributes = new HashMap<>(EventWire.fromKafka(KafkaRecords.record("events", 0, event, 0)
                .headers()));
        byte[][] body = {event.data()};
        String[] contentType = {"application/json"};
        Map<String, Consumer<Map<String, String>>> changes = Map.ofEntries(
                Map.entry("no specversion", values -> values.remove("specversion")),
                Map.entry("no id", values -> values.remove("id")),
                Map.entry("id not sequence-index", values -> values.put("id", "42")),
                Map.entry("id and sequence disagree", values -> values.put("id", "43-0")),
                Map.entry("time not RFC 3339", values -> values.put("time", "yesterday")),
                Map.entry("no entry hash", values -> values.remove("corebankentryhash")),
                Map.entry("another source", values -> values.put("source", "/elsewhere")),
                Map.entry("another producer's type", values -> values.put("type", "com.example.order.created")),
                Map.entry("body not JSON", values -> body[0] = "{".getBytes(StandardCharsets.UTF_8)),
                Map.entry("body a JSON array", values -> body[0] = "[1]".getBytes(StandardCharsets.UTF_8)),
                Map.entry("empty body", values -> body[0] = new byte[0]),
                Map.entry("content type text", values -> contentType[0] = "text/plain"));
        changes.get(change).accept(attributes);
        assertThatThrownBy(() -> wire.decode(attributes, contentType[0], body[0]))
                .isInstanceOfSatisfying(PoisonMessage.class, poison -> assertThat(poison.reason().wireName())
                        .isEqualTo(reason));
    }
}
