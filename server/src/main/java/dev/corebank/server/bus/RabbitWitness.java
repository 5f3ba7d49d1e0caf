package dev.corebank.server.bus;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.server.events.CloudEvents;
import dev.corebank.server.witness.ReactorRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RabbitMQ publisher's record of an entry, for the witness: the exchange and each event's routing key, and the
 * publisher confirms of the runs that carried the entry (from {@code bus_receipts}; a replay adds one). RabbitMQ
 * cannot be asked afterwards what it received, so the receipt is the record.
 */
final class RabbitWitness implements ReactorRecords {
    private final RabbitBusProperties properties;
    private final CloudEvents cloudEvents;
    private final PublishReceipts receipts;

    RabbitWitness(RabbitBusProperties properties, CloudEvents cloudEvents, PublishReceipts receipts) {
        this.properties = properties;
        this.cloudEvents = cloudEvents;
        this.receipts = receipts;
    }

    @Override
    public String reactor() {
        return RabbitPublisher.NAME;
    }

    @Override
    public Object recordOf(JournalEntry entry) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("exchange", properties.exchange());
        shown.put("routingKeys", cloudEvents.of(entry).stream()
                .map(event -> Map.of("eventId", event.id(), "routingKey", event.routingKey())).toList());
        try {
            List<PublishReceipts.Receipt> confirmed = receipts.of(RabbitPublisher.NAME, entry.sequence());
            shown.put("confirmed", !confirmed.isEmpty());
            shown.put("confirms", confirmed.stream().map(receipt -> Map.of("firstSequence", receipt.firstSequence(),
                    "lastSequence", receipt.lastSequence(), "messages", receipt.messages(),
                    "confirmedAt", receipt.acknowledgedAt().toString())).toList());
        } catch (RuntimeException unreadable) {
            shown.put("error", unreadable.toString());
        }
        return shown;
    }
}
