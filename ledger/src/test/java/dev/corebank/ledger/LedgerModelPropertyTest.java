package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random sequences of operations run against the engine and against {@link ReferenceLedger}, a model written from the
 * documented semantics. After every step the result codes, every balance and flag of every account, and every stored
 * transfer must agree; restarts in between must keep the state hash.
 */
class LedgerModelPropertyTest {
    /** Account ids come from a few slots, so operations keep meeting the same accounts. */
    private static final int ACCOUNT_SLOTS = 7;
    /** Transfer ids come from a few slots, so retries and conflicting reuses of an id happen. */
    private static final int TRANSFER_SLOTS = 40;
    /** The first slots are the ids of holds, which posts and voids name. */
    private static final int HOLD_SLOTS = 6;
    /** Below the slot counts, so the named limits are reached too. */
    private static final int ACCOUNTS_MAX = 6;
    private static final int TRANSFERS_MAX = 32;
    /** Every clock step adds this to whole seconds; see ReferenceLedger for why. */
    private static final long CLOCK_STEP_EXTRA_NANOS = 1_000_000;

    /** Result codes seen across all tries, to show that the generators reach the interesting cases. */
    private static final Set<ResultCode> REACHED = ConcurrentHashMap.newKeySet();

    // ---- the operations ----

    sealed interface Operation {
    }

    record OpenAccount(int slot, int ledgerChoice, AccountType type, int code, int flags) implements Operation {
    }

    record ChangeAccount(int slot, AccountOperation operation) implements Operation {
    }

    record SubmitTransfers(List<TransferSpec> transfers) implements Operation {
    }

    /** Submits again, unchanged, a batch submitted before: an idempotent retry. */
    record RetryTransfers(int historyIndex) implements Operation {
    }

    record AdvanceClock(int seconds) implements Operation {
    }

    record Restart(boolean clean) implements Operation {
    }

    enum Kind { SINGLE, PENDING, POST, VOID, PENDING_AND_VOID }

    /** A transfer by slots: -1 stands for the zero id; ledger choice 0 is ledger zero, 1 USD, 2 EUR. */
    record TransferSpec(Kind kind, int idSlot, int debitSlot, int creditSlot, long amount, int ledgerChoice,
                        int code, boolean linked, int balancing, int timeoutSeconds, int pendingSlot,
                        boolean reference) {
    }

    // ---- the property ----

    // Edge cases are off: mixed into every nested arbitrary they would swamp the weights chosen below.
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void theEngineAgreesWithTheReferenceModel(@ForAll("operations") List<Operation> operations) throws IOException {
        Path directory = Files.createTempDirectory("ledger-model");
        try {
            new Run(directory).execute(operations);
        } finally {
            deleteRecursively(directory);
        }
    }

    /** Guards the generators: if a change to them stopped reaching these, the property would prove much less. */
    @AfterContainer
    static void theGeneratedOperationsReachedTheCommonResults() {
        assertThat(REACHED).contains(ResultCode.OK, ResultCode.EXISTS, ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                ResultCode.LINKED_EVENT_FAILED, ResultCode.LINKED_EVENT_CHAIN_OPEN, ResultCode.EXCEEDS_CREDITS,
                ResultCode.PENDING_TRANSFER_EXPIRED, ResultCode.ACCOUNT_FROZEN);
    }

    /** One try: an engine and a model side by side. */
    private static final class Run {
        private final ManualClock clock = new ManualClock();
        private final LedgerConfig config;
        private final ReferenceLedger model;
        private final List<List<Transfer>> history = new ArrayList<>();
        private final List<Integer> holdsSubmitted = new ArrayList<>();
        private LedgerEngine engine;
        private long lastTimestamp;

        Run(Path directory) {
            config = TestLedger.config(directory, clock).withLimits(ACCOUNTS_MAX, TRANSFERS_MAX);
            model = new ReferenceLedger(ACCOUNTS_MAX, TRANSFERS_MAX, clock.nanos());
            engine = LedgerEngine.open(config);
        }

        void execute(List<Operation> operations) {
            try {
                for (int step = 0; step < operations.size(); step++) {
                    apply(step, operations.get(step));
                    compareState(step);
                }
                restart(step(operations.size()), false);
                compareState(operations.size());
            } finally {
                engine.close();
            }
        }

