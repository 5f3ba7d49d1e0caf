package dev.corebank.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.PendingStatus;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferFlags;
import dev.corebank.server.projection.ReadModelDatabase;
import dev.corebank.server.projection.ReadModelHarness;
import dev.corebank.server.projection.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The history queries on a read model the real projector built from a real engine, whose clock the test sets to
 * chosen days. Subclasses choose the database.
 */
abstract class HistoryContract {
    static final int USD = Ledgers.numericCode("USD");
    static final Instant DAY_ONE = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant DAY_TWO = Instant.parse("2026-03-03T00:00:00Z");
    static final Instant DAY_THREE = Instant.parse("2026-03-04T23:59:59.999999000Z");

    @TempDir
    Path directory;
    TestClock clock;
    ReadModelHarness harness;
    HistoryRepository repository;
    final UUID cash = UUID.randomUUID();
    final UUID alice = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();

    abstract ReadModelDatabase.Kind kind();

    @BeforeEach
    void openHarness() throws Exception {
        clock = new TestClock(DAY_ONE);
        harness = ReadModelHarness.open(kind(), directory, clock);
        repository = new HistoryRepository(JdbcClient.create(harness.database().dataSource()),
                harness.database().transactionManager());
        harness.startProjector();
        ok(harness.open(Account.open(cash, USD, AccountType.ASSET, 1000, AccountFlags.NONE),
                Account.open(alice, USD, AccountType.LIABILITY, 2000, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
                Account.open(bob, USD, AccountType.LIABILITY, 2000, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)));
    }

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    /**
     * Day one: 10,000 deposited. Day two, at midnight: 1,500 withdrawn, 700 deposited, a hold of 300 of which 200 is
     * posted. Day three, in its last microsecond: 50 deposited.
     */
    void threeDaysOfAlice() throws Exception {
        ok(harness.transfer(Transfer.of(UUID.randomUUID(), cash, alice, 10_000, USD, 1)));
        clock.set(DAY_TWO);
        UUID hold = UUID.randomUUID();
        ok(harness.transfer(Transfer.of(UUID.randomUUID(), alice, cash, 1_500, USD, 2),
                Transfer.of(UUID.randomUUID(), cash, alice, 700, USD, 1),
                new Transfer(hold, alice, cash, 300, USD, 3, TransferFlags.PENDING, null, 0, "card hold", 0)));
        ok(harness.transfer(new Transfer(UUID.randomUUID(), null, null, 200, 0, 3, TransferFlags.POST_PENDING, hold,
                0, "card capture", 0)));
        clock.set(DAY_THREE);
        ok(harness.transfer(Transfer.of(UUID.randomUUID(), cash, alice, 50, USD, 1)));
        harness.awaitCaughtUp();
    }

    @Test
    void statementOpensWithTheBalanceBeforeItsFirstDayAndRunsLineByLine() throws Exception {
        threeDaysOfAlice();

        Statement statement = statement(alice, "2026-03-03", "2026-03-03", 100).value();

        assertThat(statement.type()).isEqualTo("LIABILITY");
        assertThat(statement.ledger()).isEqualTo("USD");
        assertThat(statement.openingBalance()).isEqualTo(10_000);
        assertThat(statement.lines()).extracting(StatementLine::debitAmount).containsExactly(1_500L, 0L, 200L);
        assertThat(statement.lines()).extracting(StatementLine::creditAmount).containsExactly(0L, 700L, 0L);
        assertThat(statement.lines()).extracting(StatementLine::balance).containsExactly(8_500L, 9_200L, 9_000L);
        assertThat(statement.lines().getLast().reference()).isEqualTo("card capture");
        assertThat(statement.lines().getLast().kind()).isEqualTo("POST_PENDING");
        assertThat(statement.totalDebits()).isEqualTo(1_700);
        assertThat(statement.totalCredits()).isEqualTo(700);
        assertThat(statement.closingBalance()).isEqualTo(9_000);
        assertThat(statement.nextCursor()).isNull();
    }

    @Test
    void statementOfADebitNormalAccountRunsOnTheDebitSide() throws Exception {
        threeDaysOfAlice();

        Statement statement = statement(cash, "2026-03-02", "2026-03-04", 100).value();

        assertThat(statement.openingBalance()).isZero();
        assertThat(statement.lines()).extracting(StatementLine::balance)
                .containsExactly(10_000L, 8_500L, 9_200L, 9_000L, 9_050L);
        assertThat(statement.closingBalance()).isEqualTo(9_050);
        assertRunningBalances(statement, true);
    }

    @Test
    void statementDaysAreWholeUtcDaysWithBothEndsIncluded() throws Exception {
        threeDaysOfAlice();

        Statement dayThree = statement(alice, "2026-03-04", "2026-03-04", 100).value();
        Statement dayOne = statement(alice, "2026-03-02", "2026-03-02", 100).value();

        assertThat(dayThree.lines()).extracting(StatementLine::creditAmount).containsExactly(50L);
        assertThat(dayThree.openingBalance()).isEqualTo(9_000);
        assertThat(dayThree.closingBalance()).isEqualTo(9_050);
        assertThat(dayThree.lines().getFirst().postedAt()).isEqualTo(DAY_THREE);
        assertThat(dayOne.lines()).hasSize(1);
        assertThat(dayOne.closingBalance()).isEqualTo(10_000);
    }

    @Test
    void statementOfAQuietPeriodCarriesTheBalanceForward() throws Exception {
        threeDaysOfAlice();

        Statement quiet = statement(alice, "2026-03-10", "2026-03-12", 100).value();
        Statement before = statement(alice, "2026-02-01", "2026-02-28", 100).value();

        assertThat(quiet.lines()).isEmpty();
        assertThat(quiet.openingBalance()).isEqualTo(9_050);
        assertThat(quiet.closingBalance()).isEqualTo(9_050);
        assertThat(quiet.totalDebits()).isZero();
        assertThat(before.openingBalance()).isZero();
        assertThat(before.closingBalance()).isZero();
    }

    @Test
    void statementPagesKeepThePeriodBalancesAndContinueWhereThePreviousPageEnded() throws Exception {
        threeDaysOfAlice();
        Statement whole = statement(alice, "2026-03-02", "2026-03-04", 100).value();

        List<StatementLine> paged = new ArrayList<>();
        long after = 0;
        int pages = 0;
        String cursor;
        do {
            Statement page = repository.statement(alice, StatementPeriod.parse("2026-03-02", "2026-03-04", 366),
                    after, 2).value();
            assertThat(page.openingBalance()).isEqualTo(whole.openingBalance());
            assertThat(page.closingBalance()).isEqualTo(whole.closingBalance());
            assertThat(page.lines()).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page.lines());
            cursor = page.nextCursor();
            after = cursor == null ? 0 : PageCursor.decode(cursor);
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(whole.lines());
        assertThat(whole.lines()).hasSize(5);
        assertRunningBalances(whole, false);
    }

    @Test
    void transfersComeNewestFirstInPagesWithoutGapOrRepeat() throws Exception {
        threeDaysOfAlice();
        // Transfers that do not touch alice must not show in her history.
        ok(harness.transfer(Transfer.of(UUID.randomUUID(), cash, bob, 5, USD, 1)));
        harness.awaitCaughtUp();
        List<AccountTransfer> whole = repository.transfers(alice, Long.MAX_VALUE, 100).value().transfers();

        List<AccountTransfer> paged = new ArrayList<>();
        long before = Long.MAX_VALUE;
        String cursor;
        do {
            TransferPage page = repository.transfers(alice, before, 2).value();
            paged.addAll(page.transfers());
            cursor = page.nextCursor();
            before = cursor == null ? 0 : PageCursor.decode(cursor);
        } while (cursor != null);

        // 10,000 in; 1,500 out; 700 in; the hold; its capture; 50 in.
        assertThat(whole).hasSize(6);
        assertThat(paged).isEqualTo(whole);
        assertThat(whole).extracting(AccountTransfer::timestamp).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(whole.get(0).pendingStatus()).as("absent for a transfer that is not a hold").isNull();
        assertThat(whole).extracting(AccountTransfer::direction)
                .containsExactly("CREDIT", "DEBIT", "DEBIT", "CREDIT", "DEBIT", "CREDIT");
        AccountTransfer hold = whole.get(2);
        assertThat(hold.kind()).isEqualTo("PENDING");
        assertThat(hold.pendingStatus()).isEqualTo(PendingStatus.POSTED);
        assertThat(hold.resolvedAt()).isEqualTo(whole.get(1).createdAt());
        assertThat(hold.flags()).containsExactly("PENDING");
        assertThat(whole.get(1).pendingId()).isEqualTo(hold.id());
        assertThat(whole).allSatisfy(transfer -> assertThat(transfer.ledger()).isEqualTo("USD"));
    }

    @Test
    void anAccountNotInTheReadModelHasNoHistoryButAPosition() throws Exception {
        threeDaysOfAlice();

        AtPosition<TransferPage> transfers = repository.transfers(UUID.randomUUID(), Long.MAX_VALUE, 10);
        AtPosition<Statement> statement = statement(UUID.randomUUID(), "2026-03-02", "2026-03-04", 10);

        assertThat(transfers.value()).isNull();
        assertThat(statement.value()).isNull();
        assertThat(transfers.position()).isEqualTo(harness.engine().committedPosition());
        assertThat(statement.position()).isEqualTo(harness.engine().committedPosition());
    }

    @Test
    void readsReportThePositionOfTheSnapshotTheyRead() throws Exception {
        harness.awaitCaughtUp();
        long before = repository.transfers(alice, Long.MAX_VALUE, 10).position();
        ok(harness.transfer(Transfer.of(UUID.randomUUID(), cash, alice, 10, USD, 1)));
        harness.awaitCaughtUp();

        AtPosition<TransferPage> after = repository.transfers(alice, Long.MAX_VALUE, 10);

        assertThat(after.position()).isEqualTo(before + 1).isEqualTo(harness.position().position());
        assertThat(after.value().transfers()).hasSize(1);
    }

    private AtPosition<Statement> statement(UUID account, String from, String to, int limit) {
        return repository.statement(account, StatementPeriod.parse(from, to, 366), 0, limit);
    }

    /** Each line's balance is the previous one moved by the line, on the account's normal side. */
    private static void assertRunningBalances(Statement statement, boolean debitNormal) {
        long balance = statement.openingBalance();
        for (StatementLine line : statement.lines()) {
            balance += debitNormal ? line.debitAmount() - line.creditAmount() : line.creditAmount() - line.debitAmount();
            assertThat(line.balance()).isEqualTo(balance);
        }
        assertThat(statement.closingBalance()).isEqualTo(balance);
    }

    private static void ok(BatchResult result) {
        assertThat(result.codes()).containsOnly(ResultCode.OK);
    }
}
