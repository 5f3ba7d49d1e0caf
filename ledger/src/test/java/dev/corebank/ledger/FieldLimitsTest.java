package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fields that the journal cannot hold are caller errors, refused when the account or transfer is built; what it can
 * hold comes back unchanged after a restart.
 */
class FieldLimitsTest {
    @TempDir
    Path data;

    @Test
    void refusesALedgerNumberTheJournalCannotHold() {
        UUID id = TestLedger.id();
        for (int ledger : new int[] {-1, Ledgers.LEDGER_MAX + 1, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> Account.open(id, ledger, AccountType.ASSET, 1, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ledger=" + ledger);
            assertThatThrownBy(() -> TransferBuilder.single(id, id, 1).ledger(ledger).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ledger=" + ledger);
        }
    }

    @Test
    void refusesUnknownFlagsNegativeTimeoutsAndLongReferences() {
        UUID id = TestLedger.id();
        assertThatThrownBy(() -> Account.open(id, TestLedger.USD, AccountType.ASSET, 1, 1 << 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flags=32");
        assertThatThrownBy(() -> TransferBuilder.single(id, id, 1).flags(1 << 6).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flags=64");
        assertThatThrownBy(() -> TransferBuilder.single(id, id, 1).timeoutSeconds(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeoutSeconds=-1");
        assertThatThrownBy(() -> TransferBuilder.single(id, id, 1).reference("é".repeat(33)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes of UTF-8");
        assertThat(TransferBuilder.single(id, id, 1).reference("é".repeat(32)).build().reference()).hasSize(32);
    }

    @Test
    void keepsTheLargestLedgerCodeAndReferenceThroughARestart() {
        try (TestLedger ledger = TestLedger.open(data)) {
            UUID debit = ledger.account(Ledgers.LEDGER_MAX, AccountType.ASSET, 0);
            UUID credit = ledger.account(Ledgers.LEDGER_MAX, AccountType.ASSET, 0);
            Transfer transfer = TransferBuilder.single(debit, credit, 5).ledger(Ledgers.LEDGER_MAX)
                    .code(Integer.MIN_VALUE).reference("é".repeat(32)).build();
            assertThat(ledger.transfer(transfer)).isEqualTo(ResultCode.OK);
            String hash = ledger.stateHash();
            ledger.restartWithoutSnapshot();
            assertThat(ledger.stateHash()).isEqualTo(hash);
            assertThat(ledger.lookup(debit).ledger()).isEqualTo(Ledgers.LEDGER_MAX);
            assertThat(ledger.stored(transfer.id()).transfer().reference()).isEqualTo(transfer.reference());
            assertThat(ledger.stored(transfer.id()).transfer().code()).isEqualTo(Integer.MIN_VALUE);
        }
    }
}
