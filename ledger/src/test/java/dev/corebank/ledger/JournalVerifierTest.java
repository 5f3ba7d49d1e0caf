package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalVerifierTest {
    private static final int USD = Ledgers.numericCode("USD");

    @TempDir
    Path data;

    @Test
    void verifiesAnIntactJournalAndReproducesTheLiveStateHashAtThePositionAsked() throws Exception {
        LedgerConfig config = LedgerConfig.defaults(data).withDurability(Durability.NONE);
        LedgerEngine.StateHash atFirstHalf;
        LedgerEngine.StateHash atEnd;
        try (LedgerEngine engine = LedgerEngine.open(config)) {
            List<UUID> accounts = openAccounts(engine, 4);
            transfer(engine, accounts, 10);
            atFirstHalf = engine.stateHashAtPosition().get();
            transfer(engine, accounts, 10);
            atEnd = engine.stateHashAtPosition().get();
        }
        JournalVerifier verifier = new JournalVerifier(config);
        List<Long> progress = new ArrayList<>();
        JournalVerifier.Report whole = verifier.verify((done, total) -> progress.add(done));
        assertThat(whole.ok()).isTrue();
        assertThat(whole.lastSequence()).isEqualTo(atEnd.position());
        assertThat(whole.stateHashHex()).isEqualTo(atEnd.hashHex());
        assertThat(progress).last().isEqualTo(whole.bytes());

        JournalVerifier.Report half = verifier.verifyUpTo(atFirstHalf.position(), JournalVerifier.Progress.NONE);
        assertThat(half.ok()).isTrue();
        assertThat(half.statePosition()).isEqualTo(atFirstHalf.position());
        assertThat(half.stateHashHex()).isEqualTo(atFirstHalf.hashHex());
        assertThat(half.stateHashHex()).isNotEqualTo(atEnd.hashHex());
    }

    @Test
    void reportsTheFileOffsetAndSequenceOfAFlippedByte() throws Exception {
        LedgerConfig config = LedgerConfig.defaults(data).withDurability(Durability.NONE);
        try (LedgerEngine engine = LedgerEngine.open(config)) {
            List<UUID> accounts = openAccounts(engine, 4);
            transfer(engine, accounts, 5);
            transfer(engine, accounts, 5);
        }
        Path segment = JournalScanner.segments(FileStorage.INSTANCE, data.resolve("journal")).getFirst();
        long secondEntryOffset;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(JournalFormat.SEGMENT_HEADER_BYTES);
            int firstLength = Integer.reverseBytes(file.readInt());
            secondEntryOffset = JournalFormat.SEGMENT_HEADER_BYTES + firstLength;
            long target = secondEntryOffset + JournalFormat.ENTRY_HEADER_BYTES + 3;
            file.seek(target);
            int original = file.read();
            file.seek(target);
            file.write(original ^ 0x01);
        }
        JournalVerifier.Report report = new JournalVerifier(config).verify(JournalVerifier.Progress.NONE);
        assertThat(report.ok()).isFalse();
        assertThat(report.file()).isEqualTo(segment);
        assertThat(report.offset()).isEqualTo(secondEntryOffset);
        assertThat(report.sequence()).isEqualTo(2);
        assertThat(report.problem()).contains("CRC");
    }

    private static List<UUID> openAccounts(LedgerEngine engine, int count) throws Exception {
        List<Account> accounts = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            accounts.add(Account.open(UUID.randomUUID(), USD, AccountType.ASSET, 1, 0));
        }
        assertThat(engine.createAccounts(accounts, TraceId.NONE).get().allOk()).isTrue();
        return accounts.stream().map(Account::id).toList();
    }

    private static void transfer(LedgerEngine engine, List<UUID> accounts, int count) throws Exception {
        List<Transfer> transfers = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            UUID debit = accounts.get(index % accounts.size());
            UUID credit = accounts.get((index + 1) % accounts.size());
            transfers.add(Transfer.of(UUID.randomUUID(), debit, credit, 100 + index, USD, 1));
        }
        assertThat(engine.createTransfers(transfers, TraceId.NONE).get().allOk()).isTrue();
    }
}
