package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine thread's hot path allocates nothing per transfer: deciding, storing and journaling a CREATE_TRANSFERS
 * batch, and the always-on totals check after it. The test thread drives the state machine directly, as the engine
 * thread does, and the JVM counts the bytes the thread allocated.
 *
 * <p>What is measured: {@link StateMachine#createTransfers} into a recycled {@link WriteBatch} and
 * {@link BatchResult}, then {@link LedgerState#checkTotals}. What is not: the per-batch objects the engine makes
 * around that (the two {@code BatchResult}s and their arrays, one completion entry in the write batch), and the
 * caller's own {@code Transfer} objects. Every other single-phase transfer and hold carries a reference, some of it
 * outside ASCII, since a reference is encoded to UTF-8 into the journal on this path too.
 */
class HotPathAllocationTest {
    private static final int BATCH_SIZE = 500;
    private static final int WARM_UP_ROUNDS = 40;
    private static final int MEASURED_ROUNDS = 40;
    /**
     * Bytes allowed for all measured batches of one kind together (40 batches, 20,000 transfers; twice that for
     * holds): room for a few stray objects the JVM itself may charge to the thread (72 bytes were seen once), but less
     * than one 16-byte object per batch, so an allocation per batch (say a varargs array in the totals check) fails as
     * surely as one per transfer. Measured: 0 bytes for every kind.
     */
    private static final long ALLOWANCE_BYTES = 512;

    enum Kind { SINGLE_PHASE, PENDING, POST, VOID, EXISTS_REPEAT, LINKED_CHAIN_UNDONE }

    private final ManualClock clock = new ManualClock();
    private final LedgerState state = new LedgerState(16, 1 << 20, 1 << 18);
    private final StateMachine machine = new StateMachine(state, clock);
    private final WriteBatch entry = new WriteBatch(JournalFormat.ENTRY_HEADER_BYTES
            + BATCH_SIZE * EventCodec.EVENT_BYTES_MAX);
    private final BatchResult result = new BatchResult(new ResultCode[BATCH_SIZE], new long[BATCH_SIZE], 0);
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final UUID debit = UUID.randomUUID();
    private final UUID credit = UUID.randomUUID();

    @BeforeEach
    void openTwoAccounts() {
        WriteBatch accounts = new WriteBatch(4096);
        accounts.openEntry(Provenance.NONE, BusinessDate.NONE);
        machine.beginBatch();
        machine.createAccounts(List.of(Account.open(debit, TestLedger.USD, AccountType.ASSET, 1, 0),
                Account.open(credit, TestLedger.USD, AccountType.LIABILITY, 2, 0)),
                List.of(Profile.EMPTY, Profile.EMPTY), new BatchResult(new ResultCode[2], new long[2], 0), accounts);
        accounts.closeEntry(state.lastTimestamp);
    }

    @Test
    void allocatesNothingPerTransferForEveryKindOfTransferAndTheTotalsCheck() {
        int rounds = WARM_UP_ROUNDS + MEASURED_ROUNDS;
        List<List<Transfer>> singles = new ArrayList<>();
        List<List<Transfer>> holdsToPost = new ArrayList<>();
        List<List<Transfer>> holdsToVoid = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            singles.add(batchOf(index -> TransferBuilder.single(debit, credit, 1 + index)
                    .reference(index % 2 == 0 ? "" : "INV-" + index).build()));
            holdsToPost.add(batchOf(index -> TransferBuilder.pending(debit, credit, 10)
                    .reference(index % 2 == 0 ? "" : "ငွေ € 💸 " + index).build()));
            holdsToVoid.add(batchOf(index -> TransferBuilder.pending(debit, credit, 10).build()));
        }
        List<Transfer> chains = batchOf(index -> index % 2 == 0
                ? TransferBuilder.single(debit, credit, 1).linked().build()
                : TransferBuilder.single(debit, UUID.randomUUID(), 1).build());
        Map<Kind, Long> measured = new EnumMap<>(Kind.class);
        for (int round = 0; round < rounds; round++) {
            List<Transfer> posts = batchOf(holdsToPost.get(round), hold -> TransferBuilder.post(hold.id(), 0).build());
            List<Transfer> voids = batchOf(holdsToVoid.get(round), hold -> TransferBuilder.voidPending(hold.id())
                    .build());
            Map<Kind, Long> bytes = new EnumMap<>(Kind.class);
            bytes.put(Kind.SINGLE_PHASE, apply(singles.get(round), ResultCode.OK));
            bytes.put(Kind.PENDING, apply(holdsToPost.get(round), ResultCode.OK)
                    + apply(holdsToVoid.get(round), ResultCode.OK));
            bytes.put(Kind.POST, apply(posts, ResultCode.OK));
            bytes.put(Kind.VOID, apply(voids, ResultCode.OK));
            bytes.put(Kind.EXISTS_REPEAT, apply(singles.get(round), ResultCode.EXISTS));
            bytes.put(Kind.LINKED_CHAIN_UNDONE, apply(chains, null));
            if (round >= WARM_UP_ROUNDS) {
                bytes.forEach((kind, allocated) -> measured.merge(kind, allocated, Long::sum));
            }
        }
        long transfersPerKind = (long) MEASURED_ROUNDS * BATCH_SIZE;
        measured.forEach((kind, allocated) -> System.out.printf(java.util.Locale.ROOT,
                "hot path allocation kind=%s bytes=%d transfers=%d bytesPerTransfer=%.3f%n", kind, allocated,
                kind == Kind.PENDING ? 2 * transfersPerKind : transfersPerKind,
                (double) allocated / (kind == Kind.PENDING ? 2 * transfersPerKind : transfersPerKind)));
        assertThat(measured).hasSize(Kind.values().length);
        measured.forEach((kind, allocated) -> assertThat(allocated).as("bytes allocated for kind=" + kind)
                .isLessThanOrEqualTo(ALLOWANCE_BYTES));
    }

    /**
     * Applies one batch as the engine thread does and checks every item got {@code expected} (a failed chain when
     * null); returns the bytes the thread allocated for it.
     */
    private long apply(List<Transfer> batch, ResultCode expected) {
        entry.reset(0);
        long before = threads.getCurrentThreadAllocatedBytes();
        entry.openEntry(Provenance.NONE, BusinessDate.NONE);
        machine.beginBatch();
        machine.createTransfers(batch, BusinessDate.NONE, result, entry);
        state.checkTotals();
        entry.closeEntry(state.lastTimestamp);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        clock.advanceNanos(1_000_000);
        if (expected == null) {
            assertThat(codesOf(batch.size())).containsOnly(ResultCode.LINKED_EVENT_FAILED,
                    ResultCode.CREDIT_ACCOUNT_NOT_FOUND);
        } else {
            assertThat(codesOf(batch.size())).containsOnly(expected);
        }
        return allocated;
    }

    private List<ResultCode> codesOf(int size) {
        return List.of(result.codes()).subList(0, size);
    }

    private static List<Transfer> batchOf(java.util.function.IntFunction<Transfer> transfer) {
        List<Transfer> batch = new ArrayList<>(BATCH_SIZE);
        for (int index = 0; index < BATCH_SIZE; index++) {
            batch.add(transfer.apply(index));
        }
        return List.copyOf(batch);
    }

    private static List<Transfer> batchOf(List<Transfer> holds, java.util.function.Function<Transfer, Transfer> step) {
        return holds.stream().map(step).toList();
    }
}
