package dev.corebank.server.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every check of the soak can fail: each is run once on what a correct server shows (no violation) and once on a
 * deliberately wrong expectation or answer (the violation named, with its evidence).
 */
class SoakCheckerTest {
    private static final SplittableRandom IDS = new SplittableRandom(20261203L);
    private static final UUID CASH = SoakOperation.idFrom(IDS);
    private static final UUID ALICE = SoakOperation.idFrom(IDS);
    private static final UUID BOB = SoakOperation.idFrom(IDS);

    /** A book of one deposit to Alice, a transfer to Bob and a hold from Bob to Alice, as the engine acknowledged. */
    private final SoakBook book = new SoakBook(CASH, List.of(ALICE, BOB));
    private final SoakOperation deposit = operation(SoakOperation.Kind.DEPOSIT, CASH, ALICE, 10_000, null);
    private final SoakOperation transfer = operation(SoakOperation.Kind.TRANSFER, ALICE, BOB, 2_500, null);
    private final SoakOperation hold = operation(SoakOperation.Kind.HOLD, BOB, ALICE, 700, null);

    SoakCheckerTest() {
        long timestamp = 1_000;
        long position = 10;
        for (SoakOperation operation : List.of(deposit, transfer, hold)) {
            book.exists(operation, view(operation, ++timestamp), ++position, SoakBook.How.ACKNOWLEDGED, 0);
        }
    }

    @Test
    void reportsAnAcknowledgedTransferTheEngineDoesNotHave() {
        Map<UUID, TransferView> found = engineViews();
        assertThat(SoakChecker.transfersFound(book.known(), found, book.holdStatuses())).isEmpty();

        found.remove(transfer.id());
        assertThat(SoakChecker.transfersFound(book.known(), found, book.holdStatuses())).singleElement()
                .satisfies(violation -> {
                    assertThat(violation.check()).isEqualTo("acknowledged transfers recovered");
                    assertThat(violation.evidence()).contains("1 of 3 checked are not found", transfer.id().toString());
                });
    }

    @Test
    void reportsATransferRecoveredWithOtherFieldsOrAHoldWithTheWrongStatus() {
        Map<UUID, TransferView> found = engineViews();
        TransferView original = found.get(transfer.id());
        found.put(transfer.id(), new TransferView(original.id(), original.debitAccountId(), original.creditAccountId(),
                original.amount() + 1, original.flags(), null, original.reference(), original.timestamp(), null));
        assertThat(SoakChecker.transfersFound(book.known(), found, book.holdStatuses())).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("1 of 3 checked differ"));