        private void apply(int step, Operation operation) {
            switch (operation) {
                case OpenAccount open -> {
                    Account account = Account.open(accountId(open.slot()), ledger(open.ledgerChoice()), open.type(),
                            open.code(), open.flags());
                    compareCodes(step, operation, TestLedger.await(engine.createAccounts(List.of(account),
                            TraceId.NONE)), model.createAccounts(List.of(account)));
                }
                case ChangeAccount change -> {
                    AccountChange accountChange = new AccountChange(accountId(change.slot()), change.operation());
                    compareCodes(step, operation, TestLedger.await(engine.changeAccounts(List.of(accountChange),
                            TraceId.NONE)), model.changeAccounts(List.of(accountChange)));
                }
                case SubmitTransfers submit -> {
                    List<Transfer> transfers = submit.transfers().stream().map(this::transfer).toList();
                    history.add(transfers);
                    submitTransfers(step, operation, transfers);
                }
                case RetryTransfers retry -> {
                    if (!history.isEmpty()) {
                        submitTransfers(step, operation, history.get(retry.historyIndex() % history.size()));
                    }
                }
                case AdvanceClock advance -> {
                    clock.advanceNanos(advance.seconds() * LedgerState.NANOS_PER_SECOND + CLOCK_STEP_EXTRA_NANOS);
                    model.clock(clock.nanos());
                }
                case Restart restart -> restart(step, restart.clean());
            }
        }

        private void submitTransfers(int step, Operation operation, List<Transfer> transfers) {
            compareCodes(step, operation, TestLedger.await(engine.createTransfers(transfers, TraceId.NONE)),
                    model.createTransfers(transfers));
        }

        private void restart(String step, boolean clean) {
            String hash = TestLedger.await(engine.stateHash());
            if (clean) {
                engine.close();
            } else {
                engine.closeWithoutSnapshot();
            }
            engine = LedgerEngine.open(config);
            assertThat(engine.recovery().stateHashHex()).as("%s: state hash after restart", step).isEqualTo(hash);
        }

        private void restart(int step, boolean clean) {
            restart(step(step), clean);
        }

        private void compareCodes(int step, Operation operation, BatchResult engineResult, ResultCode[] expected) {
            assertThat(engineResult.codes()).as("%s: %s", step(step), operation).containsExactly(expected);
            for (int index = 0; index < engineResult.size(); index++) {
                ResultCode code = engineResult.code(index);
                REACHED.add(code);
                // Opened accounts and applied transfers are journaled, so their timestamps increase across restarts
                // too. (A freeze of a frozen account is OK but journals nothing, so its timestamp is not checked.)
                if (code == ResultCode.OK && !(operation instanceof ChangeAccount)) {
                    assertThat(engineResult.timestamp(index)).as("%s: timestamps increase", step(step))
                            .isGreaterThan(lastTimestamp);
                    lastTimestamp = engineResult.timestamp(index);
                }
            }
        }

        private void compareState(int step) {
            model.releaseDueHolds();
            List<UUID> accountIds = new ArrayList<>();
            for (int slot = 0; slot < ACCOUNT_SLOTS; slot++) {
                accountIds.add(accountId(slot));
            }
            Map<UUID, Account> found = new HashMap<>();
            TestLedger.await(engine.lookupAccounts(accountIds)).forEach(account -> found.put(account.id(), account));
            assertThat(found.keySet()).as("%s: accounts", step(step))
                    .containsExactlyInAnyOrderElementsOf(model.accounts().keySet());
            for (ReferenceLedger.ModelAccount expected : model.accounts().values()) {
                Account actual = found.get(expected.id);
                assertThat(List.of(actual.ledger(), actual.type(), actual.code(), actual.flags(),
                        actual.debitsPending(), actual.debitsPosted(), actual.creditsPending(),
                        actual.creditsPosted()))
                        .as("%s: account %s (ledger, type, code, flags, dp, dP, cp, cP)", step(step), expected.id)
                        .containsExactly(expected.ledger, expected.type, expected.code, expected.flags,
                                expected.debitsPending, expected.debitsPosted, expected.creditsPending,
                                expected.creditsPosted);
            }
            List<UUID> transferIds = new ArrayList<>();
            for (int slot = 0; slot < TRANSFER_SLOTS; slot++) {
                transferIds.add(transferId(slot));
            }
            Map<UUID, TransferState> stored = new HashMap<>();
            TestLedger.await(engine.lookupTransfers(transferIds))
                    .forEach(state -> stored.put(state.transfer().id(), state));
            assertThat(stored.keySet()).as("%s: transfers", step(step))
                    .containsExactlyInAnyOrderElementsOf(model.transfers().keySet());
            for (ReferenceLedger.ModelTransfer expected : model.transfers().values()) {
                TransferState actual = stored.get(expected.asked().id());
                assertThat(List.of(actual.transfer().debitAccountId(), actual.transfer().creditAccountId(),
                        actual.transfer().ledger(), actual.transfer().amount(), actual.amountRequested(),
                        actual.pendingStatus()))
                        .as("%s: transfer %s (debit, credit, ledger, amount, requested, status)", step(step),
                                expected.asked().id())
                        .containsExactly(expected.debit(), expected.credit(), expected.ledger(), expected.amount(),
                                expected.asked().amount(), expected.status());
            }
        }

