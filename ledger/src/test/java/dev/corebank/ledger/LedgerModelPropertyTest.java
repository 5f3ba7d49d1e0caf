package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.harness.Draw;
import dev.corebank.ledger.harness.RunSummary;
import dev.corebank.ledger.harness.SeededProperty;
import dev.corebank.ledger.harness.Trial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of operations run against the engine and against {@link ReferenceLedger}, a model written from the
 * documented semantics. After every step the result codes, every balance and flag of every account, and every stored
 * transfer must agree; restarts in between must keep the state hash. The lists of operations come from seeded tries
 * (see {@link SeededProperty}); a failure names the seed that replays it.
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

    private static final int TRIES = 200;

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

    private static final Set<ResultCode> NOT_GENERATED = EnumSet.of(ResultCode.VALUE_DATE_NOT_OPEN,
            ResultCode.BUSINESS_DATE_NOT_NEXT, ResultCode.EXCEEDS_OVERDRAFT_LIMIT);

    @Test
    void theEngineAgreesWithTheReferenceModel() {
        Set<ResultCode> reached = EnumSet.noneOf(ResultCode.class);
        RunSummary summary = SeededProperty.of("LedgerModelPropertyTest#theEngineAgreesWithTheReferenceModel",
                TRIES, LedgerModelPropertyTest::operations, () -> new Run(reached)).run();
        // Guards the generators: every result code is reached across a run at full strength. If a change to the
        // generators stopped reaching one, the property would say nothing about its rule.
        // The model does not generate business date moves or overdraft limits yet: their three codes are checked by
        // BusinessDateTest's scenarios instead, and are the only ones this run is not asked to reach.
        if (summary.atFullStrength()) {
            Set<ResultCode> expected = EnumSet.allOf(ResultCode.class);
            expected.removeAll(NOT_GENERATED);
            assertThat(reached).as("result codes reached across the run")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** One try: an engine and a model side by side. */
    private static final class Run implements Trial<Operation> {
        private final ManualClock clock = new ManualClock();
        private final Set<ResultCode> reached;
        private final Path directory;
        private final LedgerConfig config;
        private final ReferenceLedger model;
        private final List<List<Transfer>> history = new ArrayList<>();
        private final List<Integer> holdsSubmitted = new ArrayList<>();
        private LedgerEngine engine;
        private long lastTimestamp;

        Run(Set<ResultCode> reached) {
            this.reached = reached;
            try {
                directory = Files.createTempDirectory("ledger-model");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the engine", e);
            }
            config = TestLedger.config(directory, clock).withLimits(ACCOUNTS_MAX, TRANSFERS_MAX);
            model = new ReferenceLedger(ACCOUNTS_MAX, TRANSFERS_MAX, clock.nanos());
            engine = LedgerEngine.open(config);
        }

        @Override
        public void apply(int step, Operation operation) {
            perform(step, operation);
            compareState(step);
        }

        /** A restart without a snapshot last, so that every run also ends with a replay of the whole journal. */
        @Override
        public void finish(int step) {
            restart(step(step), false);
            compareState(step);
        }

        @Override
        public void close() throws IOException {
            try {
                engine.close();
            } finally {
                deleteRecursively(directory);
            }
        }

        private void perform(int step, Operation operation) {
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
                reached.add(code);
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

    // ---- generators: each draws from the try's random source and nothing else ----

    private static List<Operation> operations(SplittableRandom random) {
        int count = Draw.between(random, 5, 60);
        List<Operation> operations = new ArrayList<>(OPENING);
        for (int index = 0; index < count; index++) {
            operations.add(operation(random));
        }
        return operations;
    }

    private static Operation operation(SplittableRandom random) {
        return switch (Draw.weighted(random, 8, 50, 6, 9, 12, 3)) {
            case 0 -> openAccount(random);
            case 1 -> submitTransfers(random);
            case 2 -> new RetryTransfers(Draw.between(random, 0, 1_000));
            case 3 -> new ChangeAccount(accountSlot(random, 97, false),
                    Draw.oneOf(random, List.of(AccountOperation.values())));
            case 4 -> new AdvanceClock(Draw.between(random, 0, 3));
            default -> new Restart(random.nextBoolean());
        };
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

    private static Operation openAccount(SplittableRandom random) {
        int flags = switch (Draw.weighted(random, 55, 25, 12, 2, 3, 3)) {
            case 0 -> AccountFlags.NONE;
            case 1 -> AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS;
            case 2 -> AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS;
            case 3 -> AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS;
            case 4 -> AccountFlags.FROZEN;
            default -> AccountFlags.CLOSED;
        };
        return new OpenAccount(Draw.between(random, 0, ACCOUNT_SLOTS - 1), ledgerChoice(random, 4, 80, 16),
                Draw.oneOf(random, List.of(AccountType.values())), Draw.between(random, 1, 2), flags);
    }

    private static Operation submitTransfers(SplittableRandom random) {
        int count = Draw.between(random, 1, 4);
        List<TransferSpec> transfers = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            transfers.add(transferSpec(random));
        }
        return new SubmitTransfers(transfers);
    }

    private static TransferSpec transferSpec(SplittableRandom random) {
        Kind kind = Kind.values()[Draw.weighted(random, 34, 34, 18, 11, 3)];
        return kind == Kind.POST || kind == Kind.VOID ? resolving(random, kind) : singlePhase(random, kind);
    }

    private static TransferSpec singlePhase(SplittableRandom random, Kind kind) {
        boolean hold = kind == Kind.PENDING;
        int id = hold ? holdSlot(random) : otherSlot(random);
        int timeout = hold
                ? (Draw.percent(random, 50) ? 0 : Draw.between(random, 1, 4))
                : (Draw.percent(random, 96) ? 0 : 3);
        int pendingSlot = Draw.percent(random, 97) ? -1 : holdSlot(random);
        int balancing = Draw.weighted(random, 80, 8, 8, 4);
        int code = new int[] {1, 2, 0}[Draw.weighted(random, 80, 10, 10)];
        int debit = accountSlot(random, 97, hold);
        int credit = apart(debit, accountSlot(random, 97, hold), Draw.percent(random, 90));
        return new TransferSpec(kind, id, debit, credit, amount(random), ledgerChoice(random, 3, 88, 9), code,
                Draw.percent(random, 15), balancing, timeout, pendingSlot, Draw.percent(random, 10));
    }

    private static TransferSpec resolving(SplittableRandom random, Kind kind) {
        long amount = kind == Kind.POST
                ? switch (Draw.weighted(random, 35, 55, 5, 5)) {
                    case 0 -> 0L;
                    case 1 -> Draw.between(random, 1L, 150L);
                    case 2 -> -1L;
                    default -> Long.MAX_VALUE;
                }
                : (Draw.percent(random, 80) ? 0L : Draw.between(random, 1L, 150L));
        int timeout = Draw.percent(random, 97) ? 0 : 2;
        int balancing = Draw.percent(random, 97) ? 0 : 1;
        int pendingSlot = switch (Draw.weighted(random, 88, 9, 3)) {
            case 0 -> holdSlot(random);
            case 1 -> otherSlot(random);
            default -> -1;
        };
        int code = new int[] {0, 1, 2}[Draw.weighted(random, 70, 25, 5)];
        int debit = Draw.percent(random, 85) ? -1 : accountSlot(random, 100, false);
        int credit = apart(debit, Draw.percent(random, 85) ? -1 : accountSlot(random, 100, false),
                Draw.percent(random, 90));
        return new TransferSpec(kind, otherSlot(random), debit, credit, amount, ledgerChoice(random, 88, 10, 2), code,
                Draw.percent(random, 15), balancing, timeout, pendingSlot, Draw.percent(random, 10));
    }

    /** Mostly moves the credit slot off the debit slot: a transfer to itself is worth trying, but not that often. */
    private static int apart(int debitSlot, int creditSlot, boolean keepApart) {
        if (!keepApart || debitSlot < 0 || debitSlot != creditSlot) {
            return creditSlot;
        }
        return (creditSlot + 1) % OPENING.size();
    }

    private static long amount(SplittableRandom random) {
        return switch (Draw.weighted(random, 80, 8, 3, 1, 5, 3)) {
            case 0 -> Draw.between(random, 1L, 120L);
            case 1 -> Draw.between(random, 121L, 5_000L);
            case 2 -> 0L;
            case 3 -> -5L;
            case 4 -> Draw.between(random, Long.MAX_VALUE - 200, Long.MAX_VALUE);
            default -> 1L << 61;
        };
    }

    /** Ids of holds: few, so that posts and voids meet them. */
    private static int holdSlot(SplittableRandom random) {
        return Draw.percent(random, 97) ? Draw.between(random, 0, HOLD_SLOTS - 1) : -1;
    }

    /** Ids of every other transfer. */
    private static int otherSlot(SplittableRandom random) {
        return Draw.percent(random, 97) ? Draw.between(random, HOLD_SLOTS, TRANSFER_SLOTS - 1) : -1;
    }

    /**
     * An account slot with the given chance in percent, otherwise -1 (the zero id). Mostly one of the USD accounts
     * opened first, and among those mostly the two without balance rules when {@code freeMoving}.
     */
    private static int accountSlot(SplittableRandom random, int percentSlot, boolean freeMoving) {
        if (!Draw.percent(random, percentSlot)) {
            return -1;
        }
        return switch (Draw.weighted(random, freeMoving ? 60 : 40, freeMoving ? 25 : 40, 5, 10)) {
            case 0 -> Draw.between(random, 0, 1);
            case 1 -> Draw.between(random, 2, 3);
            case 2 -> 4;
            default -> Draw.between(random, OPENING.size(), ACCOUNT_SLOTS - 1);
        };
    }

    /** Ledger choice 0, 1 or 2 with the given weights. */
    private static int ledgerChoice(SplittableRandom random, int zero, int usd, int eur) {
        return Draw.weighted(random, zero, usd, eur);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
