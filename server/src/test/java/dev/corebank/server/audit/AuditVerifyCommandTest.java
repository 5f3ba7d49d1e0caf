package dev.corebank.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corebank audit verify} on a real journal written by a real engine, before and after one byte is flipped. */
class AuditVerifyCommandTest {
    static final int SEGMENT_HEADER_BYTES = 64;
    static final int MMK = 104;

    @TempDir
    Path data;

    @AfterEach
    void clearDataDirectory() {
        System.clearProperty("corebank.data-directory");
    }

    @Test
    void passesAnIntactJournalAndFailsNamingFileOffsetAndSequenceAfterOneByteIsFlipped() throws Exception {
        writeJournal(5);
        System.setProperty("corebank.data-directory", data.toString());

        Run intact = verify();
        assertThat(intact.exitCode()).as(intact.out()).isZero();
        assertThat(intact.out()).contains("journal: ok entries=6 lastSequence=6").contains("VERDICT: OK");
        assertThat(intact.err()).contains("100%");

        Path segment = onlySegment();
        long secondEntry = SEGMENT_HEADER_BYTES + entryLength(segment, SEGMENT_HEADER_BYTES);
        long flipped = secondEntry + 90;
        flipByte(segment, flipped);

        Run broken = verify();
        assertThat(broken.exitCode()).as(broken.out()).isEqualTo(1);
        assertThat(broken.out()).contains("journal: BROKEN").contains("CRC")
                .contains("file=" + segment).contains("offset=" + secondEntry).contains("sequence=2")
                .contains("VERDICT: MISMATCH");
    }

    @Test
    void refusesAnUnknownSubcommand() {
        Run run = run("verfy");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(AuditCommand.USAGE);
    }

    private void writeJournal(int transfers) {
        UUID cash = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        try (LedgerEngine engine = LedgerEngine.open(LedgerConfig.defaults(data))) {
            engine.createAccounts(List.of(Account.open(cash, MMK, AccountType.ASSET, 1000, 0),
                    Account.open(customer, MMK, AccountType.LIABILITY, 2000, 0)), TraceId.NONE).join();
            for (int index = 0; index < transfers; index++) {
                engine.createTransfers(List.of(Transfer.of(UUID.randomUUID(), cash, customer, 100 + index, MMK, 1)),
                        TraceId.ofHex("0af7651916cd43dd8448eb211c80319c")).join();
            }
        }
    }

    private Path onlySegment() throws Exception {
        try (Stream<Path> files = Files.list(data.resolve("journal"))) {
            List<Path> segments = files.filter((path) -> path.toString().endsWith(".journal")).toList();
            assertThat(segments).hasSize(1);
            return segments.getFirst();
        }
    }

    private static int entryLength(Path segment, long offset) throws Exception {
        byte[] bytes = Files.readAllBytes(segment);
        return ByteBuffer.wrap(bytes, (int) offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static void flipByte(Path segment, long offset) throws Exception {
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) offset] ^= 0x01;
        Files.write(segment, bytes);
    }

    private Run verify() {
        return run("verify");
    }

    private static Run run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = AuditCommand.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int exitCode, String out, String err) {
    }
}
