package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freezing, unfreezing and closing accounts, and what each state lets a transfer do. */
class AccountLifecycleTest {
    @TempDir
    Path data;
    private TestLedger ledger;
    private UUID bank;
    private UUID customer;

    @BeforeEach
    void openLedger() {
        ledger = TestLedger.open(data);
        bank = ledger.unrestricted();
        customer = ledger.deposit();
        ledger.fund(bank, customer, 100);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void rejectsTransferWhenDebitAccountIsFrozen() {
        assertThat(ledger.change(customer, AccountOperation.FREEZE)).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).hasFlag(AccountFlags.FROZEN)).isTrue();
        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 10).build()))
                .isEqualTo(ResultCode.ACCOUNT_FROZEN);
        assertThat(ledger.transfer(TransferBuilder.pending(customer, bank, 10).build()))
                .isEqualTo(ResultCode.ACCOUNT_FROZEN);
    }

    @Test
    void rejectsTransferWhenCreditAccountIsFrozen() {
        ledger.change(customer, AccountOperation.FREEZE);
        assertThat(ledger.transfer(TransferBuilder.single(bank, customer, 10).build()))
                .isEqualTo(ResultCode.ACCOUNT_FROZEN);
        assertThat(ledger.lookup(customer).balance()).isEqualTo(100);
    }

    @Test
    void acceptsTransfersAgainAfterUnfreezing() {
        ledger.change(customer, AccountOperation.FREEZE);
        assertThat(ledger.change(customer, AccountOperation.UNFREEZE)).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).hasFlag(AccountFlags.FROZEN)).isFalse();
        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 10).build())).isEqualTo(ResultCode.OK);
    }

    @Test
    void freezingAFrozenAccountIsAnIdempotentRepeatThatIsNotJournaled() {
        ledger.change(customer, AccountOperation.FREEZE);
        long position = ledger.committedPosition();
        assertThat(ledger.change(customer, AccountOperation.FREEZE)).isEqualTo(ResultCode.OK);
        assertThat(ledger.change(bank, AccountOperation.UNFREEZE)).isEqualTo(ResultCode.OK);
        assertThat(ledger.committedPosition()).isEqualTo(position);
    }

    @Test
    void refusesToPostAHoldOnAFrozenAccountButStillVoidsIt() {
        Transfer hold = TransferBuilder.pending(customer, bank, 60).build();
        ledger.transfer(hold);
        ledger.change(customer, AccountOperation.FREEZE);

        assertThat(ledger.transfer(TransferBuilder.post(hold.id(), 0).build())).isEqualTo(ResultCode.ACCOUNT_FROZEN);
        assertThat(ledger.stored(hold.id()).pendingStatus()).isEqualTo(PendingStatus.PENDING);
        assertThat(ledger.transfer(TransferBuilder.voidPending(hold.id()).build())).isEqualTo(ResultCode.OK);
        Account released = ledger.lookup(customer);
        assertThat(released.debitsPending()).isZero();
        assertThat(released.balance()).isEqualTo(100);
    }

    @Test
    void refusesToPostAHoldWhoseCreditAccountIsFrozen() {
        Transfer hold = TransferBuilder.pending(customer, bank, 60).build();
        ledger.transfer(hold);
        ledger.change(bank, AccountOperation.FREEZE);
        assertThat(ledger.transfer(TransferBuilder.post(hold.id(), 0).build())).isEqualTo(ResultCode.ACCOUNT_FROZEN);
    }

    @Test
    void closesAnAccountOnlyAtZeroBalance() {
        assertThat(ledger.change(customer, AccountOperation.CLOSE)).isEqualTo(ResultCode.ACCOUNT_BALANCE_NOT_ZERO);
        ledger.transfer(TransferBuilder.single(customer, bank, 100).build());
        assertThat(ledger.change(customer, AccountOperation.CLOSE)).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).hasFlag(AccountFlags.CLOSED)).isTrue();
    }

    @Test
    void closesAnAccountOnlyWithoutHolds() {
        ledger.transfer(TransferBuilder.single(customer, bank, 100).build());
        UUID payee = ledger.unrestricted();
        Transfer incoming = TransferBuilder.pending(bank, payee, 10).build();
        ledger.transfer(incoming);
        assertThat(ledger.change(payee, AccountOperation.CLOSE)).isEqualTo(ResultCode.ACCOUNT_HAS_PENDING_TRANSFERS);
        ledger.transfer(TransferBuilder.voidPending(incoming.id()).build());
        assertThat(ledger.change(payee, AccountOperation.CLOSE)).isEqualTo(ResultCode.OK);
    }

    @Test
    void closesAnAccountWhoseHoldHasExpired() {
        UUID payee = ledger.unrestricted();
        ledger.transfer(TransferBuilder.pending(bank, payee, 10).timeoutSeconds(30).build());
        ledger.clock.advanceSeconds(31);
        assertThat(ledger.change(payee, AccountOperation.CLOSE)).isEqualTo(ResultCode.OK);
    }

    @Test
    void reportsANonZeroBalanceBeforeHoldsWhenBothStandInTheWay() {
        ledger.transfer(TransferBuilder.pending(customer, bank, 10).build());
        assertThat(ledger.change(customer, AccountOperation.CLOSE)).isEqualTo(ResultCode.ACCOUNT_BALANCE_NOT_ZERO);
    }

    @Test
    void closesAFrozenAccountAtZeroBalance() {
        UUID dormant = ledger.unrestricted();
        ledger.change(dormant, AccountOperation.FREEZE);
        assertThat(ledger.change(dormant, AccountOperation.CLOSE)).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(dormant).flags()).isEqualTo(AccountFlags.FROZEN | AccountFlags.CLOSED);
    }

    @Test
    void closesAnAccountWhoseDebitsAndCreditsAreEqualButNotZero() {
        UUID settled = ledger.unrestricted();
        ledger.fund(bank, settled, 30);
        ledger.fund(settled, bank, 30);
        assertThat(ledger.change(settled, AccountOperation.CLOSE)).isEqualTo(ResultCode.OK);
    }

    @Test
    void aClosedAccountIsFinal() {
        UUID closed = ledger.unrestricted();
        ledger.change(closed, AccountOperation.CLOSE);
        assertThat(ledger.change(closed, AccountOperation.FREEZE)).isEqualTo(ResultCode.ACCOUNT_CLOSED);
        assertThat(ledger.change(closed, AccountOperation.UNFREEZE)).isEqualTo(ResultCode.ACCOUNT_CLOSED);
        assertThat(ledger.change(closed, AccountOperation.CLOSE)).isEqualTo(ResultCode.ACCOUNT_CLOSED);
        assertThat(ledger.transfer(TransferBuilder.single(bank, closed, 1).build()))
                .isEqualTo(ResultCode.ACCOUNT_CLOSED);
        assertThat(ledger.transfer(TransferBuilder.single(closed, bank, 1).build()))
                .isEqualTo(ResultCode.ACCOUNT_CLOSED);
    }

    @Test
    void reportsClosedBeforeFrozen() {
        UUID closed = ledger.unrestricted();
        ledger.change(closed, AccountOperation.FREEZE);
        ledger.change(closed, AccountOperation.CLOSE);
        assertThat(ledger.transfer(TransferBuilder.single(bank, closed, 1).build()))
                .isEqualTo(ResultCode.ACCOUNT_CLOSED);
    }

    @Test
    void journalsChangesAndRefusalsAndReplaysThem() {
        ledger.change(customer, AccountOperation.FREEZE);
        ledger.change(customer, AccountOperation.CLOSE);
        ledger.change(TestLedger.id(), AccountOperation.FREEZE);
        assertThat(ledger.events()).filteredOn(LedgerEvent.AccountFlagsChanged.class::isInstance).singleElement()
                .extracting(event -> ((LedgerEvent.AccountFlagsChanged) event).flags())
                .isEqualTo(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.FROZEN);
        assertThat(ledger.events()).filteredOn(LedgerEvent.AccountChangeRejected.class::isInstance)
                .extracting(event -> ((LedgerEvent.AccountChangeRejected) event).result())
                .containsExactly(ResultCode.ACCOUNT_BALANCE_NOT_ZERO, ResultCode.ACCOUNT_NOT_FOUND);
        String hash = ledger.stateHash();
        ledger.restartWithoutSnapshot();
        assertThat(ledger.stateHash()).isEqualTo(hash);
        assertThat(ledger.lookup(customer).hasFlag(AccountFlags.FROZEN)).isTrue();
    }
}
