package dev.corebank.server.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Durability;
import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.events.CloudEvent;
import dev.corebank.server.events.CloudEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What the bus tests share: an engine with a small bank (accounts opened once, then entries of transfers among them),
 * the journal's CloudEvents as the expected stream, and the checks that a broker holds exactly that stream.
 */
final class BusFixtures {
    static final int USD = Ledgers.numericCode("USD");
    static final CloudEvents CLOUD_EVENTS = new CloudEvents("/corebank/TESTBANK");
    static final int ACCOUNTS = 8;
    static final int TRANSFERS_PER_ENTRY = 3;

    private BusFixtures() {
    }

    static LedgerConfig engineConfig(Path directory) {
        return LedgerConfig.defaults(directory.resolve("ledger")).withDurability(Durability.NONE)
                .withLimits(100_000, 1_000_000);
    }

    /** The bank's accounts: fixed ids, so that every process of a crash test uses the same ones. */
    static List<UUID> accounts() {
        List<UUID> ids = new ArrayList<>(ACCOUNTS);
        for (int index = 1; index <= ACCOUNTS; index++) {
            ids.add(new UUID(0x0000_00ba_0000_0000L, index));
        }
        return ids;
    }

    /** Opens the accounts unless the journal has them already (a repeat is a rejection, which is fine too). */
    static void openAccounts(LedgerEngine engine) throws Exception {
        List<Account> accounts = accounts().stream()
                .map(id -> Account.open(id, USD, AccountType.LIABILITY, 2000, AccountFlags.NONE)).toList();
        if (engine.lookupAccounts(accounts().subList(0, 1)).get(30, TimeUnit.SECONDS).isEmpty()) {
            engine.createAccounts(accounts, TraceId.NONE).get(30, TimeUnit.SECONDS);
        }
    }

    /** Appends {@code entries} entries of {@link #TRANSFERS_PER_ENTRY} transfers between random accounts. */
    static void appendTransfers(LedgerEngine engine, int entries, Random random) throws Exception {
        List<UUID> accounts = accounts();
        for (int entry = 0; entry < entries; entry++) {
            List<Transfer> transfers = new ArrayList<>(TRANSFERS_PER_ENTRY);
            for (int index = 0; index < TRANSFERS_PER_ENTRY; index++) {
                int debit = random.nextInt(ACCOUNTS);
                int credit = (debit + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                transfers.add(Transfer.of(UUID.randomUUID(), accounts.get(debit), accounts.get(credit),
                        1 + random.nextInt(10_000), USD, 1));
            }
            engine.createTransfers(transfers, TraceId.ofHex(String.format("%016x%016x",
                    random.nextLong() | 1, random.nextLong()))).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every event of the journal, in journal order. */
    static List<CloudEvent> journalEvents(LedgerEngine engine) {
        List<CloudEvent> events = new ArrayList<>();
        try (JournalReader reader = engine.openReader()) {
            long from = 1;
            List<JournalEntry> run;
            while (!(run = reader.read(from, JournalReader.READ_ENTRIES_MAX)).isEmpty()) {
                run.forEach(entry -> events.addAll(CLOUD_EVENTS.of(entry)));
                from = run.getLast().sequence() + 1;
            }
        }
        return events;
    }

    /**
     * The topic holds every copy of every journal event exactly once (the publisher resumes from the broker, so not
     * even a crash repeats one), each key's records in journal order, and no id with two contents.
     */
    static void assertTopicHoldsTheJournalOnce(List<ConsumerRecord<byte[], byte[]>> records,
                                               List<CloudEvent> journal) {
        Map<String, String> contentById = new HashMap<>();
        Set<String> copies = new HashSet<>();
        Map<String, List<Long>> sequencesByKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String id = header(record, KafkaRecords.ID);
            String content = kafkaContent(record);
            assertThat(contentById.putIfAbsent(id, content)).as("id %s carries one content", id)
                    .isIn(null, content);
            assertThat(copies.add(id + "/" + header(record, KafkaRecords.COPY))).as("copy of %s written once", id)
                    .isTrue();
            sequencesByKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), key -> new ArrayList<>())
                    .add(KafkaRecords.positionOf(record).sequence());
        }
        Set<String> expectedCopies = new HashSet<>();
        Map<String, List<Long>> expectedByKey = new TreeMap<>();
        for (CloudEvent event : journal) {
            List<String> keys = KafkaRecords.keys(event);
            for (int copy = 0; copy < keys.size(); copy++) {
                expectedCopies.add(event.id() + "/" + copy);
                expectedByKey.computeIfAbsent(keys.get(copy), key -> new ArrayList<>()).add(event.sequence());
            }
            assertThat(contentById.get(event.id())).as("event %s on the topic as the journal says", event.id())
                    .isEqualTo(new String(event.data(), StandardCharsets.UTF_8) + "|" + event.type() + "|"
                            + event.time() + "|" + event.entryHash());
        }
        assertThat(copies).as("every copy of every journal event, and nothing else").isEqualTo(expectedCopies);
        assertThat(new TreeMap<>(sequencesByKey)).as("each key's events in journal order").isEqualTo(expectedByKey);
    }

    /**
     * The queue holds every journal event at least once, no id with two contents, and, taking each id's first
     * arrival, the events in journal order. Returns how many messages were repeats.
     */
    static long assertQueueHoldsTheJournal(List<GetResponse> messages, List<CloudEvent> journal) {
        Map<String, String> contentById = new LinkedHashMap<>();
        for (GetResponse message : messages) {
            String id = message.getProps().getHeaders().get(RabbitMessages.PREFIX + "id").toString();
            String content = rabbitContent(message);
            assertThat(contentById.putIfAbsent(id, content)).as("id %s carries one content", id).isIn(null, content);
        }
        assertThat(new ArrayList<>(contentById.keySet())).as("every event, first arrivals in journal order")
                .containsExactlyElementsOf(journal.stream().map(CloudEvent::id).toList());
        for (CloudEvent event : journal) {
            assertThat(contentById.get(event.id())).isEqualTo(new String(event.data(), StandardCharsets.UTF_8) + "|"
                    + event.type() + "|" + event.time() + "|" + event.entryHash() + "|" + event.routingKey());
        }
        return messages.size() - contentById.size();
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record's event content: its data and the attributes that come from the journal. */
    private static String kafkaContent(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8) + "|" + header(record, KafkaRecords.TYPE) + "|"
                + header(record, KafkaRecords.TIME) + "|" + header(record, KafkaRecords.ENTRY_HASH);
    }

    private static String rabbitContent(GetResponse message) {
        Map<String, Object> headers = message.getProps().getHeaders();
        return new String(message.getBody(), StandardCharsets.UTF_8) + "|" + headers.get(RabbitMessages.PREFIX
                + "type") + "|" + headers.get(RabbitMessages.PREFIX + "time") + "|"
                + headers.get(RabbitMessages.PREFIX + "corebankentryhash") + "|"
                + message.getEnvelope().getRoutingKey();
    }
}
