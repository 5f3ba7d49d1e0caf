package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ids come from the caller and are idempotency keys: a retry never moves money twice. */
class IdempotencyTest {
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
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void answersExistsToARetriedTransferAndChangesNothing() {
        Transfer deposit = TransferBuilder.single(bank, customer, 250).reference("salary").build();
        BatchResult first = ledger.submit(deposit);
        String hash = ledger.stateHash();
        long position = ledger.committedPosition();

        BatchResult retried = ledger.submit(deposit);
        assertThat(retried.code(0)).isEqualTo(ResultCode.EXISTS);
        assertThat(retried.timestamp(0)).isEqualTo(first.timestamp(0));
        assertThat(ledger.lookup(customer).balance()).isEqualTo(250);
        assertThat(ledger.stateHash()).isEqualTo(hash);
        assertThat(ledger.committedPosition()).as("EXISTS is not journaled").isEqualTo(position);
    }

    @Test
    void answersExistsWithDifferentFieldsToAnIdReusedForAnotherTransfer() {
        UUID otherCustomer = ledger.deposit();
        Transfer deposit = TransferBuilder.single(bank, customer, 250).build();
        ledger.transfer(deposit);
        String hash = ledger.stateHash();
        List<Transfer> variants = List.of(
                TransferBuilder.single(bank, customer, 251).id(deposit.id()).build(),
                TransferBuilder.single(bank, otherCustomer, 250).id(deposit.id()).build(),
                TransferBuilder.single(bank, customer, 250).id(deposit.id()).code(2).build(),
                TransferBuilder.single(bank, customer, 250).id(deposit.id()).reference("other").build(),
                TransferBuilder.pending(bank, customer, 250).id(deposit.id()).build());
        for (Transfer variant : variants) {
            assertThat(ledger.transfer(variant)).as("%s", variant).isEqualTo(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS);
        }
        assertThat(ledger.lookup(customer).balance()).isEqualTo(250);
        assertThat(ledger.events()).filteredOn(LedgerEvent.TransferRejected.class::isInstance)
                .hasSize(variants.size())
                .allMatch(event -> ((LedgerEvent.TransferRejected) event).result()
                        == ResultCode.EXISTS_WITH_DIFFERENT_FIELDS);
        assertThat(ledger.stateHash()).isEqualTo(hash);
    }

    @Test
    void answersExistsToARetriedPostWithTheAccountsLeftZero() {
        Transfer hold = TransferBuilder.pending(bank, customer, 100).build();
        ledger.transfer(hold);
        Transfer post = TransferBuilder.post(hold.id(), 40).build();
        assertThat(ledger.transfer(post)).isEqualTo(ResultCode.OK);
        assertThat(ledger.transfer(post)).isEqualTo(ResultCode.EXISTS);
        assertThat(ledger.transfer(TransferBuilder.post(hold.id(), 41).id(post.id()).build()))
                .isEqualTo(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS);
        assertThat(ledger.lookup(customer).creditsPosted()).isEqualTo(40);
    }

    @Test
    void answersExistsToARetriedBalancingTransferThatMovedLessThanAsked() {
        UUID payer = ledger.deposit();
        ledger.fund(bank, payer, 30);
        Transfer sweep = TransferBuilder.single(payer, customer, 100).flags(TransferFlags.BALANCING_DEBIT).build();
        assertThat(ledger.transfer(sweep)).isEqualTo(ResultCode.OK);
        assertThat(ledger.transfer(sweep)).isEqualTo(ResultCode.EXISTS);
        assertThat(ledger.lookup(customer).balance()).isEqualTo(30);
    }

    @Test
    void answersExistsToEachItemOfARetriedChain() {
        Transfer first = TransferBuilder.single(bank, customer, 10).linked().build();
        Transfer second = TransferBuilder.single(bank, customer, 20).build();
        ledger.transfers(first, second);
        assertThat(ledger.transfers(first, second)).containsExactly(ResultCode.EXISTS, ResultCode.EXISTS);
        assertThat(ledger.lookup(customer).balance()).isEqualTo(30);
    }

    @Test
    void retriesARejectedTransferAsNewOnceItCanSucceed() {
        Transfer overdraft = TransferBuilder.single(customer, bank, 50).build();
        assertThat(ledger.transfer(overdraft)).isEqualTo(ResultCode.EXCEEDS_CREDITS);
        ledger.fund(bank, customer, 50);
        assertThat(ledger.transfer(overdraft)).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).balance()).isZero();
    }

    @Test
    void answersExistsToARetriedAccountAndNotJournalsIt() {
        Account account = Account.open(TestLedger.id(), TestLedger.USD, AccountType.LIABILITY, 7,
                AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
        assertThat(ledger.createAccount(account)).isEqualTo(ResultCode.OK);
        long position = ledger.committedPosition();
        assertThat(ledger.createAccount(account)).isEqualTo(ResultCode.EXISTS);
        assertThat(ledger.committedPosition()).isEqualTo(position);
        assertThat(ledger.createAccount(Account.open(account.id(), TestLedger.EUR, AccountType.LIABILITY, 7,
                AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS))).isEqualTo(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS);
        assertThat(ledger.createAccount(Account.open(account.id(), TestLedger.USD, AccountType.ASSET, 7,
                AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS))).isEqualTo(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS);
        assertThat(ledger.createAccount(Account.open(account.id(), TestLedger.USD, AccountType.LIABILITY, 7, 0)))
                .isEqualTo(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS);
        assertThat(ledger.events()).filteredOn(LedgerEvent.AccountRejected.class::isInstance).hasSize(3);
    }

    @Test
    void answersExistsToARetriedAccountAfterItWasFrozen() {
        Account account = Account.open(TestLedger.id(), TestLedger.USD, AccountType.ASSET, 1, 0);
        ledger.createAccount(account);
        ledger.change(account.id(), AccountOperation.FREEZE);
        assertThat(ledger.createAccount(account)).isEqualTo(ResultCode.EXISTS);
    }

    @Test
    void answersExistsToARetriedAccountThatWasOpenedFrozen() {
        Account account = Account.open(TestLedger.id(), TestLedger.USD, AccountType.ASSET, 1, AccountFlags.FROZEN);
        assertThat(ledger.createAccount(account)).isEqualTo(ResultCode.OK);
        assertThat(ledger.createAccount(account)).isEqualTo(ResultCode.EXISTS);
        ledger.change(account.id(), AccountOperation.UNFREEZE);
        assertThat(ledger.createAccount(account)).isEqualTo(ResultCode.EXISTS);
    }

    @Test
    void answersExistsToTheSecondOfTwoIdenticalItemsInOneBatch() {
        Account account = Account.open(TestLedger.id(), TestLedger.USD, AccountType.ASSET, 1, 0);
        assertThat(ledger.createAccounts(account, account)).containsExactly(ResultCode.OK, ResultCode.EXISTS);
        Transfer transfer = TransferBuilder.single(bank, customer, 5).build();
        assertThat(ledger.transfers(transfer, transfer)).containsExactly(ResultCode.OK, ResultCode.EXISTS);
        assertThat(ledger.lookup(customer).balance()).isEqualTo(5);
    }
}
