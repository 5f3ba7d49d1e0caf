package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up from a snapshot: only one that belongs to this journal's history is used, and a bad one is skipped. */
class SnapshotRecoveryTest {
    @TempDir
    Path data;

    @Test
    void startsFromTheNewestSnapshotAndReplaysOnlyTheEntriesAfterIt() {
        try (TestLedger ledger = TestLedger.open(data)) {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.deposit();
            ledger.fund(bank, customer, 10);
            long snapshotSequence = TestLedger.await(ledger.engine().snapshot());
            ledger.fund(bank, customer, 20);
            ledger.fund(bank, customer, 30);
            String hash = ledger.stateHash();

            RecoveryReport report = ledger.restartWithoutSnapshot();
            assertThat(report.snapshotSequence()).isEqualTo(snapshotSequence);
            assertThat(report.entriesReplayed()).isEqualTo(2);
            assertThat(report.stateHashHex()).isEqualTo(hash);
            assertThat(ledger.lookup(customer).balance()).isEqualTo(60);
        }
    }

    @Test
    void writesSnapshotsEveryConfiguredNumberOfEntriesAndKeepsTheTwoNewest() {
        ManualClock clock = new ManualClock();
        LedgerConfig config = TestLedger.config(data, clock).withSnapshotEveryEntries(3);
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            long last = fundAndAwaitSnapshots(ledger, 10);
            String hash = ledger.stateHash();
            assertThat(ledger.engine().snapshotter().orElseThrow().snapshotsWritten()).isEqualTo(last / 3);
            assertThat(snapshots()).hasSize(SnapshotStore.SNAPSHOTS_KEPT);
            assertThat(snapshots().getLast().getFileName().toString())
                    .isEqualTo(String.format("%020d.snapshot", last / 3 * 3));
            RecoveryReport report = ledger.restartWithoutSnapshot();
            assertThat(report.snapshotSequence()).isEqualTo(last / 3 * 3);
            assertThat(report.snapshotSequence() + report.entriesReplayed()).isEqualTo(report.lastSequence());
            assertThat(report.stateHashHex()).isEqualTo(hash);
        }
    }

    @Test
    void deletesOldSnapshotsWholeAndFinishesOneACrashLeftHalfDeleted() throws IOException {
        ManualClock clock = new ManualClock();
        LedgerConfig config = TestLedger.config(data, clock).withSnapshotEveryEntries(3);
        Path directory = data.resolve("snapshots");
        Files.createDirectories(directory);
        // What a crash during a deletion leaves: the old snapshot renamed, partly truncated.
        Path halfDeleted = directory.resolve("00000000000000000001.snapshot.deleting");
        Files.write(halfDeleted, new byte[(int) (SnapshotStore.DELETE_STEP_BYTES / 4)]);
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            fundAndAwaitSnapshots(ledger, 12);
        }
        try (var files = Files.list(directory)) {
            List<String> names = files.map(file -> file.getFileName().toString()).sorted().toList();
            assertThat(names).as("two snapshots kept, nothing half deleted or half written").hasSize(
                    SnapshotStore.SNAPSHOTS_KEPT).allMatch(name -> name.endsWith(".snapshot"));
        }
    }

    @Test
    void skipsACorruptNewestSnapshotAndUsesTheOlderOne() throws IOException {
        long older;
        String hash;
        try (TestLedger ledger = TestLedger.open(data)) {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.deposit();
            ledger.fund(bank, customer, 10);
            older = TestLedger.await(ledger.engine().snapshot());
            ledger.fund(bank, customer, 20);
            hash = ledger.stateHash();
        }
        List<Path> snapshots = snapshots();
        assertThat(snapshots).hasSize(2);
        Path newest = snapshots.getLast();
        flipByteInTheMiddle(newest);

        try (TestLedger ledger = TestLedger.open(data)) {
            RecoveryReport report = ledger.engine().recovery();
            assertThat(report.snapshotSequence()).isEqualTo(older);
            assertThat(report.entriesReplayed()).isEqualTo(report.lastSequence() - older);
            assertThat(ledger.stateHash()).isEqualTo(hash);
        }
    }

    @Test
    void replaysTheWholeJournalWhenNoSnapshotIsUsable() throws IOException {
        String hash;
        try (TestLedger ledger = TestLedger.open(data)) {
            ledger.fund(ledger.unrestricted(), ledger.deposit(), 10);
            TestLedger.await(ledger.engine().snapshot());
            ledger.fund(ledger.unrestricted(), ledger.deposit(), 10);
            hash = ledger.stateHash();
        }
        List<Path> snapshots = snapshots();
        flipByteInTheMiddle(snapshots.getFirst());
        JournalFiles.truncate(snapshots.getLast(), Files.size(snapshots.getLast()) / 2);
        Files.writeString(data.resolve("snapshots").resolve("00000000000000000099.snapshot.tmp"), "half written");

        try (TestLedger ledger = TestLedger.open(data)) {
            RecoveryReport report = ledger.engine().recovery();
            assertThat(report.snapshotSequence()).isZero();
            assertThat(report.entriesReplayed()).isEqualTo(report.lastSequence());
            assertThat(ledger.stateHash()).isEqualTo(hash);
        }
    }

    @Test
    void refusesASnapshotThatDoesNotMatchTheJournal() throws IOException {
        Path other = data.resolve("other");
        Path mine = data.resolve("mine");
        writeHistory(mine, 10);
        writeHistory(other, 11);
        Path mySnapshot = single(mine.resolve("snapshots"));
        Path otherSnapshot = single(other.resolve("snapshots"));
        assertThat(mySnapshot.getFileName()).isEqualTo(otherSnapshot.getFileName());
        Files.copy(otherSnapshot, mySnapshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> LedgerEngine.open(TestLedger.config(mine, new ManualClock())))
                .isInstanceOfSatisfying(JournalException.class, refused -> {
                    assertThat(refused.getMessage()).contains("snapshot does not match");
                    assertThat(refused.file().toString()).contains(mine.resolve("journal").toString());
                });
    }

    @Test
    void refusesASnapshotNewerThanTheJournal() throws IOException {
        writeHistory(data, 10);
        for (Path segment : JournalFiles.segments(TestLedger.config(data, new ManualClock()))) {
            Files.delete(segment);
        }
        assertThatThrownBy(() -> LedgerEngine.open(TestLedger.config(data, new ManualClock())))
                .isInstanceOfSatisfying(JournalException.class,
                        refused -> assertThat(refused.getMessage()).contains("journal ends before the snapshot"));
    }

    @Test
    void startsFromASnapshotWhenTheSegmentAfterItWasTornWhileBeingCreated() {
        // A clean stop wrote a snapshot at the journal's last entry; the next start rolled to a new segment and
        // crashed before its header was complete.
        ManualClock clock = new ManualClock();
        LedgerConfig config = JournalRecoveryTest.smallSegments(data, clock);
        String hash;
        long last;
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.unrestricted();
            for (int index = 0; index < 5; index++) {
                ledger.fund(bank, customer, 1);
            }
            hash = ledger.stateHash();
            last = ledger.committedPosition();
        }
        Path torn = JournalFiles.journalDirectory(config).resolve(JournalFormat.segmentName(last + 1));
        JournalFiles.write(torn, java.util.Arrays.copyOf(JournalWriter.segmentHeader(last + 1,
                new byte[JournalFormat.HASH_BYTES]), 30));

        try (TestLedger ledger = TestLedger.open(config, clock)) {
            assertThat(ledger.engine().recovery().snapshotSequence()).isEqualTo(last);
            assertThat(ledger.stateHash()).isEqualTo(hash);
            assertThat(Files.exists(torn)).isFalse();
            ledger.fund(ledger.unrestricted(), ledger.unrestricted(), 1);
            String after = ledger.stateHash();
            assertThat(ledger.restartWithoutSnapshot().stateHashHex()).isEqualTo(after);
        }
    }

    @Test
    void keepsHoldsAndTheirTimeoutsThroughASnapshot() {
        try (TestLedger ledger = TestLedger.open(data)) {
            UUID customer = ledger.deposit();
            UUID merchant = ledger.unrestricted();
            ledger.fund(ledger.unrestricted(), customer, 100);
            Transfer expiring = TransferBuilder.pending(customer, merchant, 30).timeoutSeconds(60).build();
            Transfer lasting = TransferBuilder.pending(customer, merchant, 20).build();
            ledger.transfers(expiring, lasting);
            String hash = ledger.stateHash();

            assertThat(ledger.restart().entriesReplayed()).isZero();
            assertThat(ledger.stateHash()).isEqualTo(hash);
            assertThat(ledger.lookup(customer).debitsPending()).isEqualTo(50);
            ledger.clock.advanceSeconds(61);
            assertThat(ledger.stored(expiring.id()).pendingStatus()).isEqualTo(PendingStatus.EXPIRED);
            assertThat(ledger.transfer(TransferBuilder.post(lasting.id(), 0).build())).isEqualTo(ResultCode.OK);
            assertThat(ledger.transfer(TransferBuilder.single(customer, merchant, 81).build()))
                    .isEqualTo(ResultCode.EXCEEDS_CREDITS);
        }
    }

    private void writeHistory(Path directory, long amount) {
        try (TestLedger ledger = TestLedger.open(directory)) {
            UUID bank = new UUID(7, 1);
            UUID customer = new UUID(7, 2);
            ledger.createAccounts(Account.open(bank, TestLedger.USD, AccountType.ASSET, 1, 0),
                    Account.open(customer, TestLedger.USD, AccountType.LIABILITY, 1, 0));
            ledger.transfer(TransferBuilder.single(bank, customer, amount).id(new UUID(7, 3)).build());
        }
    }

    /**
     * Funds a customer {@code transfers} times and waits for the snapshotter, which writes from its replica on its own
     * thread, to reach the last multiple of 3 up to the journal's end; returns the journal's position.
     */
    private static long fundAndAwaitSnapshots(TestLedger ledger, int transfers) {
        UUID bank = ledger.unrestricted();
        UUID customer = ledger.deposit();
        for (int index = 0; index < transfers; index++) {
            ledger.fund(bank, customer, 1);
        }
        long last = ledger.committedPosition();
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.engine().snapshotter().orElseThrow()
                .lastSnapshotSequence() == last / 3 * 3);
        return last;
    }

    private List<Path> snapshots() {
        return new SnapshotStore(FileStorage.INSTANCE, data.resolve("snapshots")).list();
    }

    private static Path single(Path snapshotDirectory) {
        List<Path> snapshots = new SnapshotStore(FileStorage.INSTANCE, snapshotDirectory).list();
        assertThat(snapshots).hasSize(1);
        return snapshots.getFirst();
    }

    private static void flipByteInTheMiddle(Path file) throws IOException {
        JournalFiles.flipBit(file, Files.size(file) / 2, 4);
    }
}
