package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holds (PENDING transfers) and what resolves them: a post, a void, or the timeout measured by the engine clock. */
class TwoPhaseTransferTest {
    @TempDir
    Path data;
    private TestLedger ledger;
    private UUID customer;
    private UUID merchant;

    @BeforeEach
    void openLedgerWithAFundedCustomer() {
        ledger = TestLedger.open(data);
        customer = ledger.deposit();
        merchant = ledger.deposit();
        ledger.fund(ledger.unrestricted(), customer, 1_000);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void holdsTheAmountInPendingBalancesWithoutPostingIt() {
        hold(300, 0);
        Account held = ledger.lookup(customer);
        assertThat(held.debitsPending()).isEqualTo(300);
        assertThat(held.debitsPosted()).isZero();
        assertThat(held.availableBalance()).isEqualTo(700);
        assertThat(ledger.lookup(merchant).creditsPending()).isEqualTo(300);
    }

    @Test
    void postsTheWholeHoldWhenThePostAmountIsZero() {
        UUID hold = hold(300, 0);
        Transfer post = TransferBuilder.post(hold, 0).build();
        assertThat(ledger.transfer(post)).isEqualTo(ResultCode.OK);

        assertThat(ledger.lookup(customer)).extracting(Account::debitsPending, Account::debitsPosted)
                .containsExactly(0L, 300L);
        assertThat(ledger.lookup(merchant)).extracting(Account::creditsPending, Account::creditsPosted)
                .containsExactly(0L, 300L);
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.POSTED);
        TransferState posted = ledger.stored(post.id());
        assertThat(posted.transfer().amount()).isEqualTo(300);
        assertThat(posted.transfer().debitAccountId()).isEqualTo(customer);
        assertThat(posted.transfer().creditAccountId()).isEqualTo(merchant);
        assertThat(posted.transfer().ledger()).isEqualTo(TestLedger.USD);
    }

    @Test
    void postsPartOfTheHoldAndReleasesTheRemainder() {
        UUID hold = hold(300, 0);
        assertThat(ledger.transfer(TransferBuilder.post(hold, 120).build())).isEqualTo(ResultCode.OK);

        Account after = ledger.lookup(customer);
        assertThat(after.debitsPending()).isZero();
        assertThat(after.debitsPosted()).isEqualTo(120);
        assertThat(after.balance()).isEqualTo(880);
        assertThat(ledger.lookup(merchant).creditsPosted()).isEqualTo(120);
    }