        private static String step(int step) {
            return "step " + step;
        }

        /**
         * Builds the transfer of a spec. A post or void names a hold by how recently it was submitted (its pending
         * slot counts back from the newest), so that it usually meets one; this depends on the operations only.
         */
        private Transfer transfer(TransferSpec spec) {
            int pendingSlot = spec.pendingSlot();
            boolean resolving = spec.kind() == Kind.POST || spec.kind() == Kind.VOID;
            if (resolving && pendingSlot >= 0 && pendingSlot < HOLD_SLOTS && !holdsSubmitted.isEmpty()) {
                pendingSlot = holdsSubmitted.get(holdsSubmitted.size() - 1 - pendingSlot % holdsSubmitted.size());
            }
            if (spec.kind() == Kind.PENDING) {
                holdsSubmitted.add(spec.idSlot());
            }
            int flags = switch (spec.kind()) {
                case SINGLE -> TransferFlags.NONE;
                case PENDING -> TransferFlags.PENDING;
                case POST -> TransferFlags.POST_PENDING;
                case VOID -> TransferFlags.VOID_PENDING;
                case PENDING_AND_VOID -> TransferFlags.PENDING | TransferFlags.VOID_PENDING;
            };
            flags |= spec.linked() ? TransferFlags.LINKED : 0;
            flags |= (spec.balancing() & 1) != 0 ? TransferFlags.BALANCING_DEBIT : 0;
            flags |= (spec.balancing() & 2) != 0 ? TransferFlags.BALANCING_CREDIT : 0;
            return new Transfer(transferId(spec.idSlot()), accountId(spec.debitSlot()), accountId(spec.creditSlot()),
                    spec.amount(), ledger(spec.ledgerChoice()), spec.code(), flags, transferId(pendingSlot),
                    spec.timeoutSeconds(), spec.reference() ? "invoice 42" : "", 0);
        }
    }

    private static UUID accountId(int slot) {
        return slot < 0 ? Ids.ZERO : new UUID(0xACC, slot + 1);
    }

    private static UUID transferId(int slot) {
        return slot < 0 ? Ids.ZERO : new UUID(0x7F, slot + 1);
    }

