package dev.corebank.ledger;

import static dev.corebank.ledger.TestLedger.EUR;
import static dev.corebank.ledger.TestLedger.USD;
import static dev.corebank.ledger.TestLedger.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One scenario per way of reaching each result code, for accounts, transfers and account changes. The table is
 * checked to cover every constant of {@link ResultCode}, so a new code cannot be added without a scenario that
 * reaches it.
 */
class ResultCodeTest {
    private static final int JPY = Ledgers.numericCode("JPY");
    private static final int GBP = Ledgers.numericCode("GBP");

    @TempDir
    static Path shared;
    private static TestLedger ledger;

    @BeforeAll
    static void openSharedLedger() {
        ledger = TestLedger.open(shared);
    }

    @AfterAll
    static void closeSharedLedger() {
        ledger.close();
    }

    /** A way to reach a result code. {@code scratch} is an empty directory for scenarios that need their own engine. */
    interface Reach {
        ResultCode run(TestLedger ledger, Path scratch);
    }

    record Scenario(ResultCode expected, String operation, String situation, Reach reach) {
        @Override
        public String toString() {
            return expected.wireName() + " when " + operation + " " + situation;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(accountScenarios(), accountChangeScenarios(), transferFieldScenarios(),
                transferStateScenarios(), twoPhaseScenarios(), limitScenarios(), businessDateScenarios())
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void reachesTheResultCodeOfTheScenario(Scenario scenario, @TempDir Path scratch) {
        assertThat(scenario.reach().run(ledger, scratch)).isEqualTo(scenario.expected());
    }

    @Test
    void everyResultCodeIsReachedByAScenario() {
        Set<ResultCode> reached = scenarios().map(Scenario::expected)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ResultCode.class)));
        assertThat(reached).containsExactlyInAnyOrder(ResultCode.values());
    }

    @Test
    void everyKindOfOperationHasScenariosForTheCodesItCanReturn() {
        Set<String> operations = scenarios().map(Scenario::operation).collect(Collectors.toSet());
        assertThat(operations).containsExactlyInAnyOrder("opening an account", "changing an account",
                "creating a transfer", "moving the business date");
    }

    @Test
    void resultCodeNumbersFollowTheDeclaredPrecedenceOrderAndRoundTrip() {
        ResultCode[] codes = ResultCode.values();
        for (int index = 1; index < codes.length; index++) {
            assertThat(codes[index].number()).isGreaterThan(codes[index - 1].number());
        }
        for (ResultCode code : codes) {
            assertThat(ResultCode.ofNumber(code.number())).isSameAs(code);
            assertThat(code.wireName()).isEqualTo(code.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void theResultCodeTableOfTheDocsListsEveryCodeInPrecedenceOrderWithItsNumber() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(Path.of("..", "docs", "ledger.md"));
        int section = docs.indexOf("## Result codes and their precedence");
        List<String[]> rows = docs.substring(section, docs.indexOf("\n## ", section + 1)).lines()
                .map(line -> line.split("\\|"))
                .filter(cells -> cells.length >= 3 && cells[1].strip().matches("\\d+"))
                .toList();
        List<String> documented = rows.stream()
                .filter(cells -> !cells[2].strip().startsWith("retired"))
                .map(cells -> cells[1].strip() + " " + cells[2].strip().replace("`", ""))
                .toList();
        List<String> declared = Stream.of(ResultCode.values())
                .map(code -> code.number() + " " + code.wireName())
                .toList();
        assertThat(documented).containsExactlyElementsOf(declared);
        // A retired code stays in the table as "retired: `name`", so its number is visibly taken.
        List<Integer> documentedRetired = rows.stream()
                .filter(cells -> cells[2].strip().startsWith("retired"))
                .map(cells -> Integer.valueOf(cells[1].strip()))
                .toList();
        assertThat(documentedRetired).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(ResultCode.retiredNumbers()).boxed().toList());
    }

    @Test
    void refusesANumberingThatUsesANumberTwice() {
        assertThatThrownBy(() -> ResultCode.checkNumbers(new int[] {0, 1, 1}, new int[] {}))
                .hasMessageContaining("used twice number=1");
    }

    @Test
    void refusesANumberingThatGivesARetiredNumberToACode() {
        assertThatThrownBy(() -> ResultCode.checkNumbers(new int[] {0, 1, 2}, new int[] {1}))
                .hasMessageContaining("both in use and retired number=1");
    }

    @Test
    void refusesANumberingWhereACodeWasDeletedWithoutReservingItsNumber() {
        assertThatThrownBy(() -> ResultCode.checkNumbers(new int[] {0, 2}, new int[] {}))
                .hasMessageContaining("number=");
        ResultCode.checkNumbers(new int[] {0, 2}, new int[] {1});
    }

    @Test
    void refusesToDecodeARetiredOrUnknownNumber() {
        for (int retired : ResultCode.retiredNumbers()) {
            assertThatThrownBy(() -> ResultCode.ofNumber(retired)).hasMessageContaining("retired");
        }
        int beyond = ResultCode.values().length + ResultCode.retiredNumbers().length;
        assertThatThrownBy(() -> ResultCode.ofNumber(beyond)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultCode.ofNumber(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- opening accounts ----

    private static List<Scenario> accountScenarios() {
        String operation = "opening an account";
        return List.of(
                new Scenario(ResultCode.OK, operation, "with valid fields",
                        (ledger, scratch) -> ledger.createAccount(asset(id()))),
                new Scenario(ResultCode.ID_MUST_NOT_BE_ZERO, operation, "with the zero id",
                        (ledger, scratch) -> ledger.createAccount(asset(Ids.ZERO))),
                new Scenario(ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE, operation, "with both balance rules",
                        (ledger, scratch) -> ledger.createAccount(Account.open(id(), USD, AccountType.ASSET, 1,
                                AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
                                        | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS))),
                new Scenario(ResultCode.LEDGER_MUST_NOT_BE_ZERO, operation, "in ledger zero",
                        (ledger, scratch) -> ledger.createAccount(Account.open(id(), 0, AccountType.ASSET, 1, 0))),
                new Scenario(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, operation, "again with another code",
                        (ledger, scratch) -> {
                            UUID account = id();
                            ledger.createAccount(asset(account));
                            return ledger.createAccount(Account.open(account, USD, AccountType.ASSET, 2, 0));
                        }),
                new Scenario(ResultCode.EXISTS, operation, "again with the same fields",
                        (ledger, scratch) -> {
                            UUID account = id();
                            ledger.createAccount(asset(account));
                            return ledger.createAccount(asset(account));
                        }),
                new Scenario(ResultCode.ACCOUNT_CLOSED, operation, "already closed",
                        (ledger, scratch) -> ledger.createAccount(Account.open(id(), USD, AccountType.ASSET, 1,
                                AccountFlags.CLOSED))),
                new Scenario(ResultCode.CAPACITY_EXCEEDED, operation, "beyond accountsMax",
                        (ledger, scratch) -> {
                            try (TestLedger small = limited(scratch, 1, 10)) {
                                small.createAccount(asset(id()));
                                return small.createAccount(asset(id()));
                            }
                        }));
    }

    // ---- freezing, unfreezing and closing accounts ----

    private static List<Scenario> accountChangeScenarios() {
        String operation = "changing an account";
        return List.of(
                new Scenario(ResultCode.OK, operation, "by freezing an open account",
                        (ledger, scratch) -> ledger.change(ledger.unrestricted(), AccountOperation.FREEZE)),
                new Scenario(ResultCode.ID_MUST_NOT_BE_ZERO, operation, "with the zero id",
                        (ledger, scratch) -> ledger.change(Ids.ZERO, AccountOperation.FREEZE)),
                new Scenario(ResultCode.ACCOUNT_NOT_FOUND, operation, "that does not exist",
                        (ledger, scratch) -> ledger.change(id(), AccountOperation.UNFREEZE)),
                new Scenario(ResultCode.ACCOUNT_CLOSED, operation, "that is closed",
                        (ledger, scratch) -> {
                            UUID account = ledger.unrestricted();
                            ledger.change(account, AccountOperation.CLOSE);
                            return ledger.change(account, AccountOperation.FREEZE);
                        }),
                new Scenario(ResultCode.ACCOUNT_BALANCE_NOT_ZERO, operation, "by closing it with money on it",
                        (ledger, scratch) -> {
                            UUID account = ledger.deposit();
                            ledger.fund(ledger.unrestricted(), account, 10);
                            return ledger.change(account, AccountOperation.CLOSE);
                        }),
                new Scenario(ResultCode.ACCOUNT_HAS_PENDING_TRANSFERS, operation, "by closing it with a hold",
                        (ledger, scratch) -> {
                            UUID account = ledger.unrestricted();
                            ledger.transfer(TransferBuilder.pending(ledger.unrestricted(), account, 10).build());
                            return ledger.change(account, AccountOperation.CLOSE);
                        }));
    }

    // ---- transfers: the item's own fields and the chain ----

    private static List<Scenario> transferFieldScenarios() {
        String operation = "creating a transfer";
        return List.of(
                new Scenario(ResultCode.OK, operation, "between two open accounts",
                        (ledger, scratch) -> ledger.transfer(plain(ledger, 10).build())),
                new Scenario(ResultCode.LINKED_EVENT_FAILED, operation, "linked to an item that fails",
                        (ledger, scratch) -> ledger.transfers(plain(ledger, 10).linked().build(),
                                plain(ledger, 0).build()).getFirst()),
                new Scenario(ResultCode.LINKED_EVENT_CHAIN_OPEN, operation, "linked as the last item of the batch",
                        (ledger, scratch) -> ledger.transfers(plain(ledger, 10).linked().build()).getFirst()),
                new Scenario(ResultCode.ID_MUST_NOT_BE_ZERO, operation, "with the zero id",
                        (ledger, scratch) -> ledger.transfer(plain(ledger, 10).id(Ids.ZERO).build())),
                new Scenario(ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE, operation, "both pending and posting",
                        (ledger, scratch) -> ledger.transfer(plain(ledger, 10)
                                .flags(TransferFlags.PENDING | TransferFlags.POST_PENDING).build())),
                new Scenario(ResultCode.FLAGS_ARE_MUTUALLY_EXCLUSIVE, operation, "posting with a balancing flag",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.post(id(), 0)
                                .flags(TransferFlags.POST_PENDING | TransferFlags.BALANCING_DEBIT).build())),
                new Scenario(ResultCode.LEDGER_MUST_NOT_BE_ZERO, operation, "in ledger zero",
                        (ledger, scratch) -> ledger.transfer(plain(ledger, 10).ledger(0).build())),
                new Scenario(ResultCode.PENDING_ID_MUST_BE_ZERO, operation, "single-phase naming a pending id",
                        (ledger, scratch) -> ledger.transfer(plain(ledger, 10).pendingId(id()).build())),
                new Scenario(ResultCode.PENDING_ID_MUST_NOT_BE_ZERO, operation, "posting without a pending id",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.post(Ids.ZERO, 0).build())),
                new Scenario(ResultCode.PENDING_ID_MUST_BE_DIFFERENT, operation, "posting itself",
                        (ledger, scratch) -> {
                            UUID self = id();
                            return ledger.transfer(TransferBuilder.post(self, 0).id(self).build());
                        }),
                new Scenario(ResultCode.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER, operation, "single-phase with a timeout",
                        (ledger, scratch) -> ledger.transfer(plain(ledger, 10).timeoutSeconds(5).build())),
                new Scenario(ResultCode.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER, operation, "posting with a timeout",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.post(id(), 0).timeoutSeconds(5).build())),
                new Scenario(ResultCode.AMOUNT_MUST_BE_POSITIVE, operation, "single-phase of zero",
                        (ledger, scratch) -> ledger.transfer(plain(ledger, 0).build())),
                new Scenario(ResultCode.AMOUNT_MUST_BE_POSITIVE, operation, "posting a negative amount",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.post(id(), -1).build())),
                new Scenario(ResultCode.ACCOUNTS_MUST_BE_DIFFERENT, operation, "from an account to itself",
                        (ledger, scratch) -> {
                            UUID account = ledger.unrestricted();
                            return ledger.transfer(TransferBuilder.single(account, account, 10).build());
                        }),
                new Scenario(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, operation, "again with another amount",
                        (ledger, scratch) -> {
                            Transfer first = plain(ledger, 10).build();
                            ledger.transfer(first);
                            return ledger.transfer(new TransferBuilder().id(first.id())
                                    .accounts(first.debitAccountId(), first.creditAccountId()).amount(11).build());
                        }),
                new Scenario(ResultCode.EXISTS, operation, "again with the same fields",
                        (ledger, scratch) -> {
                            Transfer first = plain(ledger, 10).build();
                            ledger.transfer(first);
                            return ledger.transfer(first);
                        }));
    }

    // ---- transfers: accounts and their state ----

    private static List<Scenario> transferStateScenarios() {
        String operation = "creating a transfer";
        return List.of(
                new Scenario(ResultCode.DEBIT_ACCOUNT_NOT_FOUND, operation, "from an unknown account",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(id(), ledger.unrestricted(), 10)
                                .build())),
                new Scenario(ResultCode.CREDIT_ACCOUNT_NOT_FOUND, operation, "to an unknown account",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(ledger.unrestricted(), id(), 10)
                                .build())),
                new Scenario(ResultCode.DEBIT_ACCOUNT_NOT_FOUND, operation, "from the zero account id",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(Ids.ZERO, ledger.unrestricted(),
                                10).build())),
                new Scenario(ResultCode.CREDIT_ACCOUNT_NOT_FOUND, operation, "to the zero account id",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(ledger.unrestricted(), Ids.ZERO,
                                10).build())),
                new Scenario(ResultCode.LEDGER_MISMATCH, operation, "between accounts of two ledgers",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(ledger.unrestricted(),
                                ledger.account(EUR, AccountType.ASSET, 0), 10).build())),
                new Scenario(ResultCode.LEDGER_MISMATCH, operation, "in another ledger than its accounts",
                        (ledger, scratch) -> ledger.transfer(plain(ledger, 10).ledger(EUR).build())),
                new Scenario(ResultCode.ACCOUNT_CLOSED, operation, "to a closed account",
                        (ledger, scratch) -> {
                            UUID closed = ledger.unrestricted();
                            ledger.change(closed, AccountOperation.CLOSE);
                            return ledger.transfer(TransferBuilder.single(ledger.unrestricted(), closed, 10).build());
                        }),
                new Scenario(ResultCode.ACCOUNT_FROZEN, operation, "from a frozen account",
                        (ledger, scratch) -> {
                            UUID frozen = ledger.unrestricted();
                            ledger.change(frozen, AccountOperation.FREEZE);
                            return ledger.transfer(TransferBuilder.single(frozen, ledger.unrestricted(), 10).build());
                        }),
                new Scenario(ResultCode.OVERFLOW, operation, "past Long.MAX_VALUE on the debit account",
                        (ledger, scratch) -> {
                            UUID debit = ledger.account(JPY, AccountType.ASSET, 0);
                            UUID credit = ledger.account(JPY, AccountType.ASSET, 0);
                            ledger.transfer(TransferBuilder.single(debit, credit, Long.MAX_VALUE).ledger(JPY).build());
                            return ledger.transfer(TransferBuilder.single(debit, credit, 1).ledger(JPY).build());
                        }),
                new Scenario(ResultCode.EXCEEDS_CREDITS, operation, "overdrawing a deposit account",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(ledger.deposit(),
                                ledger.unrestricted(), 1).build())),
                new Scenario(ResultCode.EXCEEDS_DEBITS, operation, "crediting an asset beyond its debits",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(ledger.unrestricted(),
                                ledger.account(USD, AccountType.ASSET, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS), 1)
                                .build())),
                new Scenario(ResultCode.EXCEEDS_CREDITS, operation, "balancing from an empty deposit account",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(ledger.deposit(),
                                ledger.unrestricted(), 5).flags(TransferFlags.BALANCING_DEBIT).build())),
                new Scenario(ResultCode.EXCEEDS_DEBITS, operation, "balancing into a full asset account",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.single(ledger.unrestricted(),
                                ledger.account(USD, AccountType.ASSET, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS), 5)
                                .flags(TransferFlags.BALANCING_CREDIT).build())));
    }

    // ---- two-phase transfers ----

    private static List<Scenario> twoPhaseScenarios() {
        String operation = "creating a transfer";
        return List.of(
                new Scenario(ResultCode.PENDING_TRANSFER_NOT_FOUND, operation, "posting an unknown hold",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.post(id(), 0).build())),
                new Scenario(ResultCode.PENDING_TRANSFER_NOT_PENDING, operation, "posting a single-phase transfer",
                        (ledger, scratch) -> {
                            UUID single = ledger.fund(ledger.unrestricted(), ledger.unrestricted(), 10);
                            return ledger.transfer(TransferBuilder.post(single, 0).build());
                        }),
                new Scenario(ResultCode.PENDING_TRANSFER_HAS_DIFFERENT_FIELDS, operation, "posting to other accounts",
                        (ledger, scratch) -> {
                            UUID hold = hold(ledger, 10, 0);
                            return ledger.transfer(TransferBuilder.post(hold, 0)
                                    .accounts(ledger.unrestricted(), ledger.unrestricted()).build());
                        }),
                new Scenario(ResultCode.PENDING_TRANSFER_HAS_DIFFERENT_FIELDS, operation, "voiding in another ledger",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.voidPending(hold(ledger, 10, 0))
                                .ledger(EUR).build())),
                new Scenario(ResultCode.PENDING_TRANSFER_ALREADY_POSTED, operation, "posting a hold twice",
                        (ledger, scratch) -> {
                            UUID hold = hold(ledger, 10, 0);
                            ledger.transfer(TransferBuilder.post(hold, 0).build());
                            return ledger.transfer(TransferBuilder.post(hold, 0).build());
                        }),
                new Scenario(ResultCode.PENDING_TRANSFER_ALREADY_VOIDED, operation, "posting a voided hold",
                        (ledger, scratch) -> {
                            UUID hold = hold(ledger, 10, 0);
                            ledger.transfer(TransferBuilder.voidPending(hold).build());
                            return ledger.transfer(TransferBuilder.post(hold, 0).build());
                        }),
                new Scenario(ResultCode.PENDING_TRANSFER_EXPIRED, operation, "posting a hold after its timeout",
                        (ledger, scratch) -> {
                            UUID hold = hold(ledger, 10, 1);
                            ledger.clock.advanceSeconds(2);
                            return ledger.transfer(TransferBuilder.post(hold, 0).build());
                        }),
                new Scenario(ResultCode.EXCEEDS_PENDING_TRANSFER_AMOUNT, operation, "posting more than the hold",
                        (ledger, scratch) -> ledger.transfer(TransferBuilder.post(hold(ledger, 10, 0), 11).build())),
                new Scenario(ResultCode.ACCOUNT_FROZEN, operation, "posting a hold on a frozen account",
                        (ledger, scratch) -> {
                            UUID debit = ledger.unrestricted();
                            Transfer hold = TransferBuilder.pending(debit, ledger.unrestricted(), 10).build();
                            ledger.transfer(hold);
                            ledger.change(debit, AccountOperation.FREEZE);
                            return ledger.transfer(TransferBuilder.post(hold.id(), 0).build());
                        }));
    }

    // ---- named limits ----

    private static List<Scenario> limitScenarios() {
        String operation = "creating a transfer";
        return List.of(
                new Scenario(ResultCode.CAPACITY_EXCEEDED, operation, "beyond transfersMax",
                        (ledger, scratch) -> {
                            try (TestLedger small = limited(scratch, 10, 1)) {
                                small.fund(small.unrestricted(), small.unrestricted(), 1);
                                return small.transfer(plain(small, 1).build());
                            }
                        }),
                new Scenario(ResultCode.OVERFLOW, operation, "a hold past Long.MAX_VALUE in the ledger",
                        (ledger, scratch) -> {
                            UUID first = ledger.account(GBP, AccountType.ASSET, 0);
                            ledger.transfer(TransferBuilder.single(first, ledger.account(GBP, AccountType.ASSET, 0),
                                    Long.MAX_VALUE).ledger(GBP).build());
                            return ledger.transfer(TransferBuilder.pending(ledger.account(GBP, AccountType.ASSET, 0),
                                    ledger.account(GBP, AccountType.ASSET, 0), 1).ledger(GBP).build());
                        }));
    }

    // ---- business dates, dormancy and overdrafts: each on its own engine, since the business date is bank-wide ----

    private static final java.time.LocalDate DAY = java.time.LocalDate.of(2028, 3, 31);

    private static List<Scenario> businessDateScenarios() {
        return List.of(
                new Scenario(ResultCode.BUSINESS_DATE_NOT_NEXT, "moving the business date", "backwards",
                        (ledger, scratch) -> {
                            try (TestLedger own = TestLedger.open(scratch)) {
                                own.moveBusinessDate(DAY, null);
                                return own.moveBusinessDate(DAY.minusDays(1), null);
                            }
                        }),
                new Scenario(ResultCode.VALUE_DATE_NOT_OPEN, "creating a transfer", "on a closed business date",
                        (ledger, scratch) -> {
                            try (TestLedger own = TestLedger.open(scratch)) {
                                own.moveBusinessDate(DAY, null);
                                Transfer transfer = plain(own, 1).build();
                                return own.submit(new LedgerCommand.CreateTransfers(List.of(transfer), false,
                                        DAY.minusDays(1))).codes()[0];
                            }
                        }),
                new Scenario(ResultCode.ACCOUNT_DORMANT, "creating a transfer", "from a dormant account",
                        (ledger, scratch) -> {
                            UUID dormant = ledger.unrestricted();
                            ledger.change(dormant, AccountOperation.MARK_DORMANT);
                            return ledger.transfer(TransferBuilder.single(dormant, ledger.unrestricted(), 1).build());
                        }),
                new Scenario(ResultCode.EXCEEDS_OVERDRAFT_LIMIT, "creating a transfer", "beyond the overdraft limit",
                        (ledger, scratch) -> {
                            UUID customer = ledger.deposit();
                            ledger.setOverdraftLimit(customer, 10);
                            return ledger.transfer(TransferBuilder.single(customer, ledger.unrestricted(), 11)
                                    .build());
                        }));
    }

    // ---- helpers ----

    private static Account asset(UUID id) {
        return Account.open(id, USD, AccountType.ASSET, 1, 0);
    }

    private static TransferBuilder plain(TestLedger ledger, long amount) {
        return TransferBuilder.single(ledger.unrestricted(), ledger.unrestricted(), amount);
    }

    private static UUID hold(TestLedger ledger, long amount, int timeoutSeconds) {
        Transfer hold = TransferBuilder.pending(ledger.unrestricted(), ledger.unrestricted(), amount)
                .timeoutSeconds(timeoutSeconds).build();
        assertThat(ledger.transfer(hold)).isEqualTo(ResultCode.OK);
        return hold.id();
    }

    private static TestLedger limited(Path scratch, int accountsMax, int transfersMax) {
        ManualClock clock = new ManualClock();
        return TestLedger.open(TestLedger.config(scratch, clock).withLimits(accountsMax, transfersMax), clock);
    }
}
