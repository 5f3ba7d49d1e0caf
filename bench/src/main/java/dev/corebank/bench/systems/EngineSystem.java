package dev.corebank.bench.systems;

import dev.corebank.bench.run.Outcomes;
import dev.corebank.bench.run.UnitExecutor;
import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;
import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.Durability;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.Ledgers;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The ledger engine in this process, submitting batches of transfers and waiting for each batch's future, which
 * completes only once the batch is in the journal and (with {@link Durability#FSYNC}) fsynced. Each workload gets a
 * fresh engine in a fresh directory, so runs do not carry each other's transfers in memory.
 */
public final class EngineSystem implements SystemUnderTest {
    /** How long one batch may take before the run counts it as failed. */
    public static final long BATCH_TIMEOUT_SECONDS = 60;
    /**
     * Heap one stored transfer takes, with room for the garbage around it: the engine keeps every transfer in memory,
     * and about 200 to 300 bytes each were measured.
     */
    public static final long HEAP_BYTES_PER_TRANSFER = 300;
    /** Share of the maximum heap a run may fill with stored transfers. */
    public static final double HEAP_SHARE_FOR_TRANSFERS = 0.7;

    private final String name;
    private final Durability durability;
    private final Path dataRoot;
    private final int batchSize;
    private final int concurrency;
    private final long transfersMax;
    private final EngineMetrics metrics = new EngineMetrics();
    private final int ledger = Ledgers.numericCode(BenchAccounts.LEDGER);
    private LedgerEngine engine;
    private Path dataDirectory;
    private BenchAccounts accounts;

    /**
     * @param dataRoot     where each run's journal directory is created (a disk for FSYNC, tmpfs for an in-memory run)
     * @param transfersMax the most transfers one run may store, so the engine's in-memory limit can be set to fit
     */
    public EngineSystem(String name, Durability durability, Path dataRoot, int batchSize, int concurrency,
                        long transfersMax) {
        if (batchSize <= 0 || batchSize > LedgerConfig.BATCH_SIZE_MAX_DEFAULT) {
            throw new IllegalArgumentException("batchSize must be in 1.." + LedgerConfig.BATCH_SIZE_MAX_DEFAULT
                    + " batchSize=" + batchSize);
        }
        this.name = name;
        this.durability = durability;
        this.dataRoot = dataRoot;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.transfersMax = transfersMax;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "ledger engine in-process, durability=" + durability.name().toLowerCase(java.util.Locale.ROOT)
                + ", batches of " + batchSize + ", " + concurrency + " batches in flight";
    }

    @Override
    public int unitSize() {
        return batchSize;
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    /** As many transfers as fit the heap, so that a long run on a small machine stops by count instead of failing. */
    @Override
    public long transfersPerRunMax() {
        return (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE_FOR_TRANSFERS / HEAP_BYTES_PER_TRANSFER);
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    @Override
    public void prepare(BenchAccounts benchAccounts, TransferStream stream) throws Exception {
        closeEngine();
        this.accounts = benchAccounts;
        Files.createDirectories(dataRoot);
        dataDirectory = Files.createTempDirectory(dataRoot, "corebank-bench-engine-");
        int accountsMax = benchAccounts.count() + 1;
        long transfersLimit = Math.min(Integer.MAX_VALUE - 8L, transfersMax + benchAccounts.count());
        // Preallocate what a run can store, as a node expecting that volume would: growing the transfer columns
        // and id index by doubling stops the engine thread for the copy, which would show as latency spikes.
        int preallocated = (int) Math.min(transfersLimit, transfersPerRunMax() + benchAccounts.count());
        LedgerConfig config = LedgerConfig.defaults(dataDirectory).withDurability(durability)
                .withLimits(accountsMax, (int) transfersLimit).withTransfersPreallocated(preallocated);
        engine = LedgerEngine.open(config, metrics);
        openAccounts(benchAccounts);
        fundAccounts(benchAccounts);
        metrics.reset();
    }

    private void openAccounts(BenchAccounts benchAccounts) throws Exception {
        List<Account> toOpen = new ArrayList<>(benchAccounts.count() + 1);
        toOpen.add(Account.open(benchAccounts.cashAccountId(), ledger, AccountType.ASSET,
                BenchAccounts.CASH_ACCOUNT_CODE, AccountFlags.NONE));
        for (int index = 0; index < benchAccounts.count(); index++) {
            toOpen.add(Account.open(benchAccounts.id(index), ledger, AccountType.LIABILITY,
                    BenchAccounts.CUSTOMER_ACCOUNT_CODE, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS));
        }
        for (List<Account> chunk : chunks(toOpen)) {
            requireAllOk("open accounts", engine.createAccounts(chunk, TraceId.NONE)
                    .get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
    }

    private void fundAccounts(BenchAccounts benchAccounts) throws Exception {
        List<Transfer> deposits = new ArrayList<>(benchAccounts.count());
        for (int index = 0; index < benchAccounts.count(); index++) {
            deposits.add(Transfer.of(benchAccounts.fundingTransferId(index), benchAccounts.cashAccountId(),
                    benchAccounts.id(index), benchAccounts.openingBalanceMinor(), ledger,
                    BenchAccounts.FUNDING_TRANSFER_CODE));
        }
        for (List<Transfer> chunk : chunks(deposits)) {
            requireAllOk("fund accounts", engine.createTransfers(chunk, TraceId.NONE)
                    .get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
    }

    private static void requireAllOk(String what, BatchResult result) {
        for (int index = 0; index < result.size(); index++) {
            if (result.code(index) != ResultCode.OK) {
                throw new IllegalStateException(what + " failed index=" + index + " result="
                        + result.code(index).wireName());
            }
        }
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += LedgerConfig.BATCH_SIZE_MAX_DEFAULT) {
            chunks.add(items.subList(from, Math.min(items.size(), from + LedgerConfig.BATCH_SIZE_MAX_DEFAULT)));
        }
        return chunks;
    }

    @Override
    public UnitExecutor<List<Transfer>> executor(TransferStream stream) {
        LedgerEngine running = engine;
        return new UnitExecutor<>() {
            @Override
            public List<Transfer> prepare(long first, int count) {
                List<Transfer> batch = new ArrayList<>(count);
                for (long index = first; index < first + count; index++) {
                    batch.add(transfer(stream, index));
                }
                return batch;
            }

            @Override
            public void execute(List<Transfer> batch, long first, int count, Outcomes outcomes) throws Exception {
                BatchResult result = running.createTransfers(batch, TraceId.NONE)
                        .get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                for (int item = 0; item < count; item++) {
                    outcomes.set(first + item, result.code(item) == ResultCode.OK ? Outcomes.ACCEPTED
                            : Outcomes.REJECTED);
                }
            }
        };
    }

    private Transfer transfer(TransferStream stream, long index) {
        return Transfer.of(stream.id(index), accounts.id(stream.debit(index)), accounts.id(stream.credit(index)),
                stream.amountMinor(index), ledger, BenchAccounts.CUSTOMER_TRANSFER_CODE);
    }

    @Override
    public Snapshot snapshot(TransferStream stream, long sentEnd) throws Exception {
        long[] balances = new long[accounts.count()];
        List<UUID> ids = new ArrayList<>(accounts.count());
        for (int index = 0; index < accounts.count(); index++) {
            ids.add(accounts.id(index));
        }
        int index = 0;
        for (List<UUID> chunk : chunks(ids)) {
            List<Account> found = engine.lookupAccounts(chunk).get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (found.size() != chunk.size()) {
                throw new IllegalStateException("engine lost accounts asked=" + chunk.size() + " found="
                        + found.size());
            }
            for (Account account : found) {
                balances[index++] = account.balance();
            }
        }
        return new Snapshot(balances, countStored(stream, sentEnd));
    }

    private long countStored(TransferStream stream, long sentEnd) throws Exception {
        long stored = 0;
        for (long first = 0; first < sentEnd; first += LedgerConfig.BATCH_SIZE_MAX_DEFAULT) {
            long end = Math.min(sentEnd, first + LedgerConfig.BATCH_SIZE_MAX_DEFAULT);
            List<UUID> ids = new ArrayList<>((int) (end - first));
            for (long index = first; index < end; index++) {
                ids.add(stream.id(index));
            }
            List<TransferState> found = engine.lookupTransfers(ids).get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            stored += found.size();
        }
        return stored;
    }

    private void closeEngine() {
        if (engine != null) {
            // No snapshot: the directory is deleted next, and a snapshot of millions of transfers would only add time.
            engine.closeWithoutSnapshot();
            engine = null;
        }
        if (dataDirectory != null) {
            Directories.deleteQuietly(dataDirectory);
            dataDirectory = null;
        }
    }

    @Override
    public void close() {
        closeEngine();
    }
}