    private static int ledger(int choice) {
        return switch (choice) {
            case 0 -> 0;
            case 1 -> TestLedger.USD;
            default -> TestLedger.EUR;
        };
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Operation>> operations() {
        @SuppressWarnings("unchecked")
        Arbitrary<Operation> any = Arbitraries.frequencyOf(
                Tuple.of(8, openAccount(uniform(0, ACCOUNT_SLOTS - 1))),
                Tuple.of(50, transferSpec().list().ofMinSize(1).ofMaxSize(4)
                        .map(transfers -> (Operation) new SubmitTransfers(transfers))),
                Tuple.of(6, uniform(0, 1_000)
                        .map(index -> (Operation) new RetryTransfers(index))),
                Tuple.of(9, Combinators.combine(accountSlot(97, false), Arbitraries.of(AccountOperation.class))
                        .as((slot, operation) -> (Operation) new ChangeAccount(slot, operation))),
                Tuple.of(12, Arbitraries.integers().between(0, 3)
                        .map(seconds -> (Operation) new AdvanceClock(seconds))),
                Tuple.of(3, Arbitraries.of(true, false).map(clean -> (Operation) new Restart(clean))));
        return any.list().ofMinSize(5).ofMaxSize(60)
                .map(rest -> Stream.concat(OPENING.stream(), rest.stream()).toList());
    }

    /**
     * Every sequence starts with the same accounts, so that transfers find accounts that can move money: in USD two
     * without balance rules, a deposit that may not be overdrawn and an asset that may not be in credit; one in EUR.
     */
    private static final List<Operation> OPENING = List.of(
            new OpenAccount(0, 1, AccountType.ASSET, 1, AccountFlags.NONE),
            new OpenAccount(1, 1, AccountType.LIABILITY, 1, AccountFlags.NONE),
            new OpenAccount(2, 1, AccountType.LIABILITY, 2, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            new OpenAccount(3, 1, AccountType.ASSET, 2, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS),
            new OpenAccount(4, 2, AccountType.ASSET, 1, AccountFlags.NONE));

    private static Arbitrary<Operation> openAccount(Arbitrary<Integer> slot) {
        @SuppressWarnings("unchecked")
        Arbitrary<Integer> flags = Arbitraries.frequencyOf(
                Tuple.of(55, Arbitraries.just(AccountFlags.NONE)),
                Tuple.of(25, Arbitraries.just(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)),
                Tuple.of(12, Arbitraries.just(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)),
                Tuple.of(2, Arbitraries.just(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
                        | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)),
                Tuple.of(3, Arbitraries.just(AccountFlags.FROZEN)),
                Tuple.of(3, Arbitraries.just(AccountFlags.CLOSED)));
        return Combinators.combine(slot, weighted(4, 80, 16), Arbitraries.of(AccountType.class),
                        Arbitraries.integers().between(1, 2), flags)
                .as((chosen, ledger, type, code, accountFlags) ->
                        (Operation) new OpenAccount(chosen, ledger, type, code, accountFlags));
    }

    private static Arbitrary<TransferSpec> transferSpec() {
        @SuppressWarnings("unchecked")
        Arbitrary<Kind> kind = Arbitraries.frequencyOf(
                Tuple.of(34, Arbitraries.just(Kind.SINGLE)), Tuple.of(34, Arbitraries.just(Kind.PENDING)),
                Tuple.of(18, Arbitraries.just(Kind.POST)), Tuple.of(11, Arbitraries.just(Kind.VOID)),
                Tuple.of(3, Arbitraries.just(Kind.PENDING_AND_VOID)));
        return kind.flatMap(chosen -> switch (chosen) {
            case POST, VOID -> resolving(chosen);
            default -> singlePhase(chosen);
        });
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<TransferSpec> singlePhase(Kind kind) {
        Arbitrary<Integer> id = kind == Kind.PENDING ? holdSlot() : otherSlot();
        Arbitrary<Integer> timeout = kind == Kind.PENDING
                ? Arbitraries.frequencyOf(Tuple.of(50, Arbitraries.just(0)),
                        Tuple.of(50, Arbitraries.integers().between(1, 4)))
                : Arbitraries.frequencyOf(Tuple.of(96, Arbitraries.just(0)), Tuple.of(4, Arbitraries.just(3)));
        Arbitrary<Integer> pendingSlot = Arbitraries.frequencyOf(Tuple.of(97, Arbitraries.just(-1)),
                Tuple.of(3, holdSlot()));
        Arbitrary<Integer> balancing = Arbitraries.frequencyOf(Tuple.of(80, Arbitraries.just(0)),
                Tuple.of(8, Arbitraries.just(1)), Tuple.of(8, Arbitraries.just(2)), Tuple.of(4, Arbitraries.just(3)));
        boolean hold = kind == Kind.PENDING;
        Arbitrary<Integer> code = Arbitraries.frequencyOf(Tuple.of(80, Arbitraries.just(1)),
                Tuple.of(10, Arbitraries.just(2)), Tuple.of(10, Arbitraries.just(0)));
        return spec(kind, id, accountSlot(97, hold), accountSlot(97, hold), amount(), weighted(3, 88, 9), balancing,
                timeout, pendingSlot, code);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<TransferSpec> resolving(Kind kind) {
        Arbitrary<Long> amount = kind == Kind.POST
                ? Arbitraries.frequencyOf(Tuple.of(35, Arbitraries.just(0L)),
                        Tuple.of(55, Arbitraries.longs().between(1, 150)), Tuple.of(5, Arbitraries.just(-1L)),
                        Tuple.of(5, Arbitraries.just(Long.MAX_VALUE)))
                : Arbitraries.frequencyOf(Tuple.of(80, Arbitraries.just(0L)),
                        Tuple.of(20, Arbitraries.longs().between(1, 150)));
        Arbitrary<Integer> timeout = Arbitraries.frequencyOf(Tuple.of(97, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.just(2)));
        Arbitrary<Integer> balancing = Arbitraries.frequencyOf(Tuple.of(97, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.just(1)));
        Arbitrary<Integer> pendingSlot = Arbitraries.frequencyOf(Tuple.of(88, holdSlot()),
                Tuple.of(9, otherSlot()), Tuple.of(3, Arbitraries.just(-1)));
        Arbitrary<Integer> account = Arbitraries.frequencyOf(Tuple.of(85, Arbitraries.just(-1)),
                Tuple.of(15, accountSlot(100, false)));
        Arbitrary<Integer> code = Arbitraries.frequencyOf(Tuple.of(70, Arbitraries.just(0)),
                Tuple.of(25, Arbitraries.just(1)), Tuple.of(5, Arbitraries.just(2)));
        return spec(kind, otherSlot(), account, account, amount, weighted(88, 10, 2), balancing, timeout,
                pendingSlot, code);
    }

    private static Arbitrary<TransferSpec> spec(Kind kind, Arbitrary<Integer> id, Arbitrary<Integer> debit,
                                                Arbitrary<Integer> credit, Arbitrary<Long> amount,
                                                Arbitrary<Integer> ledger, Arbitrary<Integer> balancing,
                                                Arbitrary<Integer> timeout, Arbitrary<Integer> pendingSlot,
                                                Arbitrary<Integer> code) {
        Arbitrary<Boolean> linked = percentTrue(15);
        Arbitrary<Boolean> reference = percentTrue(10);
        Arbitrary<List<Object>> head = Combinators.combine(id, debit, credit, amount, ledger)
                .as((idSlot, debitSlot, creditSlot, value, ledgerChoice) -> List.of(idSlot, debitSlot, creditSlot,
                        value, ledgerChoice));
        Arbitrary<List<Object>> tail = Combinators.combine(code, linked, balancing, timeout, pendingSlot, reference)
                .as((transferCode, isLinked, balancingBits, seconds, pending, hasReference) -> List.of(transferCode,
                        isLinked, balancingBits, seconds, pending, hasReference));
        return Combinators.combine(head, tail, percentTrue(90)).as((first, second, keepApart) -> new TransferSpec(kind,
                (Integer) first.get(0), (Integer) first.get(1),
                apart((Integer) first.get(1), (Integer) first.get(2), keepApart), (Long) first.get(3),
                (Integer) first.get(4), (Integer) second.get(0), (Boolean) second.get(1), (Integer) second.get(2),
                (Integer) second.get(3), (Integer) second.get(4), (Boolean) second.get(5)));
    }

    /** Mostly moves the credit slot off the debit slot: a transfer to itself is worth trying, but not that often. */
    private static int apart(int debitSlot, int creditSlot, boolean keepApart) {
        if (!keepApart || debitSlot < 0 || debitSlot != creditSlot) {
            return creditSlot;
        }
        return (creditSlot + 1) % OPENING.size();
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Long> amount() {
        return Arbitraries.frequencyOf(
                Tuple.of(80, Arbitraries.longs().between(1, 120)),
                Tuple.of(8, Arbitraries.longs().between(121, 5_000)),
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.just(-5L)),
                Tuple.of(5, Arbitraries.longs().between(Long.MAX_VALUE - 200, Long.MAX_VALUE)),
                Tuple.of(3, Arbitraries.just(1L << 61)));
    }

    /** Ids of holds: few, so that posts and voids meet them. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<Integer> holdSlot() {
        return Arbitraries.frequencyOf(Tuple.of(97, uniform(0, HOLD_SLOTS - 1)),
                Tuple.of(3, Arbitraries.just(-1)));
    }

    /** Ids of every other transfer. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<Integer> otherSlot() {
        return Arbitraries.frequencyOf(Tuple.of(97, uniform(HOLD_SLOTS, TRANSFER_SLOTS - 1)),
                Tuple.of(3, Arbitraries.just(-1)));
    }

    /**
     * An account slot, or -1 (the zero id) with the rest of the percentage. Mostly one of the USD accounts opened
     * first, and among those mostly the two without balance rules when {@code freeMoving}.
     */
    @SuppressWarnings("unchecked")
    private static Arbitrary<Integer> accountSlot(int percentSlot, boolean freeMoving) {
        Arbitrary<Integer> slot = Arbitraries.frequencyOf(
                Tuple.of(freeMoving ? 60 : 40, uniform(0, 1)),
                Tuple.of(freeMoving ? 25 : 40, uniform(2, 3)),
                Tuple.of(5, Arbitraries.just(4)),
                Tuple.of(10, uniform(OPENING.size(), ACCOUNT_SLOTS - 1)));
        return percentSlot == 100 ? slot : Arbitraries.frequencyOf(Tuple.of(percentSlot, slot),
                Tuple.of(100 - percentSlot, Arbitraries.just(-1)));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Boolean> percentTrue(int percent) {
        return Arbitraries.frequencyOf(Tuple.of(percent, Arbitraries.just(true)),
                Tuple.of(100 - percent, Arbitraries.just(false)));
    }

    /** Uniform, unlike jqwik's default integers, which favour small values. */
    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    /** Ledger choice 0, 1 or 2 with the given weights. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<Integer> weighted(int zero, int usd, int eur) {
        return Arbitraries.frequencyOf(Tuple.of(zero, Arbitraries.just(0)), Tuple.of(usd, Arbitraries.just(1)),
                Tuple.of(eur, Arbitraries.just(2)));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
