package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Balances live in longs; at Long.MAX_VALUE the engine refuses with OVERFLOW and never wraps. */
class OverflowTest {
    private static final long MAX = Long.MAX_VALUE;

    @TempDir
    Path data;
    private TestLedger ledger;
    private UUID first;
    private UUID second;
    private UUID third;
    private UUID fourth;

    @BeforeEach
    void openLedger() {
        ledger = TestLedger.open(data);
        first = ledger.unrestricted();
        second = ledger.unrestricted();
        third = ledger.unrestricted();
        fourth = ledger.unrestricted();
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void postsExactlyLongMaxValueButNotOneMore() {
        assertThat(ledger.transfer(TransferBuilder.single(first, second, MAX).build())).isEqualTo(ResultCode.OK);
        assertThat(ledger.transfer(TransferBuilder.single(first, third, 1).build())).isEqualTo(ResultCode.OVERFLOW);
        assertThat(ledger.transfer(TransferBuilder.single(third, second, 1).build())).isEqualTo(ResultCode.OVERFLOW);
        assertThat(ledger.lookup(first).debitsPosted()).isEqualTo(MAX);
        assertThatNoSumWraps();
    }

    @Test
    void countsPendingAndPostedTogetherOnAnAccount() {
        ledger.transfer(TransferBuilder.single(first, second, MAX - 10).build());
        assertThat(ledger.transfer(TransferBuilder.pending(first, third, 11).build())).isEqualTo(ResultCode.OVERFLOW);
        assertThat(ledger.transfer(TransferBuilder.pending(first, third, 10).build())).isEqualTo(ResultCode.OK);
        assertThat(ledger.transfer(TransferBuilder.single(first, third, 1).build())).isEqualTo(ResultCode.OVERFLOW);
        assertThatNoSumWraps();
    }

    @Test
    void refusesATransferThatWouldOverflowTheLedgerTotalsThoughNoAccountOverflows() {
        ledger.transfer(TransferBuilder.single(first, second, MAX - 10).build());
        assertThat(ledger.transfer(TransferBuilder.single(third, fourth, 11).build())).isEqualTo(ResultCode.OVERFLOW);
        assertThat(ledger.transfer(TransferBuilder.single(third, fourth, 10).build())).isEqualTo(ResultCode.OK);
        assertThatNoSumWraps();
    }

    @Test
    void refusesAHoldWhosePostWouldOverflowTheLedgerTotals() {
        ledger.transfer(TransferBuilder.single(first, second, MAX - 10).build());
        Transfer hold = TransferBuilder.pending(third, fourth, 100).build();
        assertThat(ledger.transfer(hold)).isEqualTo(ResultCode.OVERFLOW);
        assertThat(ledger.transfer(TransferBuilder.post(hold.id(), 0).build()))
                .isEqualTo(ResultCode.PENDING_TRANSFER_NOT_FOUND);
        assertThatNoSumWraps();
    }

    @Test
    void refusesAPostedTransferThatLeavesNoRoomForOutstandingHolds() {
        Transfer hold = TransferBuilder.pending(first, second, MAX - 10).build();
        assertThat(ledger.transfer(hold)).isEqualTo(ResultCode.OK);
        assertThat(ledger.transfer(TransferBuilder.single(third, fourth, 11).build())).isEqualTo(ResultCode.OVERFLOW);
        assertThat(ledger.transfer(TransferBuilder.post(hold.id(), 0).build())).isEqualTo(ResultCode.OK);
        assertThatNoSumWraps();
    }

    @Test
    void keepsTheLedgersSeparate() {
        UUID euroDebit = ledger.account(TestLedger.EUR, AccountType.ASSET, 0);
        UUID euroCredit = ledger.account(TestLedger.EUR, AccountType.ASSET, 0);
        ledger.transfer(TransferBuilder.single(first, second, MAX).build());
        assertThat(ledger.transfer(TransferBuilder.single(euroDebit, euroCredit, MAX).ledger(TestLedger.EUR).build()))
                .isEqualTo(ResultCode.OK);
    }

    @Test
    void survivesARestartAtTheEdge() {
        ledger.transfer(TransferBuilder.single(first, second, MAX - 1).build());
        ledger.transfer(TransferBuilder.pending(third, fourth, 1).build());
        String hash = ledger.stateHash();
        ledger.restartWithoutSnapshot();
        assertThat(ledger.stateHash()).isEqualTo(hash);
        ledger.restart();
        assertThat(ledger.stateHash()).isEqualTo(hash);
        assertThat(ledger.transfer(TransferBuilder.single(third, fourth, 1).build())).isEqualTo(ResultCode.OVERFLOW);
    }

    /** Every balance and every per-ledger sum of pending plus posted fits in a long. */
    private void assertThatNoSumWraps() {
        List<Account> accounts = TestLedger.await(ledger.engine().lookupAccounts(List.of(first, second, third,
                fourth)));
        long debits = 0;
        long credits = 0;
        for (Account account : accounts) {
            assertThat(account.debitsPending()).isNotNegative();
            assertThat(account.debitsPosted()).isNotNegative();
            assertThat(account.creditsPending()).isNotNegative();
            assertThat(account.creditsPosted()).isNotNegative();
            debits = Math.addExact(debits, Math.addExact(account.debitsPending(), account.debitsPosted()));
            credits = Math.addExact(credits, Math.addExact(account.creditsPending(), account.creditsPosted()));
        }
        assertThat(debits).isEqualTo(credits);
    }
}
