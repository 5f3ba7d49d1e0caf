package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BALANCING_DEBIT and BALANCING_CREDIT move at most what the balances allow, never more than asked. */
class BalancingTransferTest {
    @TempDir
    Path data;
    private TestLedger ledger;
    private UUID bank;
    private UUID customer;
    /** An asset that may hold at most what was debited to it: credits must not exceed debits. */
    private UUID loan;

    @BeforeEach
    void openLedger() {
        ledger = TestLedger.open(data);
        bank = ledger.unrestricted();
        customer = ledger.deposit();
        loan = ledger.account(TestLedger.USD, AccountType.ASSET, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS);
        ledger.fund(bank, customer, 70);
        ledger.fund(loan, bank, 40);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void balancingDebitMovesOnlyWhatTheDebitAccountHolds() {
        Transfer sweep = TransferBuilder.single(customer, bank, 100).flags(TransferFlags.BALANCING_DEBIT).build();
        assertThat(ledger.transfer(sweep)).isEqualTo(ResultCode.OK);
        TransferState stored = ledger.stored(sweep.id());
        assertThat(stored.transfer().amount()).isEqualTo(70);
        assertThat(stored.amountRequested()).isEqualTo(100);
        assertThat(ledger.lookup(customer).balance()).isZero();
    }

    @Test
    void balancingDebitMovesTheFullAmountWhenItFits() {
        Transfer sweep = TransferBuilder.single(customer, bank, 30).flags(TransferFlags.BALANCING_DEBIT).build();
        assertThat(ledger.transfer(sweep)).isEqualTo(ResultCode.OK);
        assertThat(ledger.stored(sweep.id()).transfer().amount()).isEqualTo(30);
    }

    @Test
    void balancingDebitLeavesRoomForHoldsAlreadyPlaced() {
        ledger.transfer(TransferBuilder.pending(customer, bank, 50).build());
        Transfer sweep = TransferBuilder.single(customer, bank, 100).flags(TransferFlags.BALANCING_DEBIT).build();
        assertThat(ledger.transfer(sweep)).isEqualTo(ResultCode.OK);
        assertThat(ledger.stored(sweep.id()).transfer().amount()).isEqualTo(20);
    }

    @Test
    void balancingDebitOfAnEmptyAccountExceedsCredits() {
        ledger.transfer(TransferBuilder.single(customer, bank, 70).build());
        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 1).flags(TransferFlags.BALANCING_DEBIT)
                .build())).isEqualTo(ResultCode.EXCEEDS_CREDITS);
    }

    @Test
    void balancingCreditMovesOnlyWhatTheCreditAccountCanTake() {
        Transfer repayment = TransferBuilder.single(bank, loan, 100).flags(TransferFlags.BALANCING_CREDIT).build();
        assertThat(ledger.transfer(repayment)).isEqualTo(ResultCode.OK);
        assertThat(ledger.stored(repayment.id()).transfer().amount()).isEqualTo(40);
        assertThat(ledger.lookup(loan).balance()).isZero();
        assertThat(ledger.transfer(TransferBuilder.single(bank, loan, 1).flags(TransferFlags.BALANCING_CREDIT)
                .build())).isEqualTo(ResultCode.EXCEEDS_DEBITS);
    }

    @Test
    void bothBalancingFlagsMoveTheSmallerOfTheTwoLimits() {
        Transfer both = TransferBuilder.single(customer, loan, 100)
                .flags(TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT).build();
        assertThat(ledger.transfer(both)).isEqualTo(ResultCode.OK);
        assertThat(ledger.stored(both.id()).transfer().amount()).isEqualTo(40);
    }

    @Test
    void bothBalancingFlagsReportTheSideThatHasNoRoom() {
        int both = TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT;
        ledger.transfer(TransferBuilder.single(bank, loan, 40).build());
        assertThat(ledger.transfer(TransferBuilder.single(customer, loan, 10).flags(both).build()))
                .as("the customer has 70, the loan has no room").isEqualTo(ResultCode.EXCEEDS_DEBITS);

        ledger.transfer(TransferBuilder.single(customer, bank, 70).build());
        assertThat(ledger.transfer(TransferBuilder.single(customer, loan, 10).flags(both).build()))
                .as("neither has room: the first rule in precedence order").isEqualTo(ResultCode.EXCEEDS_CREDITS);
    }

    @Test
    void balancingAHoldReservesOnlyWhatIsAvailable() {
        Transfer hold = TransferBuilder.pending(customer, bank, 500).flags(TransferFlags.PENDING
                | TransferFlags.BALANCING_DEBIT).build();
        assertThat(ledger.transfer(hold)).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).debitsPending()).isEqualTo(70);
        assertThat(ledger.transfer(TransferBuilder.post(hold.id(), 0).build())).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).balance()).isZero();
    }

    @Test
    void balancingAppliesToAnAccountWithoutBalanceRulesToo() {
        UUID plain = ledger.unrestricted();
        ledger.fund(bank, plain, 25);
        Transfer sweep = TransferBuilder.single(plain, bank, 100).flags(TransferFlags.BALANCING_DEBIT).build();
        assertThat(ledger.transfer(sweep)).isEqualTo(ResultCode.OK);
        assertThat(ledger.stored(sweep.id()).transfer().amount()).isEqualTo(25);
    }
}