        Map<UUID, TransferView> voided = engineViews();
        TransferView held = voided.get(hold.id());
        voided.put(hold.id(), withStatus(held, "VOIDED"));
        assertThat(SoakChecker.transfersFound(book.known(), voided, book.holdStatuses())).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("pendingStatus expected=PENDING"
                        + " engine=VOIDED"));
    }

    @Test
    void reportsARefusedTransferThatExists() {
        UUID refused = SoakOperation.idFrom(IDS);
        assertThat(SoakChecker.rejectedAbsent(List.of(refused), Set.of())).isEmpty();
        assertThat(SoakChecker.rejectedAbsent(List.of(refused), Set.of(refused))).singleElement()
                .satisfies(violation -> assertThat(violation.check()).isEqualTo("no transfer invented"));
    }

    @Test
    void reportsABalanceOffByOneAsADuplicateOrALoss() {
        Map<UUID, Balances> engine = book.expectedBalances();
        assertThat(SoakChecker.balances(book.expectedBalances(), engine)).isEmpty();
        assertThat(engine.get(BOB)).isEqualTo(new Balances(700, 0, 0, 2_500));

        Map<UUID, Balances> appliedTwice = new java.util.HashMap<>(engine);
        appliedTwice.put(BOB, engine.get(BOB).plus(0, 0, 0, 1));
        assertThat(SoakChecker.balances(book.expectedBalances(), appliedTwice)).singleElement()
                .satisfies(violation -> {
                    assertThat(violation.check()).isEqualTo("no duplicates (balances)");
                    assertThat(violation.evidence()).contains("account=" + BOB, "difference=Balances["
                            + "debitsPending=0, debitsPosted=0, creditsPending=0, creditsPosted=1]");
                });
    }

    @Test
    void reportsMoneyMadeOrLostAndAPendingDebitWithoutItsCredit() {
        Map<UUID, Balances> soak = Map.of(ALICE, book.expectedBalances().get(ALICE), BOB,
                book.expectedBalances().get(BOB));
        Balances cash = book.expectedBalances().get(CASH);
        assertThat(SoakChecker.conservation(soak, cash, book.funded())).isEmpty();

        assertThat(SoakChecker.conservation(soak, cash, book.funded() + 1)).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("funded=10001"));
        Map<UUID, Balances> unbalanced = Map.of(ALICE, soak.get(ALICE), BOB, soak.get(BOB).plus(1, 0, 0, 0));
        assertThat(SoakChecker.conservation(unbalanced, cash, book.funded())).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).isEqualTo("pendingDebits=701"
                        + " pendingCredits=700"));
    }

    @Test
    void reportsAStatementThatDiffersFromTheEngine() {
        Map<UUID, Balances> engine = book.expectedBalances();
        Map<UUID, SoakChecker.StatementTotals> statements = new java.util.HashMap<>(Map.of(
                CASH, new SoakChecker.StatementTotals(0, 10_000, 0, 10_000),
                ALICE, new SoakChecker.StatementTotals(0, 2_500, 10_000, 7_500),
                BOB, new SoakChecker.StatementTotals(0, 0, 2_500, 2_500)));
        assertThat(SoakChecker.statements(engine, statements, CASH)).isEmpty();

        statements.put(ALICE, new SoakChecker.StatementTotals(0, 2_500, 10_000, 7_499));
        assertThat(SoakChecker.statements(engine, statements, CASH)).singleElement()
                .satisfies(violation -> assertThat(violation.check()).isEqualTo("read model equals engine"
                        + " (statements)"));
    }

    @Test
    void reportsAHistoryRowMissingTwiceOrUnknown() {
        List<TransferView> expected = List.of(engineViews().get(transfer.id()), engineViews().get(hold.id()));
        assertThat(SoakChecker.historyWindow(BOB, expected, expected)).isEmpty();

        assertThat(SoakChecker.historyWindow(BOB, expected, expected.subList(0, 1))).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("missing id=" + hold.id()));
        List<TransferView> twice = List.of(expected.get(0), expected.get(1), expected.get(1));
        assertThat(SoakChecker.historyWindow(BOB, expected, twice)).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("twice id=" + hold.id()));
        TransferView stranger = view(operation(SoakOperation.Kind.TRANSFER, ALICE, BOB, 1, null), 5_000);
        assertThat(SoakChecker.historyWindow(BOB, expected, List.of(expected.get(0), expected.get(1), stranger)))
                .singleElement().satisfies(violation -> assertThat(violation.evidence()).contains(
                        "not known to exist id=" + stranger.id()));
    }

    @Test
    void reportsAJournalEntryWithoutOrWithTwoAuditRecordsAndATransferItsRecordDoesNotName() {
        List<SoakChecker.AuditEntry> complete = List.of(record(11, deposit), record(12, transfer), record(13, hold));
        assertThat(SoakChecker.auditWindow(10, 13, complete, book.known())).isEmpty();

        assertThat(SoakChecker.auditWindow(10, 13, complete.subList(0, 2), book.known())).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("sequence=13 records=0",
                        "transfer=" + hold.id() + " at sequence=13 has no ok record naming it"));
        List<SoakChecker.AuditEntry> doubled = List.of(record(11, deposit), record(12, transfer), record(12, transfer),
                record(13, hold));
        assertThat(SoakChecker.auditWindow(10, 13, doubled, book.known())).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("sequence=12 records=2"));
        List<SoakChecker.AuditEntry> misnamed = List.of(record(11, deposit), record(12, hold), record(13, hold));
        assertThat(SoakChecker.auditWindow(10, 13, misnamed, book.known())).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("transfer=" + transfer.id()));
    }

    @Test
    void reportsAReactorThatStaysBehindTheJournal() {
        assertThat(SoakChecker.reactorsCaughtUp(List.of())).isEmpty();
        assertThat(SoakChecker.reactorsCaughtUp(List.of("reactor=projection state=FAILING position=28039"
                + " journalPosition=28045"))).singleElement().satisfies(violation -> {
                    assertThat(violation.check()).isEqualTo("read model and audit trail caught up with the journal");
                    assertThat(violation.evidence()).contains("reactor=projection state=FAILING");
                });
    }

    @Test
    void reportsAFailedVerificationAndAnAnswerThatIsNotTheTransferAskedFor() {
        assertThat(SoakChecker.verification(true, List.of("journal: ok", "VERDICT: OK"))).isEmpty();
        assertThat(SoakChecker.verification(false, List.of("audit trail: MISMATCH", "VERDICT: MISMATCH")))
                .singleElement().satisfies(violation -> assertThat(violation.evidence()).contains("MISMATCH"));

        assertThat(SoakChecker.answer(transfer, null, view(transfer, 7))).isEmpty();
        TransferView other = view(operation(SoakOperation.Kind.TRANSFER, ALICE, CASH, 2_500, null), 7);
        assertThat(SoakChecker.answer(transfer, null, other)).singleElement()
                .satisfies(violation -> assertThat(violation.evidence()).contains("id expected=" + transfer.id(),
                        "creditAccountId expected=" + BOB));
    }

    @Test
    void derivesBalancesFromTheDocumentedRulesOfHoldsPostsAndVoids() {
        SoakOperation post = operation(SoakOperation.Kind.POST, BOB, ALICE, 300, hold.id());
        book.exists(post, view(post, 2_000), 20, SoakBook.How.APPLIED_ON_RETRY, 1);
        assertThat(book.expectedBalances().get(BOB)).as("the hold released, 300 of it posted")
                .isEqualTo(new Balances(0, 300, 0, 2_500));
        assertThat(book.expectedBalances().get(ALICE)).isEqualTo(new Balances(0, 2_500, 0, 10_300));
        assertThat(book.holdStatuses()).containsEntry(hold.id(), "POSTED");
    }

    private Map<UUID, TransferView> engineViews() {
        Map<UUID, TransferView> views = new java.util.HashMap<>();
        for (SoakBook.Known known : book.known()) {
            views.put(known.operation().id(), withStatus(known.answer(), book.holdStatuses().get(known.operation()
                    .id())));
        }
        return views;
    }

    private static SoakChecker.AuditEntry record(long sequence, SoakOperation operation) {
        return new SoakChecker.AuditEntry(sequence, List.of(operation.id(), operation.debitAccountId(),
                operation.creditAccountId()), "ok", null);
    }

    private static SoakOperation operation(SoakOperation.Kind kind, UUID debit, UUID credit, long amount,
                                           UUID pendingId) {
        return new SoakOperation(kind, SoakOperation.idFrom(IDS), debit, credit, amount, pendingId, "checker test",
                0);
    }

    private static TransferView view(SoakOperation operation, long timestamp) {
        List<String> flags = switch (operation.kind()) {
            case HOLD -> List.of("PENDING");
            case POST -> List.of("POST_PENDING");
            case VOID -> List.of("VOID_PENDING");
            default -> List.of();
        };
        return new TransferView(operation.id(), operation.debitAccountId(), operation.creditAccountId(),
                operation.amount(), flags, operation.pendingId(), operation.reference(), timestamp,
                operation.kind() == SoakOperation.Kind.HOLD ? "PENDING" : null);
    }

    private static TransferView withStatus(TransferView view, String status) {
        return new TransferView(view.id(), view.debitAccountId(), view.creditAccountId(), view.amount(), view.flags(),
                view.pendingId(), view.reference(), view.timestamp(), status);
    }
}
