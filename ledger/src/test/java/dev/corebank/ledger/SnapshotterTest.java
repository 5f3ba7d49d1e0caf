package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshotter writes the periodic snapshots from its replica: each one is the state the journal implies at its
 * sequence, the engine goes on acknowledging while one is written (or while one cannot be), and a stop abandons one
 * in progress without leaving a file behind.
 */
class SnapshotterTest {
    private static final long EVERY = 4;

    @TempDir
    Path data;

    @Test
    void eachSnapshotIsTheStateTheJournalImpliesAtItsSequence() throws IOException {
        ManualClock clock = new ManualClock();
        LedgerConfig config = TestLedger.config(data, clock).withSnapshotEveryEntries(EVERY);
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.deposit();
            for (int index = 0; index < 11; index++) {
                ledger.fund(bank, customer, 1 + index);
            }
            long last = ledger.committedPosition();
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.engine().snapshotter().orElseThrow()
                    .lastSnapshotSequence() == last / EVERY * EVERY);
        }
        SnapshotStore store = new SnapshotStore(FileStorage.INSTANCE, data.resolve("snapshots"));
        List<Path> snapshots = store.list();
        assertThat(snapshots).isNotEmpty();
        for (Path file : snapshots) {
            SnapshotStore.Loaded loaded = store.load(file, config);
            JournalVerifier.Report replayed = new JournalVerifier(config).verifyUpTo(loaded.sequence(),
                    JournalVerifier.Progress.NONE);
            assertThat(replayed.ok()).isTrue();
            assertThat(HexFormat.of().formatHex(loaded.stateHash())).as("snapshot %s", file.getFileName())
                    .isEqualTo(replayed.stateHashHex());
        }
    }

    @Test
    void theEngineGoesOnAcknowledgingWhileASnapshotIsBeingWritten() throws Exception {
        GatedStorage storage = new GatedStorage();
        ManualClock clock = new ManualClock();
        LedgerConfig config = TestLedger.config(data, clock).withSnapshotEveryEntries(EVERY).withStorage(storage);
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.deposit();
            while (ledger.committedPosition() < EVERY) {
                ledger.fund(bank, customer, 1);
            }
            assertThat(storage.snapshotStarted.await(30, TimeUnit.SECONDS)).as("a snapshot was begun").isTrue();
            assertThat(ledger.engine().snapshotter().orElseThrow().writing()).isTrue();
            // The snapshotter waits at its gate: the engine must not.
            long before = ledger.lookup(customer).balance();
            for (int index = 0; index < 20; index++) {
                ledger.fund(bank, customer, 1);
            }
            assertThat(ledger.lookup(customer).balance()).isEqualTo(before + 20);
            assertThat(ledger.engine().snapshotter().orElseThrow().snapshotsWritten()).isZero();
            storage.gate.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.engine().snapshotter().orElseThrow()
                    .snapshotsWritten() >= 1);
            assertThat(ledger.engine().snapshotter().orElseThrow().lastSnapshotSequence() % EVERY).isZero();
        }
    }

    @Test
    void aSnapshotThatCannotBeWrittenStopsTheSnapshotterAndNotTheEngine() {
        GatedStorage storage = new GatedStorage();
        storage.failSnapshots = true;
        ManualClock clock = new ManualClock();
        LedgerConfig config = TestLedger.config(data, clock).withSnapshotEveryEntries(EVERY).withStorage(storage);
        try (TestLedger ledger = TestLedger.open(config, clock)) {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.deposit();
            while (ledger.committedPosition() < EVERY) {
                ledger.fund(bank, customer, 1);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.engine().snapshotter().orElseThrow()
                    .failure() != null);
            assertThat(ledger.engine().snapshotter().orElseThrow().failure()).contains("cannot write snapshot");
            assertThat(ledger.engine().running()).isTrue();
            long before = ledger.lookup(customer).balance();
            ledger.fund(bank, customer, 5);
            assertThat(ledger.lookup(customer).balance()).isEqualTo(before + 5);
        }
    }

    @Test
    void aStopAbandonsTheSnapshotBeingWrittenAndLeavesNoTemporaryFile() throws Exception {
        GatedStorage storage = new GatedStorage();
        ManualClock clock = new ManualClock();
        LedgerConfig config = TestLedger.config(data, clock).withSnapshotEveryEntries(EVERY).withStorage(storage);
        String hash;
        TestLedger ledger = TestLedger.open(config, clock);
        try {
            UUID bank = ledger.unrestricted();
            UUID customer = ledger.deposit();
            while (ledger.committedPosition() < EVERY) {
                ledger.fund(bank, customer, 1);
            }
            assertThat(storage.snapshotStarted.await(30, TimeUnit.SECONDS)).isTrue();
            hash = ledger.stateHash();
        } finally {
            // The close waits for the snapshotter, which is held at its gate: open it once the stop has begun.
            Thread opener = Thread.ofPlatform().start(() -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> !ledger.engine().running());
                storage.gate.countDown();
            });
            ledger.close();
            opener.join();
        }
        try (Stream<Path> files = Files.list(data.resolve("snapshots"))) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            assertThat(names).noneMatch(name -> name.endsWith(".tmp"));
            assertThat(names).as("the abandoned periodic snapshot is not there; the stop's own one is")
                    .containsExactly(String.format("%020d.snapshot", ledgerPosition(config)));
        }
        try (TestLedger reopened = TestLedger.open(config.withStorage(FileStorage.INSTANCE), clock)) {
            assertThat(reopened.engine().recovery().entriesReplayed()).isZero();
            assertThat(reopened.stateHash()).isEqualTo(hash);
        }
    }

    private static long ledgerPosition(LedgerConfig config) {
        return new JournalVerifier(config.withStorage(FileStorage.INSTANCE)).verify(JournalVerifier.Progress.NONE)
                .lastSequence();
    }

    /**
     * The local file system, except that a snapshot's temporary file waits at a gate before it is created (or fails
     * to be created, with {@code failSnapshots}), so a test can hold the snapshotter in the middle of a write.
     */
    private static final class GatedStorage implements Storage {
        final CountDownLatch snapshotStarted = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        volatile boolean failSnapshots;

        @Override
        public StorageFile open(Path file, OpenMode mode) throws IOException {
            if (mode == OpenMode.CREATE_OR_TRUNCATE && file.getFileName().toString().endsWith(".snapshot.tmp")
                    && Thread.currentThread().getName().equals("ledger-snapshot-writer")) {
                if (failSnapshots) {
                    throw new IOException("injected: no space left on device");
                }
                snapshotStarted.countDown();
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("gate never opened");
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted at the gate", interrupted);
                }
            }
            return FileStorage.INSTANCE.open(file, mode);
        }

        @Override
        public List<Path> list(Path directory) throws IOException {
            return FileStorage.INSTANCE.list(directory);
        }

        @Override
        public void createDirectories(Path directory) throws IOException {
            FileStorage.INSTANCE.createDirectories(directory);
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            FileStorage.INSTANCE.moveAtomically(source, target);
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            FileStorage.INSTANCE.deleteIfExists(file);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            FileStorage.INSTANCE.syncDirectory(directory);
        }
    }
}
