package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash safety of the journal: a torn tail is cut and the state before it comes back; corruption anywhere else stops
 * start-up with an error naming the file, offset and sequence. The decision table in {@link JournalScanner}'s Javadoc
 * is walked row by row, for the last segment and for an earlier one.
 */
class JournalRecoveryTest {
    /** Entries written: one that opens the accounts, then one per transfer; enough for three segments. */
    private static final int TRANSFERS = 40;

    @TempDir
    Path data;
    private ManualClock clock;
    private LedgerConfig config;
    /** The state hash after each journal sequence. */
    private final Map<Long, String> hashAt = new HashMap<>();
    private long lastSequence;

    @BeforeEach
    void writeAJournalOfSeveralSegments() {
        clock = new ManualClock();
        config = smallSegments(data, clock);
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            UUID bank = TestLedger.id();
            UUID customer = TestLedger.id();
            UUID other = TestLedger.id();
            BatchResult opened = TestLedger.await(ledger.engine().createAccounts(List.of(
                    Account.open(bank, TestLedger.USD, AccountType.ASSET, 1, 0),
                    Account.open(customer, TestLedger.USD, AccountType.LIABILITY, 2, 0),
                    Account.open(other, TestLedger.USD, AccountType.LIABILITY, 2, 0)), TraceId.NONE));
            hashAt.put(0L, emptyStateHash());
            hashAt.put(opened.position(), ledger.stateHash());
            for (int index = 0; index < TRANSFERS; index++) {
                clock.advanceNanos(1_000);
                BatchResult moved = ledger.submit(TransferBuilder.single(bank, index % 2 == 0 ? customer : other,
                        100 + index).build());
                assertThat(moved.allOk()).isTrue();
                hashAt.put(moved.position(), ledger.stateHash());
                lastSequence = moved.position();
            }
            // The last entry is a whole batch, larger than a disk sector, so that a write torn across sectors can be
            // made in it.
            clock.advanceNanos(1_000);
            BatchResult batch = ledger.submit(TransferBuilder.single(bank, customer, 1).build(),
                    TransferBuilder.single(bank, other, 2).build(), TransferBuilder.single(bank, customer, 3).build(),
                    TransferBuilder.single(bank, other, 4).build());
            assertThat(batch.allOk()).isTrue();
            hashAt.put(batch.position(), ledger.stateHash());
            lastSequence = batch.position();
            ledger.stopWithoutSnapshot();
        }
        assertThat(JournalFiles.segments(config)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lastSequence).isEqualTo(TRANSFERS + 2);
    }

    // ---- the torn tail, cut at every byte ----

    @Test
    void truncatesATornLastEntryCutAtAnyByteAndRecoversTheStateBeforeIt() {
        JournalFiles.Location last = JournalFiles.entries(config).getLast();
        byte[] intact = JournalFiles.read(last.segment());
        for (long cut = last.offset() + 1; cut < last.end(); cut++) {
            JournalFiles.write(last.segment(), java.util.Arrays.copyOf(intact, (int) cut));
            try (LedgerEngine engine = LedgerEngine.open(config)) {
                RecoveryReport report = engine.recovery();
                assertThat(report.bytesTruncated()).as("cut=%d", cut).isEqualTo(cut - last.offset());
                assertThat(report.lastSequence()).isEqualTo(lastSequence - 1);
                assertThat(report.stateHashHex()).isEqualTo(hashAt.get(lastSequence - 1));
                engine.closeWithoutSnapshot();
            }
            assertThat(Files.exists(last.segment())).isTrue();
            assertThat(JournalFiles.read(last.segment()).length).isEqualTo(last.offset());
        }
    }

    @Test
    void carriesOnWritingAfterCuttingATornTail() {
        JournalFiles.Location last = JournalFiles.entries(config).getLast();
        JournalFiles.truncate(last.segment(), last.offset() + 50);
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            assertThat(ledger.engine().recovery().bytesTruncated()).isEqualTo(50);
            UUID from = TestLedger.id();
            UUID to = TestLedger.id();
            BatchResult opened = TestLedger.await(ledger.engine().createAccounts(List.of(
                    Account.open(from, TestLedger.USD, AccountType.ASSET, 1, 0),
                    Account.open(to, TestLedger.USD, AccountType.ASSET, 1, 0)), TraceId.NONE));
            assertThat(opened.position()).as("the cut sequence is written anew").isEqualTo(lastSequence);
            assertThat(ledger.transfer(TransferBuilder.single(from, to, 5).build())).isEqualTo(ResultCode.OK);
            String hash = ledger.stateHash();
            assertThat(ledger.restartWithoutSnapshot().bytesTruncated()).isZero();
            assertThat(ledger.stateHash()).isEqualTo(hash);
        }
    }

    // ---- corruption in the middle ----

    @Test
    void refusesToStartWhenAnyBitOfAMiddleEntryIsFlipped() {
        List<JournalFiles.Location> entries = JournalFiles.entries(config);
        JournalFiles.Location middle = entries.get(entries.size() / 2);
        byte[] intact = JournalFiles.read(middle.segment());
        for (int at = 0; at < middle.length(); at++) {
            JournalFiles.flipBit(middle.segment(), middle.offset() + at, at % 8);
            JournalException refused = catchThrowableOfType(JournalException.class, () -> LedgerEngine.open(config));
            assertThat(refused).as("flipped byte %d of the entry", at).isNotNull();
            assertThat(refused.file()).isEqualTo(middle.segment());
            assertThat(refused.offset()).isEqualTo(middle.offset());
            assertThat(refused.sequence()).isEqualTo(middle.sequence());
            assertThat(refused.getMessage()).contains("file=" + middle.segment(), "offset=" + middle.offset(),
                    "sequence=" + middle.sequence());
            assertThat(JournalFiles.read(middle.segment())).as("nothing is cut").hasSize(intact.length);
            JournalFiles.write(middle.segment(), intact);
        }
    }

    @Test
    void refusesABrokenHashChainEvenWhenTheCrcWasRecomputed() {
        List<JournalFiles.Location> entries = JournalFiles.entries(config);
        for (JournalFiles.Location target : List.of(entries.get(entries.size() / 2), entries.getLast())) {
            byte[] intact = JournalFiles.read(target.segment());
            JournalFiles.flipBit(target.segment(), target.offset() + JournalFormat.ENTRY_OFFSET_HASH + 7, 3);
            JournalFiles.resealCrc(target);
            assertThatThrownBy(() -> LedgerEngine.open(config)).isInstanceOfSatisfying(JournalException.class,
                    refused -> {
                        assertThat(refused.getMessage()).contains("hash chain");
                        assertThat(refused.file()).isEqualTo(target.segment());
                        assertThat(refused.offset()).isEqualTo(target.offset());
                        assertThat(refused.sequence()).isEqualTo(target.sequence());
                    });
            JournalFiles.write(target.segment(), intact);
        }
        try (LedgerEngine engine = LedgerEngine.open(config)) {
            assertThat(engine.recovery().stateHashHex()).isEqualTo(hashAt.get(lastSequence));
            engine.closeWithoutSnapshot();
        }
    }

    @Test
    void refusesAMiddleEntryWhoseLengthFieldWasCorruptedToRunPastTheEnd() {
        // With the default limits an entry may be over a megabyte long, so one flipped bit in a length field can
        // point past the end of a short journal. That is not a torn write: whole entries follow it.
        ManualClock defaultsClock = new ManualClock();
        LedgerConfig defaults = TestLedger.config(data.resolve("defaults"), defaultsClock);
        try (TestLedger ledger = TestLedger.open(defaults, defaultsClock)) {
            UUID from = ledger.unrestricted();
            UUID to = ledger.unrestricted();
            for (int index = 0; index < 4; index++) {
                ledger.fund(from, to, 10 + index);
            }
            ledger.stopWithoutSnapshot();
        }
        List<JournalFiles.Location> entries = JournalFiles.entries(defaults);
        JournalFiles.Location middle = entries.get(3);
        for (long corruptLength : List.of(middle.length() + 0x10000L,
                JournalFiles.read(middle.segment()).length - middle.offset())) {
            byte[] intact = JournalFiles.read(middle.segment());
            JournalFiles.putInt(middle.segment(), middle.offset() + JournalFormat.ENTRY_OFFSET_LENGTH,
                    (int) corruptLength);
            assertThatThrownBy(() -> LedgerEngine.open(defaults)).as("length=%d", corruptLength)
                    .isInstanceOfSatisfying(JournalException.class, refused -> {
                        assertThat(refused.offset()).isEqualTo(middle.offset());
                        assertThat(refused.sequence()).isEqualTo(middle.sequence());
                    });
            assertThat(JournalFiles.read(middle.segment())).as("nothing is cut").isEqualTo(
                    readWithLength(intact, middle, (int) corruptLength));
            JournalFiles.write(middle.segment(), intact);
        }
    }

    @Test
    void refusesAJournalWithAnEntryRemovedFromTheMiddle() {
        List<JournalFiles.Location> entries = JournalFiles.entries(config);
        JournalFiles.Location removed = entries.get(2);
        JournalFiles.Location next = entries.get(3);
        assertThat(next.segment()).isEqualTo(removed.segment());
        byte[] bytes = JournalFiles.read(removed.segment());
        byte[] without = new byte[bytes.length - removed.length()];
        System.arraycopy(bytes, 0, without, 0, (int) removed.offset());
        System.arraycopy(bytes, (int) removed.end(), without, (int) removed.offset(), (int) (bytes.length
                - removed.end()));
        JournalFiles.write(removed.segment(), without);
        assertThatThrownBy(() -> LedgerEngine.open(config)).isInstanceOfSatisfying(JournalException.class,
                refused -> {
                    assertThat(refused.offset()).isEqualTo(removed.offset());
                    assertThat(refused.sequence()).isEqualTo(removed.sequence());
                });
    }

    // ---- restarts ----

    @Test
    void restartsWithTheSameStateHashAfterACleanStopAndAfterAStopWithoutSnapshot() {
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            RecoveryReport replayed = ledger.engine().recovery();
            assertThat(replayed.snapshotSequence()).isZero();
            assertThat(replayed.entriesReplayed()).isEqualTo(lastSequence);
            assertThat(replayed.stateHashHex()).isEqualTo(hashAt.get(lastSequence));
            assertThat(ledger.stateHash()).isEqualTo(hashAt.get(lastSequence));

            RecoveryReport fromSnapshot = ledger.restart();
            assertThat(fromSnapshot.snapshotSequence()).isEqualTo(lastSequence);
            assertThat(fromSnapshot.entriesReplayed()).isZero();
            assertThat(fromSnapshot.stateHashHex()).isEqualTo(hashAt.get(lastSequence));

            RecoveryReport again = ledger.restartWithoutSnapshot();
            assertThat(again.stateHashHex()).isEqualTo(hashAt.get(lastSequence));
        }
    }

    @Test
    void keepsEntryTimestampsIncreasingAfterReplayingAJournalWhoseLastItemWasARetry() {
        // The clock stands still, so timestamps come from the last one plus one. An idempotent retry takes a
        // timestamp without journaling an event; after replay the next entry must still be later than the last one.
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            Account account = Account.open(TestLedger.id(), TestLedger.USD, AccountType.ASSET, 1, 0);
            Account another = Account.open(TestLedger.id(), TestLedger.USD, AccountType.ASSET, 1, 0);
            ledger.createAccount(account);
            assertThat(ledger.createAccounts(another, account)).containsExactly(ResultCode.OK, ResultCode.EXISTS);
            ledger.restartWithoutSnapshot();
            ledger.account(TestLedger.USD, AccountType.ASSET, 0);
            String hash = ledger.stateHash();
            RecoveryReport report = ledger.restartWithoutSnapshot();
            assertThat(report.stateHashHex()).isEqualTo(hash);
        }
    }

    // ---- the decision table of JournalScanner, row by row ----

    /** What the scanner must do with the damage of a row. */
    enum Outcome { DELETE_SEGMENT, TRUNCATE, STOP }

    /** The rows of the table, each with a way to make its damage at the end of a chosen segment. */
    enum Row {
        SEGMENT_SHORTER_THAN_ITS_HEADER(Outcome.DELETE_SEGMENT),
        SEGMENT_WITH_ONLY_A_BAD_HEADER(Outcome.DELETE_SEGMENT),
        FEWER_BYTES_LEFT_THAN_AN_ENTRY_HEADER(Outcome.TRUNCATE),
        IMPOSSIBLE_LENGTH_AND_THE_REST_ALL_ZEROS(Outcome.TRUNCATE),
        IMPOSSIBLE_LENGTH_AND_OTHER_BYTES(Outcome.STOP),
        ZEROED_HEADER_BEFORE_THE_BYTES_OF_A_LATER_WRITE(Outcome.TRUNCATE),
        LENGTH_RUNS_PAST_THE_END_OF_THE_FILE(Outcome.TRUNCATE),
        CRC_MISMATCH_IN_THE_LAST_ENTRY_WHOSE_LAST_SECTORS_ARE_UNWRITTEN(Outcome.TRUNCATE),
        CRC_MISMATCH_IN_THE_LAST_ENTRY_WRITTEN_WHOLE(Outcome.STOP),
        HEADER_CRC_MISMATCH_IN_THE_LAST_ENTRY_WRITTEN_WHOLE(Outcome.STOP),
        CRC_MISMATCH_WITH_MORE_BYTES_AFTER(Outcome.STOP),
        CRC_FINE_BUT_SEQUENCE_OUT_OF_ORDER(Outcome.STOP),
        CRC_FINE_BUT_TIMESTAMP_NOT_INCREASING(Outcome.STOP),
        CRC_FINE_BUT_CHAIN_HASH_BROKEN(Outcome.STOP),
        LENGTH_CORRUPT_IN_FRONT_OF_A_WHOLE_ENTRY(Outcome.STOP);

        final Outcome inLastSegment;

        Row(Outcome inLastSegment) {
            this.inLastSegment = inLastSegment;
        }
    }

    /** Where the damage of a row was made, and what start-up should then say or recover. */
    private record Damage(Path segment, long offset, long sequence, long bytesCut, long sequenceLeft) {
    }

    @ParameterizedTest
    @EnumSource(Row.class)
    void walksTheRowInTheLastSegment(Row row) {
        Path segment = JournalFiles.segments(config).getLast();
        Damage damage = damage(row, segment);
        switch (row.inLastSegment) {
            case STOP -> assertStops(damage);
            case TRUNCATE, DELETE_SEGMENT -> {
                try (TestLedger ledger = TestLedger.open(config, clock)) {
                    RecoveryReport report = ledger.engine().recovery();
                    assertThat(report.lastSequence()).isEqualTo(damage.sequenceLeft());
                    assertThat(report.stateHashHex()).isEqualTo(hashAt.get(damage.sequenceLeft()));
                    if (row.inLastSegment == Outcome.DELETE_SEGMENT) {
                        assertThat(Files.exists(segment)).isFalse();
                    } else {
                        assertThat(report.bytesTruncated()).isEqualTo(damage.bytesCut());
                        assertThat(JournalFiles.read(segment)).hasSize((int) damage.offset());
                    }
                    // The repaired journal takes new entries and replays cleanly.
                    ledger.fund(ledger.unrestricted(), ledger.unrestricted(), 1);
                    String hash = ledger.stateHash();
                    assertThat(ledger.restartWithoutSnapshot().stateHashHex()).isEqualTo(hash);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Row.class)
    void walksTheRowInAnEarlierSegmentAndAlwaysStops(Row row) {
        Path first = JournalFiles.segments(config).getFirst();
        byte[][] before = snapshotOfAllSegments();
        assertStops(damage(row, first));
        List<Path> after = JournalFiles.segments(config);
        assertThat(after).as("no segment is deleted").hasSize(before.length);
        for (int index = 1; index < after.size(); index++) {
            assertThat(JournalFiles.read(after.get(index))).as("later segments untouched").isEqualTo(before[index]);
        }
    }

    @Test
    void deletesASegmentTornWhileItWasBeingCreatedAndKeepsEverythingBefore() {
        long next = lastSequence + 1;
        Path torn = JournalFiles.journalDirectory(config).resolve(JournalFormat.segmentName(next));
        byte[] header = JournalWriter.segmentHeader(next, new byte[JournalFormat.HASH_BYTES]);
        JournalFiles.write(torn, java.util.Arrays.copyOf(header, 20));
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            assertThat(ledger.engine().recovery().lastSequence()).isEqualTo(lastSequence);
            assertThat(ledger.stateHash()).isEqualTo(hashAt.get(lastSequence));
            assertThat(Files.exists(torn)).isFalse();
        }
    }

    private Damage damage(Row row, Path segment) {
        List<JournalFiles.Location> inSegment = JournalFiles.entries(config).stream()
                .filter(entry -> entry.segment().equals(segment)).toList();
        JournalFiles.Location last = inSegment.getLast();
        JournalFiles.Location beforeLast = inSegment.get(inSegment.size() - 2);
        long firstSequence = JournalFormat.firstSequenceOf(segment);
        long size = JournalFiles.read(segment).length;
        return switch (row) {
            case SEGMENT_SHORTER_THAN_ITS_HEADER -> {
                JournalFiles.truncate(segment, JournalFormat.SEGMENT_HEADER_BYTES - 1);
                yield new Damage(segment, 0, firstSequence, 0, firstSequence - 1);
            }
            case SEGMENT_WITH_ONLY_A_BAD_HEADER -> {
                JournalFiles.truncate(segment, JournalFormat.SEGMENT_HEADER_BYTES);
                JournalFiles.flipBit(segment, JournalFormat.SEGMENT_OFFSET_FIRST_SEQUENCE, 0);
                yield new Damage(segment, 0, firstSequence, 0, firstSequence - 1);
            }
            case FEWER_BYTES_LEFT_THAN_AN_ENTRY_HEADER -> {
                JournalFiles.truncate(segment, last.offset() + JournalFormat.ENTRY_HEADER_BYTES - 1);
                yield new Damage(segment, last.offset(), last.sequence(), JournalFormat.ENTRY_HEADER_BYTES - 1,
                        last.sequence() - 1);
            }
            case IMPOSSIBLE_LENGTH_AND_THE_REST_ALL_ZEROS -> {
                JournalFiles.append(segment, new byte[300]);
                yield new Damage(segment, size, last.sequence() + 1, 300, last.sequence());
            }
            case ZEROED_HEADER_BEFORE_THE_BYTES_OF_A_LATER_WRITE -> {
                // Two writes after the last fsync; the power failed when only the second had reached the disk.
                byte[] later = java.util.Arrays.copyOfRange(JournalFiles.read(segment), (int) last.offset(),
                        (int) last.end());
                byte[] tail = new byte[300 + later.length];
                System.arraycopy(later, 0, tail, 300, later.length);
                JournalFiles.append(segment, tail);
                yield new Damage(segment, size, last.sequence() + 1, tail.length, last.sequence());
            }
            case IMPOSSIBLE_LENGTH_AND_OTHER_BYTES -> {
                JournalFiles.putInt(segment, last.offset() + JournalFormat.ENTRY_OFFSET_LENGTH, 10);
                yield new Damage(segment, last.offset(), last.sequence(), 0, 0);
            }
            case LENGTH_RUNS_PAST_THE_END_OF_THE_FILE -> {
                long kept = JournalFormat.ENTRY_HEADER_BYTES + 5;
                JournalFiles.truncate(segment, last.offset() + kept);
                yield new Damage(segment, last.offset(), last.sequence(), kept, last.sequence() - 1);
            }
            case CRC_MISMATCH_IN_THE_LAST_ENTRY_WHOSE_LAST_SECTORS_ARE_UNWRITTEN -> {
                // A write torn after the file grew: the sectors from the first boundary inside the entry never
                // reached the disk and read as zeros. (The journal's last entry is a batch larger than a sector.)
                long boundary = (last.offset() / JournalScanner.SECTOR_BYTES + 1) * JournalScanner.SECTOR_BYTES;
                boolean crosses = last.end() - boundary >= JournalScanner.UNWRITTEN_TAIL_BYTES_MIN;
                long from = crosses ? boundary : last.end() - 8;
                assertThat(crosses || !segment.equals(JournalFiles.segments(config).getLast()))
                        .as("the last entry of the journal crosses a sector boundary far enough").isTrue();
                JournalFiles.zero(segment, from, last.end());
                yield new Damage(segment, last.offset(), last.sequence(), last.length(), last.sequence() - 1);
            }
            case CRC_MISMATCH_IN_THE_LAST_ENTRY_WRITTEN_WHOLE -> {
                // Bit rot in an acknowledged entry: cutting it would lose a transfer the client was told is durable.
                JournalFiles.flipBit(segment, last.end() - 1, 6);
                yield new Damage(segment, last.offset(), last.sequence(), 0, 0);
            }
            case HEADER_CRC_MISMATCH_IN_THE_LAST_ENTRY_WRITTEN_WHOLE -> {
                JournalFiles.flipBit(segment, last.offset() + JournalFormat.ENTRY_OFFSET_TIMESTAMP, 3);
                yield new Damage(segment, last.offset(), last.sequence(), 0, 0);
            }
            case CRC_MISMATCH_WITH_MORE_BYTES_AFTER -> {
                JournalFiles.flipBit(segment, beforeLast.offset() + JournalFormat.ENTRY_HEADER_BYTES + 2, 1);
                yield new Damage(segment, beforeLast.offset(), beforeLast.sequence(), 0, 0);
            }
            case CRC_FINE_BUT_SEQUENCE_OUT_OF_ORDER -> {
                JournalFiles.putLong(segment, last.offset() + JournalFormat.ENTRY_OFFSET_SEQUENCE, last.sequence() + 1);
                JournalFiles.resealCrc(last);
                yield new Damage(segment, last.offset(), last.sequence(), 0, 0);
            }
            case CRC_FINE_BUT_TIMESTAMP_NOT_INCREASING -> {
                long earlier = Bytes.getLong(JournalFiles.read(segment),
                        (int) beforeLast.offset() + JournalFormat.ENTRY_OFFSET_TIMESTAMP);
                JournalFiles.putLong(segment, last.offset() + JournalFormat.ENTRY_OFFSET_TIMESTAMP, earlier);
                JournalFiles.resealCrc(last);
                yield new Damage(segment, last.offset(), last.sequence(), 0, 0);
            }
            case CRC_FINE_BUT_CHAIN_HASH_BROKEN -> {
                JournalFiles.flipBit(segment, last.offset() + JournalFormat.ENTRY_OFFSET_HASH, 0);
                JournalFiles.resealCrc(last);
                yield new Damage(segment, last.offset(), last.sequence(), 0, 0);
            }
            case LENGTH_CORRUPT_IN_FRONT_OF_A_WHOLE_ENTRY -> {
                JournalFiles.putInt(segment, last.offset() + JournalFormat.ENTRY_OFFSET_LENGTH, last.length() + 1);
                yield new Damage(segment, last.offset(), last.sequence(), 0, 0);
            }
        };
    }

    private void assertStops(Damage damage) {
        assertThatThrownBy(() -> LedgerEngine.open(config)).isInstanceOfSatisfying(JournalException.class,
                refused -> {
                    assertThat(refused.file()).isEqualTo(damage.segment());
                    assertThat(refused.offset()).isEqualTo(damage.offset());
                    assertThat(refused.sequence()).isEqualTo(damage.sequence());
                    assertThat(refused.getMessage()).contains("file=" + damage.segment(),
                            "offset=" + damage.offset(), "sequence=" + damage.sequence());
                });
    }

    private byte[][] snapshotOfAllSegments() {
        List<Path> segments = JournalFiles.segments(config);
        byte[][] copies = new byte[segments.size()][];
        for (int index = 0; index < segments.size(); index++) {
            copies[index] = JournalFiles.read(segments.get(index));
        }
        return copies;
    }

    private static byte[] readWithLength(byte[] intact, JournalFiles.Location entry, int length) {
        byte[] copy = intact.clone();
        Bytes.putInt(copy, (int) entry.offset() + JournalFormat.ENTRY_OFFSET_LENGTH, length);
        return copy;
    }

    private static String emptyStateHash() {
        return java.util.HexFormat.of().formatHex(StateEncoding.hash(new LedgerState(1, 1, 1)));
    }

    /** Small batches and segments, so that a short history spans several segment files. */
    static LedgerConfig smallSegments(Path data, EngineClock clock) {
        int batchSizeMax = 4;
        int expiryBatchMax = 4;
        int entryBytesMax = JournalFormat.ENTRY_HEADER_BYTES + Provenance.ENCODED_BYTES_MAX
                + batchSizeMax * EventCodec.EVENT_BYTES_MAX;
        return new LedgerConfig(data, Durability.NONE, batchSizeMax, 64, entryBytesMax * 4, 2,
                JournalFormat.SEGMENT_HEADER_BYTES + entryBytesMax + 300, 1_000, 10_000, expiryBatchMax, 50, 0,
                clock);
    }
}
