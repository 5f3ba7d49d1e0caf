package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal of entry format 2 (written before business dates) is still read, replayed and verified, and is extended
 * with format 3 entries that carry value dates. The format 2 journal is made by rewriting a fresh journal's entries as
 * format 2 (version field 2, bytes [84, 88) zero) and sealing them again: header CRC, chain hash and entry CRC.
 */
class JournalFormat2Test {
    @TempDir
    Path data;

    @Test
    void startsVerifiesAndExtendsAJournalOfFormat2() throws Exception {
        LedgerConfig config = TestLedger.config(data, new ManualClock());
        String hash;
        UUID bank;
        UUID customer;
        try (TestLedger ledger = TestLedger.open(config, new ManualClock())) {
            bank = ledger.unrestricted();
            customer = ledger.deposit();
            ledger.fund(bank, customer, 700);
            ledger.transfer(TransferBuilder.single(customer, bank, 800).build());
            hash = ledger.stateHash();
            ledger.stopWithoutSnapshot();
        }
        rewriteAsFormat2(config);
        assertThat(new JournalVerifier(config).verify(JournalVerifier.Progress.NONE).ok()).isTrue();

        try (TestLedger ledger = TestLedger.open(config, new ManualClock())) {
            assertThat(ledger.stateHash()).isEqualTo(hash);
            assertThat(ledger.journal()).allSatisfy(entry -> {
                assertThat(entry.version()).isEqualTo(2);
                assertThat(entry.valueDate()).isNull();
            });
            LocalDate day = LocalDate.of(2028, 1, 3);
            ledger.moveBusinessDate(day, null);
            UUID later = ledger.fund(bank, customer, 5);
            assertThat(ledger.stored(later).valueDate()).isEqualTo(day);
            assertThat(ledger.journal().getLast().version()).isEqualTo(3);
            ledger.stopWithoutSnapshot();
        }
        JournalVerifier.Report extended = new JournalVerifier(config).verify(JournalVerifier.Progress.NONE);
        assertThat(extended.ok()).as(extended.problem()).isTrue();
    }

    private static void rewriteAsFormat2(LedgerConfig config) throws Exception {
        List<JournalFiles.Location> entries = JournalFiles.entries(config);
        byte[] previous = new byte[JournalFormat.HASH_BYTES];
        CRC32C crc = new CRC32C();
        for (JournalFiles.Location entry : entries) {
            byte[] bytes = JournalFiles.read(entry.segment());
            int start = (int) entry.offset();
            assertThat(Bytes.getInt(bytes, start + JournalFormat.ENTRY_OFFSET_VALUE_DAY)).isZero();
            Bytes.putShort(bytes, start + JournalFormat.ENTRY_OFFSET_VERSION, JournalFormat.ENTRY_VERSION_V2);
            Bytes.putInt(bytes, start + JournalFormat.ENTRY_OFFSET_HEADER_CRC,
                    JournalFormat.headerCrc(bytes, start, crc));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous);
            sha256.update(bytes, start + JournalFormat.ENTRY_HASHED_FROM,
                    entry.length() - JournalFormat.ENTRY_HASHED_FROM);
            byte[] chain = sha256.digest();
            System.arraycopy(chain, 0, bytes, start + JournalFormat.ENTRY_OFFSET_HASH, JournalFormat.HASH_BYTES);
            crc.reset();
            crc.update(bytes, start + JournalFormat.ENTRY_CRC_FROM, entry.length() - JournalFormat.ENTRY_CRC_FROM);
            Bytes.putInt(bytes, start + JournalFormat.ENTRY_OFFSET_CRC, (int) crc.getValue());
            JournalFiles.write(entry.segment(), bytes);
            previous = Arrays.copyOf(chain, chain.length);
        }
    }
}
