package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each fault of {@link FaultStorage} does what it says, on its own and under a running engine. */
class FaultStorageTest {
    private static final Path DIRECTORY = Path.of("/memory/files");
    private static final Path FILE = DIRECTORY.resolve("file");

    private final MemoryStorage memory = new MemoryStorage();
    private final FaultStorage storage = new FaultStorage(memory, 7);

    @Test
    void losesEveryWriteAfterTheLastSyncInACrash() throws IOException {
        storage.createDirectories(DIRECTORY);
        try (StorageFile file = storage.open(FILE, OpenMode.CREATE_NEW)) {
            write(file, "durable", 0);
            file.syncData();
            storage.syncDirectory(DIRECTORY);
            write(file, "-lost", 7);
        }
        storage.crash();
        storage.restart();

        assertThat(content(FILE)).isEqualTo("durable");
    }

    @Test
    void forgetsAFileWhoseNameWasNeverMadeDurableInACrash() throws IOException {
        storage.createDirectories(DIRECTORY);
        try (StorageFile file = storage.open(FILE, OpenMode.CREATE_NEW)) {
            write(file, "synced data, unsynced name", 0);
            file.syncData();
        }
        storage.crash();
        storage.restart();

        assertThat(storage.list(DIRECTORY)).isEmpty();
    }

    @Test
    void keepsOnlyTheChosenBytesOfATornLastWrite() throws IOException {
        storage.createDirectories(DIRECTORY);
        try (StorageFile file = storage.open(FILE, OpenMode.CREATE_NEW)) {
            write(file, "head", 0);
            file.syncData();
            storage.syncDirectory(DIRECTORY);
            write(file, "-torn-tail", 4);
        }
        storage.crashTearingLastWrite(5);
        storage.restart();

        assertThat(content(FILE)).isEqualTo("head-torn");
    }

    @Test
    void refusesEveryCallOfTheCrashedRunUntilRestart() throws IOException {
        storage.createDirectories(DIRECTORY);
        StorageFile file = storage.open(FILE, OpenMode.CREATE_NEW);
        storage.crash();

        assertThatThrownBy(() -> storage.list(DIRECTORY)).isInstanceOf(IOException.class);
        storage.restart();
        assertThatThrownBy(() -> write(file, "late", 0)).isInstanceOf(IOException.class)
                .hasMessageContaining("opened before a simulated crash");
    }

    @Test
    void countsAFailedSyncAsFailedAndMakesNothingDurable() throws IOException {
        storage.createDirectories(DIRECTORY);
        try (StorageFile file = storage.open(FILE, OpenMode.CREATE_NEW)) {
            storage.syncDirectory(DIRECTORY);
            write(file, "never durable", 0);
            storage.failNextSync();
            assertThatThrownBy(file::syncData).isInstanceOf(IOException.class);
        }

        assertThat(storage.syncs()).containsExactly(new FaultStorage.Sync(FILE, 13, false));
        assertThat(memory.durableFiles(DIRECTORY).get(FILE)).isEmpty();
    }

    @Test
    void recoversTheSameStateWhenEveryReadComesBackShort() {
        LedgerConfig config = engineConfig();
        String stateHash;
        try (TestLedger ledger = TestLedger.open(config, new ManualClock())) {
            UUID debit = ledger.unrestricted();
            UUID credit = ledger.unrestricted();
            for (int index = 0; index < 20; index++) {
                ledger.fund(debit, credit, index + 1);
            }
            stateHash = ledger.stateHash();
            ledger.stopWithoutSnapshot();
        }
        storage.returnShortReads();

        try (TestLedger reopened = TestLedger.open(config, new ManualClock())) {
            assertThat(reopened.engine().recovery().entriesReplayed()).isEqualTo(22);
            assertThat(reopened.stateHash()).isEqualTo(stateHash);
        }
    }

    @Test
    void stopsStartUpNamingTheFileAndOffsetWhenABitFlipsInACommittedEntry() throws IOException {
        LedgerConfig config = engineConfig();
        try (TestLedger ledger = TestLedger.open(config, new ManualClock())) {
            ledger.unrestricted();
            ledger.unrestricted();
            ledger.stopWithoutSnapshot();
        }
        Path segment = Recovery.journalDirectory(config).resolve(JournalFormat.segmentName(1));
        storage.flipBit(segment, JournalFormat.SEGMENT_HEADER_BYTES + JournalFormat.ENTRY_HEADER_BYTES + 1, 3);

        assertThatThrownBy(() -> LedgerEngine.open(config)).isInstanceOf(JournalException.class)
                .hasMessageContaining("file=" + segment)
                .hasMessageContaining("offset=" + JournalFormat.SEGMENT_HEADER_BYTES + " ");
    }

    private LedgerConfig engineConfig() {
        return TestLedger.config(Path.of("/memory/data"), new ManualClock()).withDurability(Durability.FSYNC)
                .withStorage(storage);
    }

    private static void write(StorageFile file, String text, long position) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (source.hasRemaining()) {
            position += file.write(source, position);
        }
    }

    private String content(Path path) throws IOException {
        try (StorageFile file = storage.open(path, OpenMode.READ)) {
            ByteBuffer target = ByteBuffer.allocate((int) file.size());
            while (target.hasRemaining() && file.read(target, target.position()) > 0) {
                // Reads until the buffer is full; a short read just goes round again.
            }
            return new String(target.array(), 0, target.position(), StandardCharsets.US_ASCII);
        }
    }
}
