package dev.corebank.server.events;

import dev.corebank.server.commands.EngineTime;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One journal event as a CloudEvent (specification 1.0): what the event bus publishes and what webhooks deliver.
 * Built only by {@link CloudEvents}, from the journal, so the same journal event always gives the same CloudEvent,
 * byte for byte: an id never carries two contents.
 *
 * <p>Attributes: {@code id} is {@code <journal sequence>-<index of the event in its entry>}, unique within one
 * journal, which makes it the consumers' deduplication key; {@code source} is this bank's configured source;
 * {@code type} is {@code dev.corebank.<noun>.<verb>.v1}; {@code subject} is the transfer or account the event is
 * about (null for facts); {@code time} is the engine's timestamp of the event. Extensions: {@code corebanksequence}
 * (the journal sequence), {@code corebankentryhash} (the entry's SHA-256 hash, hex) and {@code traceparent} (W3C,
 * from the trace id of the request that caused the entry; null when it had none).
 *
 * @param orderingKeys the accounts the event touches, debit first: a publisher that must keep every account's events
 *                     in journal order keys each record by one of them (empty for facts, which touch no account)
 * @param ledger       the ledger's ISO 4217 letter code in lower case, its number where ISO 4217 names none, or
 *                     {@code none} for an event of no ledger; the last word of a routing key
 * @param data         the event's JSON body (application/json), UTF-8
 */
public record CloudEvent(
        String id,
        String source,
        String type,
        String subject,
        long timeEpochNanos,
        long sequence,
        int index,
        String entryHash,
        String traceparent,
        List<String> orderingKeys,
        String ledger,
        byte[] data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    public static final String TYPE_PREFIX = "dev.corebank.";
    public static final String TYPE_SUFFIX = ".v1";
    public static final String EXTENSION_SEQUENCE = "corebanksequence";
    public static final String EXTENSION_ENTRY_HASH = "corebankentryhash";
    public static final String EXTENSION_TRACEPARENT = "traceparent";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(entryHash, "entryHash");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(data, "data");
        orderingKeys = List.copyOf(orderingKeys);
        if (!type.startsWith(TYPE_PREFIX) || !type.endsWith(TYPE_SUFFIX)) {
            throw new IllegalArgumentException("type must be dev.corebank.<noun>.<verb>.v1 type=" + type);
        }
        if (sequence < 1 || index < 0) {
            throw new IllegalArgumentException("sequence must be positive and index not negative sequence="
                    + sequence + " index=" + index);
        }
    }

    /** The id of the event at {@code index} in the entry at {@code sequence}. */
    public static String idOf(long sequence, int index) {
        return sequence + "-" + index;
    }

    /** The type without its prefix and version, for example {@code transfer.posted}. */
    public String shortType() {
        return type.substring(TYPE_PREFIX.length(), type.length() - TYPE_SUFFIX.length());
    }

    /** The RabbitMQ routing key: the short type and the ledger, for example {@code transfer.posted.usd}. */
    public String routingKey() {
        return shortType() + "." + ledger;
    }

    /** {@code time} as RFC 3339, for example {@code 2026-12-01T09:30:00.123456789Z}. */
    public String time() {
        return EngineTime.instant(timeEpochNanos).toString();
    }

    /** The body as text. */
    public String dataText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * The event in the structured JSON format of the CloudEvents JSON event format: attributes and extensions as
     * members, the body as {@code data}. This is a webhook's body.
     */
    public byte[] structuredJson() {
        JsonText json = new JsonText(data.length + 400).beginObject()
                .field("specversion", SPEC_VERSION)
                .field("id", id)
                .field("source", source)
                .field("type", type);
        if (subject != null) {
            json.field("subject", subject);
        }
        json.field("time", time())
                .field("datacontenttype", DATA_CONTENT_TYPE)
                .field(EXTENSION_SEQUENCE, sequence)
                .field(EXTENSION_ENTRY_HASH, entryHash);
        if (traceparent != null) {
            json.field(EXTENSION_TRACEPARENT, traceparent);
        }
        return json.rawField("data", dataText()).endObject().bytes();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CloudEvent that && id.equals(that.id) && source.equals(that.source)
                && type.equals(that.type) && Objects.equals(subject, that.subject)
                && timeEpochNanos == that.timeEpochNanos && sequence == that.sequence && index == that.index
                && entryHash.equals(that.entryHash) && Objects.equals(traceparent, that.traceparent)
                && orderingKeys.equals(that.orderingKeys) && ledger.equals(that.ledger)
                && java.util.Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, source, sequence, index);
    }

    @Override
    public String toString() {
        return "CloudEvent[id=" + id + " type=" + type + " subject=" + subject + " sequence=" + sequence + "]";
    }
}
