package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups return what was found in the order asked, and never anything for an id that was not stored. */
class LookupTest {
    @TempDir
    Path data;
    private TestLedger ledger;

    @BeforeEach
    void openLedger() {
        ledger = TestLedger.open(data);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void returnsFoundAccountsInTheOrderAskedAndLeavesOutTheMissing() {
        UUID first = ledger.unrestricted();
        UUID second = ledger.deposit();
        List<Account> found = TestLedger.await(ledger.engine().lookupAccounts(List.of(second, TestLedger.id(),
                first)));
        assertThat(found).extracting(Account::id).containsExactly(second, first);
        assertThat(found.getFirst().hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)).isTrue();
        assertThat(found.getFirst().timestamp()).isGreaterThan(found.get(1).timestamp());
    }

    @Test
    void findsNothingForTheZeroId() {
        UUID first = ledger.unrestricted();
        ledger.fund(first, ledger.unrestricted(), 5);
        assertThat(TestLedger.await(ledger.engine().lookupAccounts(List.of(Ids.ZERO)))).isEmpty();
        assertThat(TestLedger.await(ledger.engine().lookupTransfers(List.of(Ids.ZERO)))).isEmpty();
    }

    @Test
    void returnsTransfersAsAppliedWithTheAmountAskedFor() {
        UUID bank = ledger.unrestricted();
        UUID customer = ledger.deposit();
        Transfer transfer = TransferBuilder.single(bank, customer, 70).code(9).reference("rent march").build();
        long timestamp = ledger.submit(transfer).timestamp(0);
        TransferState stored = ledger.stored(transfer.id());
        assertThat(stored.transfer()).isEqualTo(new Transfer(transfer.id(), bank, customer, 70, TestLedger.USD, 9,
                0, Ids.ZERO, 0, "rent march", timestamp));
        assertThat(stored.amountRequested()).isEqualTo(70);
        assertThat(stored.pendingStatus()).isEqualTo(PendingStatus.NONE);
    }

    @Test
    void refusesABatchLargerThanTheLimitWithoutApplyingAnything() {
        List<UUID> ids = new ArrayList<>(Collections.nCopies(LedgerConfig.BATCH_SIZE_MAX_DEFAULT + 1,
                TestLedger.id()));
        assertThatThrownBy(() -> ledger.engine().lookupAccounts(ids)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSizeMax=" + LedgerConfig.BATCH_SIZE_MAX_DEFAULT);
    }
}
