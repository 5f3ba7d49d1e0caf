package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ledger engine on a test's data directory with a manual clock, and short synchronous helpers around it, so that a
 * test reads as the scenario it checks. Durability is NONE: the tests that need fsync say so themselves.
 */
final class TestLedger implements AutoCloseable {
    static final int USD = Ledgers.numericCode("USD");
    static final int EUR = Ledgers.numericCode("EUR");
    private static final long FUTURE_TIMEOUT_SECONDS = 30;
    private static final AtomicLong IDS = new AtomicLong();

    final ManualClock clock;
    final LedgerConfig config;
    private LedgerEngine engine;

    TestLedger(LedgerConfig config, ManualClock clock) {
        this.clock = clock;
        this.config = config;
        this.engine = LedgerEngine.open(config);
    }

    static LedgerConfig config(Path data, ManualClock clock) {
        return LedgerConfig.defaults(data).withDurability(Durability.NONE).withClock(clock);
    }

    static TestLedger open(Path data) {
        ManualClock clock = new ManualClock();
        return new TestLedger(config(data, clock), clock);
    }

    static TestLedger open(LedgerConfig config, ManualClock clock) {
        return new TestLedger(config, clock);
    }

    /** A fresh id, unique in the test run and never zero. */
    static UUID id() {
        return new UUID(0x5EED, IDS.incrementAndGet());
    }

    LedgerEngine engine() {
        return engine;
    }

    // ---- accounts ----

    /** Opens an account and insists that it opened. */
    UUID account(int ledger, AccountType type, int flags) {
        UUID id = id();
        assertThat(createAccount(Account.open(id, ledger, type, 1, flags))).isEqualTo(ResultCode.OK);
        return id;
    }

    /** A customer deposit account: a liability that may never be overdrawn. */
    UUID deposit() {
        return account(USD, AccountType.LIABILITY, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
    }

    /** An account without balance rules. */
    UUID unrestricted() {
        return account(USD, AccountType.ASSET, AccountFlags.NONE);
    }

    ResultCode createAccount(Account account) {
        return createAccounts(account).getFirst();
    }

    List<ResultCode> createAccounts(Account... accounts) {
        return codes(await(engine.createAccounts(List.of(accounts), TraceId.NONE)));
    }

    ResultCode change(UUID accountId, AccountOperation operation) {
        return codes(await(engine.changeAccounts(List.of(new AccountChange(accountId, operation)), TraceId.NONE)))
                .getFirst();
    }

    Account lookup(UUID accountId) {
        List<Account> found = await(engine.lookupAccounts(List.of(accountId)));
        assertThat(found).as("account %s", accountId).hasSize(1);
        return found.getFirst();
    }

    // ---- transfers ----

    ResultCode transfer(Transfer transfer) {
        return transfers(transfer).getFirst();
    }

    List<ResultCode> transfers(Transfer... transfers) {
        return codes(submit(transfers));
    }

    BatchResult submit(Transfer... transfers) {
        return await(engine.createTransfers(List.of(transfers), TraceId.NONE));
    }

    /** Moves money with a plain transfer and insists that it moved. */
    UUID fund(UUID debit, UUID credit, long amount) {
        Transfer transfer = TransferBuilder.single(debit, credit, amount).build();
        assertThat(transfer(transfer)).isEqualTo(ResultCode.OK);
        return transfer.id();
    }

    Optional<TransferState> lookupTransfer(UUID transferId) {
        List<TransferState> found = await(engine.lookupTransfers(List.of(transferId)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    TransferState stored(UUID transferId) {
        return lookupTransfer(transferId).orElseThrow(() -> new AssertionError("transfer not found " + transferId));
    }

    // ---- the business date and overdrafts ----

    BatchResult submit(LedgerCommand command) {
        return await(engine.submit(command, Provenance.NONE));
    }

    ResultCode moveBusinessDate(LocalDate current, LocalDate closing) {
        return submit(new LedgerCommand.ChangeBusinessDate(new BusinessDate(current, closing))).codes()[0];
    }

    BusinessDate businessDate() {
        return await(engine.lookupBusinessDate());
    }

    ResultCode setOverdraftLimit(UUID accountId, long limit) {
        return submit(new LedgerCommand.SetOverdraftLimits(List.of(new OverdraftLimit(accountId, limit)))).codes()[0];
    }

    // ---- the whole state ----

    String stateHash() {
        return await(engine.stateHash());
    }

    long committedPosition() {
        return engine.committedPosition();
    }

    /** Every committed journal entry, read from the first. */
    List<JournalEntry> journal() {
        List<JournalEntry> entries = new ArrayList<>();
        try (JournalReader reader = engine.openReader()) {
            while (true) {
                List<JournalEntry> read = reader.read(entries.size() + 1, JournalReader.READ_ENTRIES_MAX);
                if (read.isEmpty()) {
                    return entries;
                }
                entries.addAll(read);
            }
        }
    }

    /** Every event in the journal, in order. */
    List<LedgerEvent> events() {
        return journal().stream().flatMap(entry -> entry.events().stream()).toList();
    }

    // ---- lifecycle ----

    /** A clean stop (with a snapshot) and a new start on the same directory. */
    RecoveryReport restart() {
        engine.close();
        engine = LedgerEngine.open(config);
        return engine.recovery();
    }

    /** A stop without a snapshot, so the new start replays the journal. */
    RecoveryReport restartWithoutSnapshot() {
        engine.closeWithoutSnapshot();
        engine = LedgerEngine.open(config);
        return engine.recovery();
    }

    void stopWithoutSnapshot() {
        engine.closeWithoutSnapshot();
    }

    @Override
    public void close() {
        engine.close();
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(FUTURE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new AssertionError("engine call failed: " + failed, failed);
        }
    }

    static List<ResultCode> codes(BatchResult result) {
        return Arrays.asList(result.codes());
    }
}
