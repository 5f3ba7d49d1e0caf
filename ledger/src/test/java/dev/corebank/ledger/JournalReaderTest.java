package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers of the journal see committed entries in order, from any position and across segment files. */
class JournalReaderTest {
    @TempDir
    Path data;
    private TestLedger ledger;
    private UUID bank;
    private UUID customer;
    /** The transfer ids in the order they were journaled. */
    private final List<UUID> transferIds = new ArrayList<>();

    @BeforeEach
    void openLedgerWithSmallSegments() {
        ManualClock clock = new ManualClock();
        ledger = TestLedger.open(JournalRecoveryTest.smallSegments(data, clock), clock);
        bank = ledger.unrestricted();
        customer = ledger.unrestricted();
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void readsEveryCommittedEntryInOrderAcrossSegmentRolls() {
        moveMoney(20);
        assertThat(JournalFiles.segments(ledger.config)).hasSizeGreaterThanOrEqualTo(3);
        List<JournalEntry> all = readAll(1, 5);
        assertThat(all).extracting(JournalEntry::sequence)
                .containsExactlyElementsOf(sequences(1, ledger.committedPosition()));
        assertThat(all).extracting(JournalEntry::timestamp).isSorted().doesNotHaveDuplicates();
        List<UUID> journaledTransfers = all.stream().flatMap(entry -> entry.events().stream())
                .filter(LedgerEvent.TransferPosted.class::isInstance)
                .map(event -> ((LedgerEvent.TransferPosted) event).transfer().id()).toList();
        assertThat(journaledTransfers).containsExactlyElementsOf(transferIds);
    }

    @Test
    void readsFromAnyPosition() {
        moveMoney(20);
        List<JournalEntry> all = readAll(1, JournalReader.READ_ENTRIES_MAX);
        for (long from = 1; from <= ledger.committedPosition(); from++) {
            assertThat(readAll(from, 3)).as("from=%d", from).isEqualTo(all.subList((int) from - 1, all.size()));
        }
    }

    @Test
    void oneReaderMovesBackAndForthBetweenSegments() {
        moveMoney(20);
        List<JournalEntry> all = readAll(1, JournalReader.READ_ENTRIES_MAX);
        try (JournalReader reader = ledger.engine().openReader()) {
            for (long from : List.of(17L, 2L, 9L, 1L, 21L, 5L)) {
                assertThat(reader.read(from, 2)).isEqualTo(all.subList((int) from - 1, (int) from + 1));
            }
        }
    }

    @Test
    void returnsAtMostEntriesMaxAndNothingBeyondTheCommittedPosition() {
        moveMoney(5);
        long committed = ledger.committedPosition();
        try (JournalReader reader = ledger.engine().openReader()) {
            assertThat(reader.read(1, 2)).hasSize(2);
            assertThat(reader.read(committed, 10)).singleElement().extracting(JournalEntry::sequence)
                    .isEqualTo(committed);
            assertThat(reader.read(committed + 1, 10)).isEmpty();
            assertThat(reader.committedPosition()).isEqualTo(committed);
        }
    }

    @Test
    void keepsReadingAsTheJournalGrowsIntoNewSegments() {
        try (JournalReader reader = ledger.engine().openReader()) {
            long next = 1;
            List<JournalEntry> seen = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                moveMoney(3);
                List<JournalEntry> read = reader.read(next, JournalReader.READ_ENTRIES_MAX);
                seen.addAll(read);
                next += read.size();
            }
            assertThat(seen).isEqualTo(readAll(1, JournalReader.READ_ENTRIES_MAX));
            assertThat(next - 1).isEqualTo(ledger.committedPosition());
        }
    }

    @Test
    void awaitPositionReturnsWhenTheEntryIsCommittedAndTimesOutOtherwise() throws Exception {
        try (JournalReader reader = ledger.engine().openReader()) {
            long next = reader.committedPosition() + 1;
            assertThat(reader.awaitPosition(next, 20, TimeUnit.MILLISECONDS)).isFalse();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.awaitPosition(next, 30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            Thread.sleep(20);
            assertThat(waiting).isNotDone();
            moveMoney(1);
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(reader.read(next, 1)).singleElement().extracting(JournalEntry::sequence).isEqualTo(next);
            assertThat(reader.awaitPosition(next, 0, TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    void carriesTheTraceIdOfTheRequest() {
        TraceId trace = TraceId.ofHex("4bf92f3577b34da6a3ce929d0e0e4736");
        TestLedger.await(ledger.engine().createTransfers(List.of(TransferBuilder.single(bank, customer, 1).build()),
                trace));
        try (JournalReader reader = ledger.engine().openReader()) {
            JournalEntry entry = reader.read(ledger.committedPosition(), 1).getFirst();
            assertThat(entry.traceId()).isEqualTo(trace);
            assertThat(reader.read(1, 1).getFirst().traceId()).isEqualTo(TraceId.NONE);
        }
    }

    @Test
    void readsTheJournalWrittenBeforeARestart() {
        moveMoney(10);
        List<JournalEntry> before = readAll(1, JournalReader.READ_ENTRIES_MAX);
        ledger.restartWithoutSnapshot();
        moveMoney(2);
        List<JournalEntry> after = readAll(1, JournalReader.READ_ENTRIES_MAX);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after).hasSize(before.size() + 2);
    }

    @Test
    void refusesPositionsBeforeTheFirstEntryAndUnboundedReads() {
        try (JournalReader reader = ledger.engine().openReader()) {
            assertThatThrownBy(() -> reader.read(0, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fromSequence=0");
            assertThatThrownBy(() -> reader.read(1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> reader.read(1, JournalReader.READ_ENTRIES_MAX + 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private void moveMoney(int transfers) {
        for (int index = 0; index < transfers; index++) {
            transferIds.add(ledger.fund(bank, customer, 1 + index));
        }
    }

    private List<JournalEntry> readAll(long from, int entriesMax) {
        List<JournalEntry> entries = new ArrayList<>();
        try (JournalReader reader = ledger.engine().openReader()) {
            long next = from;
            while (true) {
                List<JournalEntry> read = reader.read(next, entriesMax);
                if (read.isEmpty()) {
                    return entries;
                }
                assertThat(read.size()).isLessThanOrEqualTo(entriesMax);
                entries.addAll(read);
                next += read.size();
            }
        }
    }

    private static List<Long> sequences(long first, long last) {
        List<Long> sequences = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++) {
            sequences.add(sequence);
        }
        return sequences;
    }
}
