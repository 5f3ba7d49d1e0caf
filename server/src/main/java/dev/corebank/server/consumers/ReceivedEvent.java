package dev.corebank.server.consumers;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A corebank CloudEvent as a consumer received it from a broker, checked and decoded: the attributes of
 * {@link dev.corebank.server.events.CloudEvent} and the JSON body. Built only by {@link EventWire}, so a handler never
 * sees a message that is malformed or foreign.
 *
 * @param id        {@code <journal sequence>-<index>}, the deduplication key; ordered by (sequence, index)
 * @param sequence  the journal sequence of the entry the event belongs to (extension {@code corebanksequence})
 * @param index     the event's index in its entry
 * @param entryHash the entry's hash, hex (extension {@code corebankentryhash})
 * @param subject   the transfer or account the event is about; null for facts
 * @param copy      which copy of the event this message is (0 on RabbitMQ; on Kafka one per account it touches)
 * @param copyKey   the account this copy is for, or null when the message stands for the whole event
 * @param data      the parsed JSON body
 */
public record ReceivedEvent(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        long sequence,
        int index,
        String entryHash,
        String traceparent,
        int copy,
        String copyKey,
        JsonNode data) {

    public ReceivedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (!id.equals(sequence + "-" + index)) {
            throw new IllegalArgumentException("id must be <sequence>-<index> id=" + id + " sequence=" + sequence
                    + " index=" + index);
        }
    }

    /** The type without prefix and version, for example {@code transfer.posted}. */
    public String shortType() {
        return type.substring("dev.corebank.".length(), type.length() - ".v1".length());
    }

    /**
     * Whether this message is the one to act on for the account: a per-account handler acts on each account once,
     * from the copy keyed by it on Kafka, or from the one message of the event on RabbitMQ.
     */
    public boolean concerns(java.util.UUID accountId) {
        return copyKey == null || copyKey.equals(accountId.toString());
    }
}