    @Test
    void postsWithTheAccountsAndLedgerOfTheHoldSpelledOut() {
        UUID hold = hold(300, 0);
        Transfer post = TransferBuilder.post(hold, 300).accounts(customer, merchant).ledger(TestLedger.USD).build();
        assertThat(ledger.transfer(post)).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(merchant).creditsPosted()).isEqualTo(300);
    }

    @Test
    void voidsTheHoldAndReleasesAllOfIt() {
        UUID hold = hold(300, 0);
        assertThat(ledger.transfer(TransferBuilder.voidPending(hold).build())).isEqualTo(ResultCode.OK);

        assertThat(ledger.lookup(customer)).extracting(Account::debitsPending, Account::debitsPosted)
                .containsExactly(0L, 0L);
        assertThat(ledger.lookup(merchant).creditsPending()).isZero();
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.VOIDED);
    }

    @Test
    void refusesToPostAHoldTwice() {
        UUID hold = hold(300, 0);
        ledger.transfer(TransferBuilder.post(hold, 100).build());
        assertThat(ledger.transfer(TransferBuilder.post(hold, 100).build()))
                .isEqualTo(ResultCode.PENDING_TRANSFER_ALREADY_POSTED);
        assertThat(ledger.transfer(TransferBuilder.voidPending(hold).build()))
                .isEqualTo(ResultCode.PENDING_TRANSFER_ALREADY_POSTED);
        assertThat(ledger.lookup(customer).debitsPosted()).isEqualTo(100);
    }

    @Test
    void refusesToPostAVoidedHold() {
        UUID hold = hold(300, 0);
        ledger.transfer(TransferBuilder.voidPending(hold).build());
        assertThat(ledger.transfer(TransferBuilder.post(hold, 0).build()))
                .isEqualTo(ResultCode.PENDING_TRANSFER_ALREADY_VOIDED);
        assertThat(ledger.lookup(customer).debitsPosted()).isZero();
    }

    @Test
    void refusesToPostMoreThanTheHold() {
        UUID hold = hold(300, 0);
        assertThat(ledger.transfer(TransferBuilder.post(hold, 301).build()))
                .isEqualTo(ResultCode.EXCEEDS_PENDING_TRANSFER_AMOUNT);
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.PENDING);
    }

    @Test
    void refusesAHoldThatTheCustomerCannotCover() {
        hold(800, 0);
        assertThat(ledger.transfer(TransferBuilder.pending(customer, merchant, 201).build()))
                .isEqualTo(ResultCode.EXCEEDS_CREDITS);
        assertThat(ledger.transfer(TransferBuilder.single(customer, merchant, 201).build()))
                .isEqualTo(ResultCode.EXCEEDS_CREDITS);
    }

    @Test
    void expiresAHoldWhenTheClockReachesItsTimestampPlusTimeout() {
        Transfer transfer = TransferBuilder.pending(customer, merchant, 300).timeoutSeconds(10).build();
        long heldAt = ledger.submit(transfer).timestamp(0);
        UUID hold = transfer.id();
        long expiresAt = heldAt + 10 * LedgerState.NANOS_PER_SECOND;

        ledger.clock.set(expiresAt - 1);
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.PENDING);
        assertThat(ledger.lookup(customer).debitsPending()).isEqualTo(300);

        ledger.clock.set(expiresAt);
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.EXPIRED);
        assertThat(ledger.lookup(customer).debitsPending()).isZero();
        assertThat(ledger.lookup(merchant).creditsPending()).isZero();
        assertThat(ledger.events()).filteredOn(LedgerEvent.PendingExpired.class::isInstance)
                .singleElement()
                .extracting(event -> ((LedgerEvent.PendingExpired) event).pendingId()).isEqualTo(hold);
    }

    @Test
    void refusesToPostOrVoidAHoldAfterItExpired() {
        UUID hold = hold(300, 5);
        ledger.clock.advanceSeconds(6);
        assertThat(ledger.transfer(TransferBuilder.post(hold, 0).build()))
                .isEqualTo(ResultCode.PENDING_TRANSFER_EXPIRED);
        assertThat(ledger.transfer(TransferBuilder.voidPending(hold).build()))
                .isEqualTo(ResultCode.PENDING_TRANSFER_EXPIRED);
        assertThat(ledger.lookup(customer).debitsPosted()).isZero();
    }

    @Test
    void postsAHoldJustBeforeItsTimeout() {
        UUID hold = hold(300, 5);
        ledger.clock.advanceNanos(5 * LedgerState.NANOS_PER_SECOND - 1_000_000);
        assertThat(ledger.transfer(TransferBuilder.post(hold, 0).build())).isEqualTo(ResultCode.OK);
        ledger.clock.advanceSeconds(10);
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.POSTED);
        assertThat(ledger.lookup(customer).debitsPosted()).isEqualTo(300);
    }

    @Test
    void aHoldWithoutTimeoutNeverExpires() {
        UUID hold = hold(300, 0);
        ledger.clock.advanceSeconds(10L * 365 * 24 * 3600);
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.PENDING);
        assertThat(ledger.transfer(TransferBuilder.post(hold, 0).build())).isEqualTo(ResultCode.OK);
    }

    @Test
    void replaysExpiryFromTheJournalWhateverTheClockSaysAfterRestart() {
        UUID expired = hold(300, 5);
        UUID stillPending = hold(200, 3_600);
        ledger.clock.advanceSeconds(6);
        assertThat(ledger.stored(expired).pendingStatus()).isEqualTo(PendingStatus.EXPIRED);
        String hashBefore = ledger.stateHash();

        // The clock goes back before the timeout: replay must not depend on it, since the expiry is journaled.
        ledger.clock.set(ManualClock.START_NANOS);
        ledger.restartWithoutSnapshot();
        assertThat(ledger.stateHash()).isEqualTo(hashBefore);
        assertThat(ledger.stored(expired).pendingStatus()).isEqualTo(PendingStatus.EXPIRED);
        assertThat(ledger.stored(stillPending).pendingStatus()).isEqualTo(PendingStatus.PENDING);

        ledger.restart();
        assertThat(ledger.stateHash()).isEqualTo(hashBefore);
    }

    @Test
    void expiresAfterRestartAHoldThatCameDueWhileTheEngineWasStopped() {
        UUID hold = hold(300, 60);
        ledger.stopWithoutSnapshot();
        ledger.clock.advanceSeconds(61);
        ledger = TestLedger.open(ledger.config, ledger.clock);
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.EXPIRED);
        assertThat(ledger.lookup(customer).debitsPending()).isZero();

        ledger.clock.set(ManualClock.START_NANOS);
        ledger.restartWithoutSnapshot();
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.EXPIRED);
    }

    @Test
    void expiresAHoldOnAFrozenAccount() {
        UUID hold = hold(300, 5);
        ledger.change(customer, AccountOperation.FREEZE);
        ledger.clock.advanceSeconds(6);
        assertThat(ledger.stored(hold).pendingStatus()).isEqualTo(PendingStatus.EXPIRED);
        assertThat(ledger.lookup(customer).debitsPending()).isZero();
    }

    @Test
    void journalsEachStepOfTheHoldAsItsOwnEvent() {
        UUID posted = hold(100, 0);
        UUID voided = hold(100, 0);
        ledger.transfer(TransferBuilder.post(posted, 60).build());
        ledger.transfer(TransferBuilder.voidPending(voided).build());

        List<LedgerEvent> events = ledger.events();
        assertThat(events).filteredOn(LedgerEvent.TransferPending.class::isInstance).hasSize(2);
        assertThat(events).filteredOn(LedgerEvent.PendingPosted.class::isInstance).singleElement()
                .extracting(event -> ((LedgerEvent.PendingPosted) event).transfer().amount()).isEqualTo(60L);
        assertThat(events).filteredOn(LedgerEvent.PendingVoided.class::isInstance).singleElement()
                .extracting(event -> ((LedgerEvent.PendingVoided) event).transfer().pendingId()).isEqualTo(voided);
    }

    private UUID hold(long amount, int timeoutSeconds) {
        Transfer hold = TransferBuilder.pending(customer, merchant, amount).timeoutSeconds(timeoutSeconds).build();
        assertThat(ledger.transfer(hold)).isEqualTo(ResultCode.OK);
        return hold.id();
    }
}
