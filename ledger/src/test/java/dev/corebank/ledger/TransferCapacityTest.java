package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the engine holds all the transfers its id index may hold, a new transfer is a business rejection,
 * capacity_exceeded, journaled like any other; the engine keeps running and answering everything else.
 */
class TransferCapacityTest {
    private static final int TRANSFERS_MAX = 3;

    @TempDir
    Path data;

    private TestLedger open() {
        ManualClock clock = new ManualClock();
        return TestLedger.open(TestLedger.config(data, clock).withLimits(10, TRANSFERS_MAX), clock);
    }

    @Test
    void rejectsTheTransferAfterTheLastIdWithCapacityExceededAndKeepsAnswering() {
        try (TestLedger ledger = open()) {
            UUID debit = ledger.unrestricted();
            UUID credit = ledger.unrestricted();
            Transfer first = TransferBuilder.single(debit, credit, 1).build();
            UUID hold = UUID.randomUUID();
            assertThat(ledger.transfers(first, TransferBuilder.single(debit, credit, 2).build(),
                    TransferBuilder.pending(debit, credit, 5).id(hold).build()))
                    .containsOnly(ResultCode.OK);

            Transfer beyond = TransferBuilder.single(debit, credit, 3).build();
            assertThat(ledger.transfer(beyond)).isEqualTo(ResultCode.CAPACITY_EXCEEDED);
            assertThat(ledger.transfer(TransferBuilder.post(hold, 0).build())).isEqualTo(ResultCode.CAPACITY_EXCEEDED);
            assertThat(ledger.transfer(TransferBuilder.voidPending(hold).build()))
                    .isEqualTo(ResultCode.CAPACITY_EXCEEDED);

            assertThat(ledger.events().getLast()).isInstanceOfSatisfying(LedgerEvent.TransferRejected.class,
                    rejected -> assertThat(rejected.result()).isEqualTo(ResultCode.CAPACITY_EXCEEDED));
            assertThat(ledger.engine().running()).isTrue();
            assertThat(ledger.transfer(first)).as("an idempotent repeat still answers").isEqualTo(ResultCode.EXISTS);
            assertThat(ledger.lookupTransfer(first.id())).isPresent();
            assertThat(ledger.lookupTransfer(beyond.id())).isEmpty();
            UUID opened = UUID.randomUUID();
            assertThat(ledger.createAccount(Account.open(opened, TestLedger.USD, AccountType.ASSET, 1, 0)))
                    .isEqualTo(ResultCode.OK);
            assertThat(ledger.change(opened, AccountOperation.FREEZE)).isEqualTo(ResultCode.OK);
            String hash = ledger.stateHash();

            ledger.restartWithoutSnapshot();

            assertThat(ledger.stateHash()).isEqualTo(hash);
            assertThat(ledger.transfer(TransferBuilder.single(credit, debit, 3).build()))
                    .isEqualTo(ResultCode.CAPACITY_EXCEEDED);
        }
    }

    @Test
    void failsALinkedChainThatRunsOutOfIdsAsAWholeAndFreesWhatItTook() {
        try (TestLedger ledger = open()) {
            UUID debit = ledger.unrestricted();
            UUID credit = ledger.unrestricted();
            assertThat(ledger.transfer(TransferBuilder.single(debit, credit, 1).build())).isEqualTo(ResultCode.OK);

            assertThat(ledger.transfers(TransferBuilder.single(debit, credit, 1).linked().build(),
                    TransferBuilder.single(debit, credit, 1).linked().build(),
                    TransferBuilder.single(debit, credit, 1).build()))
                    .containsExactly(ResultCode.LINKED_EVENT_FAILED, ResultCode.LINKED_EVENT_FAILED,
                            ResultCode.CAPACITY_EXCEEDED);

            assertThat(ledger.transfers(TransferBuilder.single(debit, credit, 1).linked().build(),
                    TransferBuilder.single(debit, credit, 1).build()))
                    .as("the undone chain left its ids free")
                    .containsExactly(ResultCode.OK, ResultCode.OK);
            assertThat(ledger.engine().running()).isTrue();
        }
    }

    @Test
    void refusesLimitsBeyondWhatTheIdIndexCanHold() {
        LedgerConfig defaults = LedgerConfig.defaults(data);
        defaults.withLimits(LedgerConfig.IDS_MAX, LedgerConfig.IDS_MAX).validate();
        assertThatThrownBy(() -> defaults.withLimits(10, LedgerConfig.IDS_MAX + 1).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transfersMax=" + (LedgerConfig.IDS_MAX + 1));
        assertThatThrownBy(() -> defaults.withLimits(LedgerConfig.IDS_MAX + 1, 10).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accountsMax=" + (LedgerConfig.IDS_MAX + 1));
        assertThatThrownBy(() -> new IdIndex(16, IdIndex.SIZE_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sizeLimit=");
    }
}
