package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The business date in the engine, the value date of every posting, overdraft limits and dormant accounts. */
class BusinessDateTest {
    private static final LocalDate DAY = LocalDate.of(2028, 2, 28);
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

    private ResultCode transferOn(LocalDate valueDate, Transfer transfer) {
        return ledger.submit(new LedgerCommand.CreateTransfers(List.of(transfer), false, valueDate)).codes()[0];
    }

    @Test
    void postingsBeforeAnyBusinessDateHaveNoValueDate() {
        UUID transfer = ledger.fund(bank, customer, 10);
        assertThat(ledger.businessDate()).isEqualTo(BusinessDate.UNSET);
        assertThat(ledger.stored(transfer).valueDate()).isNull();
    }

    @Test
    void everyPostingTakesTheCurrentBusinessDateAndTheJournalCarriesIt() {
        assertThat(ledger.moveBusinessDate(DAY, null)).isEqualTo(ResultCode.OK);
        UUID transfer = ledger.fund(bank, customer, 10);

        assertThat(ledger.stored(transfer).valueDate()).isEqualTo(DAY);
        JournalEntry last = ledger.journal().getLast();
        assertThat(last.valueDate()).isEqualTo(DAY);
        assertThat(ledger.journal().get(ledger.journal().size() - 2).events().getFirst())
                .isEqualTo(new LedgerEvent.BusinessDateChanged(new BusinessDate(DAY, null),
                        ((LedgerEvent.BusinessDateChanged) ledger.journal().get(ledger.journal().size() - 2)
                                .events().getFirst()).timestamp()));
    }

    @Test
    void afterTheCutOffNewPostingsTakeTheNextDateAndOnlyNamedOnesTheClosingDate() {
        ledger.moveBusinessDate(DAY, null);
        LocalDate next = DAY.plusDays(1);
        assertThat(ledger.moveBusinessDate(next, DAY)).isEqualTo(ResultCode.OK);
        assertThat(ledger.businessDate()).isEqualTo(new BusinessDate(next, DAY));

        UUID plain = ledger.fund(bank, customer, 10);
        Transfer backValued = TransferBuilder.single(bank, customer, 5).build();
        assertThat(transferOn(DAY, backValued)).isEqualTo(ResultCode.OK);
        assertThat(ledger.stored(plain).valueDate()).isEqualTo(next);
        assertThat(ledger.stored(backValued.id()).valueDate()).isEqualTo(DAY);

        assertThat(ledger.moveBusinessDate(next, null)).isEqualTo(ResultCode.OK);
        assertThat(transferOn(DAY, TransferBuilder.single(bank, customer, 5).build()))
                .isEqualTo(ResultCode.VALUE_DATE_NOT_OPEN);
        assertThat(transferOn(DAY.minusDays(3), TransferBuilder.single(bank, customer, 5).build()))
                .isEqualTo(ResultCode.VALUE_DATE_NOT_OPEN);
    }

    @Test
    void refusesDateMovesOtherThanFirstCutOffAndRoll() {
        ledger.moveBusinessDate(DAY, null);
        assertThat(ledger.moveBusinessDate(DAY.minusDays(1), null)).isEqualTo(ResultCode.BUSINESS_DATE_NOT_NEXT);
        assertThat(ledger.moveBusinessDate(DAY.plusDays(1), null)).isEqualTo(ResultCode.BUSINESS_DATE_NOT_NEXT);
        assertThat(ledger.moveBusinessDate(DAY.plusDays(2), DAY.plusDays(1)))
                .isEqualTo(ResultCode.BUSINESS_DATE_NOT_NEXT);
        assertThat(ledger.moveBusinessDate(DAY.plusDays(1), DAY)).isEqualTo(ResultCode.OK);
        assertThat(ledger.moveBusinessDate(DAY.plusDays(2), DAY.plusDays(1)))
                .isEqualTo(ResultCode.BUSINESS_DATE_NOT_NEXT);
        assertThat(ledger.businessDate()).isEqualTo(new BusinessDate(DAY.plusDays(1), DAY));
        assertThatThrownBy(() -> new BusinessDate(DAY, DAY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void askingForTheDateAsItIsJournalsNothing() {
        ledger.moveBusinessDate(DAY, null);
        long position = ledger.committedPosition();
        assertThat(ledger.moveBusinessDate(DAY, null)).isEqualTo(ResultCode.OK);
        assertThat(ledger.committedPosition()).isEqualTo(position);
    }

    @Test
    void theBusinessDateOverdraftsAndValueDatesSurviveRestartWithAndWithoutSnapshot() {
        ledger.moveBusinessDate(DAY, null);
        ledger.setOverdraftLimit(customer, 50);
        UUID transfer = ledger.fund(customer, bank, 30);
        ledger.moveBusinessDate(DAY.plusDays(1), DAY);
        String hash = ledger.stateHash();

        ledger.restartWithoutSnapshot();
        assertThat(ledger.stateHash()).isEqualTo(hash);
        assertThat(ledger.businessDate()).isEqualTo(new BusinessDate(DAY.plusDays(1), DAY));
        ledger.restart();
        assertThat(ledger.stateHash()).isEqualTo(hash);
        assertThat(ledger.stored(transfer).valueDate()).isEqualTo(DAY);
        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 21).build()))
                .isEqualTo(ResultCode.EXCEEDS_OVERDRAFT_LIMIT);
    }

    @Test
    void refusesAnOverdraftBeyondItsLimitWithItsOwnResultCode() {
        ledger.fund(bank, customer, 100);
        assertThat(ledger.setOverdraftLimit(customer, 50)).isEqualTo(ResultCode.OK);

        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 151).build()))
                .isEqualTo(ResultCode.EXCEEDS_OVERDRAFT_LIMIT);
        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 150).build())).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).balance()).isEqualTo(-50);
        assertThat(ledger.transfer(TransferBuilder.pending(customer, bank, 1).build()))
                .isEqualTo(ResultCode.EXCEEDS_OVERDRAFT_LIMIT);
        // Owing 50, the limit cannot drop below it.
        assertThat(ledger.setOverdraftLimit(customer, 49)).isEqualTo(ResultCode.EXCEEDS_OVERDRAFT_LIMIT);
    }

    @Test
    void withoutAnOverdraftTheOldResultCodeStays() {
        ledger.fund(bank, customer, 10);
        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 11).build()))
                .isEqualTo(ResultCode.EXCEEDS_CREDITS);
    }

    @Test
    void aDormantAccountRefusesDebitsButTakesCreditsUntilReactivated() {
        ledger.fund(bank, customer, 100);
        assertThat(ledger.change(customer, AccountOperation.MARK_DORMANT)).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).hasFlag(AccountFlags.DORMANT)).isTrue();

        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 10).build()))
                .isEqualTo(ResultCode.ACCOUNT_DORMANT);
        assertThat(ledger.transfer(TransferBuilder.single(bank, customer, 10).build())).isEqualTo(ResultCode.OK);
        assertThat(ledger.change(customer, AccountOperation.REACTIVATE)).isEqualTo(ResultCode.OK);
        assertThat(ledger.transfer(TransferBuilder.single(customer, bank, 10).build())).isEqualTo(ResultCode.OK);
        assertThat(ledger.lookup(customer).balance()).isEqualTo(100);
    }
}
