package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LINKED chains succeed or fail as a whole; a failure inside one leaves no trace in the balances. */
class LinkedChainTest {
    @TempDir
    Path data;
    private TestLedger ledger;
    private UUID bank;
    private UUID alice;
    private UUID bob;

    @BeforeEach
    void openLedger() {
        ledger = TestLedger.open(data);
        bank = ledger.unrestricted();
        alice = ledger.deposit();
        bob = ledger.deposit();
        ledger.fund(bank, alice, 100);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void appliesAChainWhoseItemsAllSucceed() {
        Transfer first = TransferBuilder.single(alice, bob, 60).linked().build();
        Transfer second = TransferBuilder.single(bob, bank, 60).build();
        assertThat(ledger.transfers(first, second)).containsExactly(ResultCode.OK, ResultCode.OK);
        assertThat(ledger.lookup(alice).balance()).isEqualTo(40);
        assertThat(ledger.lookup(bob).balance()).isZero();
    }

    @Test
    void undoesEarlierItemsOfTheChainWhenALaterOneFails() {
        String hashBefore = ledger.stateHash();
        Transfer first = TransferBuilder.single(alice, bob, 60).linked().build();
        Transfer second = TransferBuilder.single(bank, bob, 5).linked().build();
        Transfer failing = TransferBuilder.single(alice, bob, 41).build();

        assertThat(ledger.transfers(first, second, failing))
                .containsExactly(ResultCode.LINKED_EVENT_FAILED, ResultCode.LINKED_EVENT_FAILED,
                        ResultCode.EXCEEDS_CREDITS);
        assertThat(ledger.lookup(alice).balance()).isEqualTo(100);
        assertThat(ledger.lookup(bob).balance()).isZero();
        assertThat(ledger.lookupTransfer(first.id())).isEmpty();
        assertThat(ledger.lookupTransfer(second.id())).isEmpty();
        assertThat(ledger.stateHash()).isEqualTo(hashBefore);
    }

    @Test
    void reportsLinkedEventFailedForItemsAfterTheFailureToo() {
        Transfer failing = TransferBuilder.single(alice, bob, 101).linked().build();
        Transfer after = TransferBuilder.single(bank, bob, 5).build();
        assertThat(ledger.transfers(failing, after))
                .containsExactly(ResultCode.EXCEEDS_CREDITS, ResultCode.LINKED_EVENT_FAILED);
        assertThat(ledger.lookupTransfer(after.id())).isEmpty();
    }

    @Test
    void leavesItemsOutsideTheFailedChainAlone() {
        Transfer before = TransferBuilder.single(bank, bob, 7).build();
        Transfer chained = TransferBuilder.single(bank, alice, 1).linked().build();
        Transfer failing = TransferBuilder.single(bob, alice, 1_000).build();
        Transfer after = TransferBuilder.single(bank, bob, 3).build();
        assertThat(ledger.transfers(before, chained, failing, after)).containsExactly(ResultCode.OK,
                ResultCode.LINKED_EVENT_FAILED, ResultCode.EXCEEDS_CREDITS, ResultCode.OK);
        assertThat(ledger.lookup(bob).balance()).isEqualTo(10);
        assertThat(ledger.lookup(alice).balance()).isEqualTo(100);
    }

    @Test
    void failsAChainWhoseItemsTogetherOverdrawAnAccount() {
        Transfer first = TransferBuilder.single(alice, bob, 60).linked().build();
        Transfer second = TransferBuilder.single(alice, bob, 60).build();
        assertThat(ledger.transfers(first, second))
                .containsExactly(ResultCode.LINKED_EVENT_FAILED, ResultCode.EXCEEDS_CREDITS);
        assertThat(ledger.lookup(alice).balance()).isEqualTo(100);
    }

    @Test
    void refusesAChainLeftOpenAtTheEndOfTheBatch() {
        Transfer independent = TransferBuilder.single(bank, bob, 5).build();
        Transfer first = TransferBuilder.single(alice, bob, 10).linked().build();
        Transfer last = TransferBuilder.single(alice, bob, 10).linked().build();
        assertThat(ledger.transfers(independent, first, last)).containsExactly(ResultCode.OK,
                ResultCode.LINKED_EVENT_FAILED, ResultCode.LINKED_EVENT_CHAIN_OPEN);
        assertThat(ledger.lookup(alice).balance()).isEqualTo(100);
        assertThat(ledger.lookup(bob).balance()).isEqualTo(5);
    }

    @Test
    void restoresAHoldThatAFailedChainHadPosted() {
        Transfer hold = TransferBuilder.pending(alice, bob, 50).build();
        ledger.transfer(hold);
        Transfer post = TransferBuilder.post(hold.id(), 0).linked().build();
        Transfer failing = TransferBuilder.single(alice, bob, 51).build();

        assertThat(ledger.transfers(post, failing))
                .containsExactly(ResultCode.LINKED_EVENT_FAILED, ResultCode.EXCEEDS_CREDITS);
        assertThat(ledger.stored(hold.id()).pendingStatus()).isEqualTo(PendingStatus.PENDING);
        assertThat(ledger.lookup(alice)).extracting(Account::debitsPending, Account::debitsPosted)
                .containsExactly(50L, 0L);
        assertThat(ledger.transfer(TransferBuilder.post(hold.id(), 0).build())).isEqualTo(ResultCode.OK);
    }

    @Test
    void undoesAHoldCreatedAndPostedInsideAFailedChain() {
        Transfer hold = TransferBuilder.pending(alice, bob, 50).timeoutSeconds(5).linked().build();
        Transfer post = TransferBuilder.post(hold.id(), 20).linked().build();
        Transfer failing = TransferBuilder.single(bob, alice, 1_000).build();
        assertThat(ledger.transfers(hold, post, failing)).containsExactly(ResultCode.LINKED_EVENT_FAILED,
                ResultCode.LINKED_EVENT_FAILED, ResultCode.EXCEEDS_CREDITS);
        assertThat(ledger.lookupTransfer(hold.id())).isEmpty();
        ledger.clock.advanceSeconds(6);
        Account untouched = ledger.lookup(alice);
        assertThat(untouched.debitsPending()).isZero();
        assertThat(untouched.balance()).isEqualTo(100);
    }

    @Test
    void journalsEveryItemOfAFailedChainAsRejectedAndReplaysToTheSameState() {
        long positionBefore = ledger.committedPosition();
        Transfer first = TransferBuilder.single(alice, bob, 60).linked().build();
        Transfer failing = TransferBuilder.single(alice, bob, 41).build();
        ledger.transfers(first, failing);

        List<LedgerEvent> events = ledger.journal().stream().filter(entry -> entry.sequence() > positionBefore)
                .flatMap(entry -> entry.events().stream()).toList();
        assertThat(events).hasSize(2).allMatch(LedgerEvent.TransferRejected.class::isInstance);
        assertThat(events).extracting(event -> ((LedgerEvent.TransferRejected) event).result())
                .containsExactly(ResultCode.LINKED_EVENT_FAILED, ResultCode.EXCEEDS_CREDITS);
        String hash = ledger.stateHash();
        ledger.restartWithoutSnapshot();
        assertThat(ledger.stateHash()).isEqualTo(hash);
    }
}
