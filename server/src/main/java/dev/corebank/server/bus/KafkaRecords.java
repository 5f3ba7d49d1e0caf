package dev.corebank.server.bus;

import dev.corebank.server.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;

/**
 * A CloudEvent as Kafka records, in the binary content mode of the CloudEvents Kafka protocol binding: the value is
 * the event's JSON data, {@code content-type} carries {@code datacontenttype}, and every other attribute and extension
 * is a UTF-8 header named {@code ce_<attribute>}.
 *
 * <p>An event is written once per account it touches ({@link CloudEvent#orderingKeys()}, debit first), keyed by that
 * account's id, with the same id and the same bytes in every copy: each account's partition then holds all of its
 * events in journal order. Two headers outside the CloudEvent say which copy a record is: {@code corebank_copy} (0 for
 * the debit side, 1 for the credit side) and {@code corebank_copies}. A consumer that wants each event once takes
 * copy 0 only; one that follows accounts takes every record. An event that touches no account (a fact) is keyed
 * {@link #NO_ACCOUNT_KEY}. The plain {@code traceparent} header repeats the extension for tracing libraries, which
 * read the W3C Trace Context header of Kafka rather than {@code ce_traceparent}.
 *
 * <p>This is the one encoder of corebank's Kafka records: the consumers' tests and benchmark build their records with
 * {@link #keys}, {@link #partitionOf} and {@link #record(String, int, CloudEvent, int)}, so they read what the
 * publisher writes.
 */
public final class KafkaRecords {
    static final String CONTENT_TYPE = "content-type";
    static final String PREFIX = "ce_";
    static final String ID = PREFIX + "id";
    static final String SOURCE = PREFIX + "source";
    static final String TYPE = PREFIX + "type";
    static final String SPEC_VERSION = PREFIX + "specversion";
    static final String TIME = PREFIX + "time";
    static final String SUBJECT = PREFIX + "subject";
    static final String SEQUENCE = PREFIX + CloudEvent.EXTENSION_SEQUENCE;
    static final String ENTRY_HASH = PREFIX + CloudEvent.EXTENSION_ENTRY_HASH;
    static final String TRACEPARENT = PREFIX + CloudEvent.EXTENSION_TRACEPARENT;
    static final String W3C_TRACEPARENT = "traceparent";
    static final String COPY = "corebank_copy";
    static final String COPIES = "corebank_copies";
    /** The key of events that touch no account, so that they too keep their journal order (on one partition). */
    static final String NO_ACCOUNT_KEY = "corebank";
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final Header[] COPY_HEADERS = {new RecordHeader(COPY, "0".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader(COPY, "1".getBytes(StandardCharsets.UTF_8))};
    private static final Header ONE_COPY = new RecordHeader(COPIES, "1".getBytes(StandardCharsets.UTF_8));
    private static final Header TWO_COPIES = new RecordHeader(COPIES, "2".getBytes(StandardCharsets.UTF_8));

    private KafkaRecords() {
    }

    /** The record keys of an event, one per copy. */
    public static List<String> keys(CloudEvent event) {
        return event.orderingKeys().isEmpty() ? List.of(NO_ACCOUNT_KEY) : event.orderingKeys();
    }

    /** The partition a key goes to: the same murmur2 hash as Kafka's default partitioner, so consumers agree. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The headers every copy of the event carries: the CloudEvent's attributes, made once for all its copies. */
    static List<Header> eventHeaders(CloudEvent event) {
        List<Header> headers = new ArrayList<>(11);
        header(headers, SPEC_VERSION, CloudEvent.SPEC_VERSION);
        header(headers, ID, event.id());
        header(headers, SOURCE, event.source());
        header(headers, TYPE, event.type());
        header(headers, TIME, event.time());
        if (event.subject() != null) {
            header(headers, SUBJECT, event.subject());
        }
        header(headers, CONTENT_TYPE, CloudEvent.DATA_CONTENT_TYPE);
        header(headers, SEQUENCE, Long.toString(event.sequence()));
        header(headers, ENTRY_HASH, event.entryHash());
        if (event.traceparent() != null) {
            header(headers, TRACEPARENT, event.traceparent());
            header(headers, W3C_TRACEPARENT, event.traceparent());
        }
        return headers;
    }

    /** The record of one copy, with all headers made anew; see {@link #record(String, int, CloudEvent, int, List)}. */
    public static ProducerRecord<byte[], byte[]> record(String topic, int partition, CloudEvent event, int copy) {
        return record(topic, partition, event, copy, eventHeaders(event));
    }

    /**
     * The record of one copy, with the event's headers made by {@link #eventHeaders}. Its timestamp is the event's
     * engine time in milliseconds, which lets the witness find an event's offset by time.
     */
    static ProducerRecord<byte[], byte[]> record(String topic, int partition, CloudEvent event, int copy,
                                                 List<Header> eventHeaders) {
        List<String> keys = keys(event);
        List<Header> headers = new ArrayList<>(eventHeaders.size() + 2);
        headers.addAll(eventHeaders);
        // An event touches at most two accounts (debit, credit): copies are 0 and 1.
        headers.add(COPY_HEADERS[copy]);
        headers.add(keys.size() == 1 ? ONE_COPY : TWO_COPIES);
        return new ProducerRecord<>(topic, partition, event.timeEpochNanos() / NANOS_PER_MILLI,
                keys.get(copy).getBytes(StandardCharsets.UTF_8), event.data(), headers);
    }

    /** Where a record of ours stands; throws for a record without corebank's headers (not ours). */
    static PublishedPosition positionOf(ConsumerRecord<?, ?> record) {
        Headers headers = record.headers();
        String id = text(headers, ID, record);
        int dash = id.lastIndexOf('-');
        if (dash < 1) {
            throw new IllegalStateException("a record on the topic has an id corebank does not write topic="
                    + record.topic() + " partition=" + record.partition() + " offset=" + record.offset()
                    + " id=" + id);
        }
        return new PublishedPosition(Long.parseLong(id.substring(0, dash)), Integer.parseInt(id.substring(dash + 1)),
                Integer.parseInt(text(headers, COPY, record)));
    }

    static String entryHashOf(ConsumerRecord<?, ?> record) {
        return text(record.headers(), ENTRY_HASH, record);
    }

    static String text(Headers headers, String name, ConsumerRecord<?, ?> record) {
        Header header = headers.lastHeader(name);
        if (header == null) {
            throw new IllegalStateException("a record on the topic lacks a header corebank writes header=" + name
                    + " topic=" + record.topic() + " partition=" + record.partition() + " offset="
                    + record.offset());
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void header(List<Header> headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
