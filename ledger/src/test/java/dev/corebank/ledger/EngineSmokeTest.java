package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSmokeTest {
    @TempDir
    Path data;

    @Test
    void appliesTransfersAndRebuildsTheSameStateAfterRestart() throws Exception {
        int usd = Ledgers.numericCode("USD");
        UUID cash = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        String hashBefore;
        try (LedgerEngine engine = LedgerEngine.open(LedgerConfig.defaults(data))) {
            BatchResult opened = engine.createAccounts(List.of(
                    Account.open(cash, usd, AccountType.ASSET, 1000, 0),
                    Account.open(customer, usd, AccountType.LIABILITY, 2000,
                            AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)), TraceId.NONE).get();
            assertThat(opened.codes()).containsOnly(ResultCode.OK);
            BatchResult moved = engine.createTransfers(List.of(
                    Transfer.of(UUID.randomUUID(), cash, customer, 500, usd, 1),
                    Transfer.of(UUID.randomUUID(), customer, cash, 600, usd, 2)), TraceId.NONE).get();
            assertThat(moved.codes()).containsExactly(ResultCode.OK, ResultCode.EXCEEDS_CREDITS);
            assertThat(engine.lookupAccounts(List.of(customer)).get().getFirst().balance()).isEqualTo(500);
            hashBefore = engine.stateHash().get();
            engine.closeWithoutSnapshot();
        }
        try (LedgerEngine engine = LedgerEngine.open(LedgerConfig.defaults(data))) {
            assertThat(engine.recovery().entriesReplayed()).isEqualTo(2);
            assertThat(engine.stateHash().get()).isEqualTo(hashBefore);
            try (JournalReader reader = engine.openReader()) {
                List<JournalEntry> entries = reader.read(1, 10);
                assertThat(entries).hasSize(2);
                assertThat(entries.get(1).events()).hasSize(2);
            }
        }
        try (LedgerEngine engine = LedgerEngine.open(LedgerConfig.defaults(data))) {
            assertThat(engine.recovery().snapshotSequence()).isEqualTo(2);
            assertThat(engine.stateHash().get()).isEqualTo(hashBefore);
        }
    }
}
