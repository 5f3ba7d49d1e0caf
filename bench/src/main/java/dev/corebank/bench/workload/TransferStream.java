package dev.corebank.bench.workload;

import java.util.UUID;

/**
 * The transfers of one workload, addressed by index: transfer {@code i} has the same id, accounts and amount for every
 * system, thread and run with the same seed. Systems run for a bounded time, so each consumes a prefix of the same
 * stream; a faster system simply gets further along it.
 */
public final class TransferStream {
    /** Amounts are 1..this many minor units (up to $100.00). */
    public static final int AMOUNT_MINOR_MAX = 10_000;
    public static final double ZIPF_EXPONENT_DEFAULT = 1.0;

    private static final long DEBIT_DRAW = 0;
    private static final long CREDIT_DRAW = 1;
    private static final long AMOUNT_DRAW = 2;
    private static final long COLLISION_DRAW = 3;
    private static final int DRAWS_PER_TRANSFER = 4;

    private final BenchAccounts accounts;
    private final Workload workload;
    private final ZipfSampler zipf;
    private final long key;

    private final int round;

    /**
     * @param round which of several streams of the same workload: a repeat against a system that keeps its state (the
     *              server) needs new transfer ids, and every system gets the same stream for the same round
     */
    public TransferStream(BenchAccounts accounts, Workload workload, ZipfSampler zipf, int round) {
        if (round < 0) {
            throw new IllegalArgumentException("round must not be negative round=" + round);
        }
        this.accounts = accounts;
        this.round = round;
        this.workload = workload;
        this.zipf = zipf;
        if (workload == Workload.ZIPF && (zipf == null || zipf.ranks() != accounts.count())) {
            throw new IllegalArgumentException("the zipf workload needs a sampler over all accounts accounts="
                    + accounts.count());
        }
        this.key = StreamRandom.mix(accounts.seed() ^ StreamRandom.mix(workload.ordinal() + 1L)
                ^ StreamRandom.mix(StreamRandom.mix(round + 1L)));
    }

    /** Round 0 of a workload, with the default Zipf exponent. */
    public static TransferStream of(BenchAccounts accounts, Workload workload) {
        return of(accounts, workload, 0);
    }

    public static TransferStream of(BenchAccounts accounts, Workload workload, int round) {
        ZipfSampler zipf = workload == Workload.ZIPF ? new ZipfSampler(accounts.count(), ZIPF_EXPONENT_DEFAULT) : null;
        return new TransferStream(accounts, workload, zipf, round);
    }

    public BenchAccounts accounts() {
        return accounts;
    }

    public Workload workload() {
        return workload;
    }

    public int round() {
        return round;
    }

    public UUID id(long index) {
        return BenchAccounts.uuid(key, index);
    }

    /** The customer account index the transfer debits. */
    public int debit(long index) {
        int count = accounts.count();
        long bits = draw(index, DEBIT_DRAW);
        return switch (workload) {
            case UNIFORM -> StreamRandom.below(bits, count);
            case HOT_ACCOUNT -> BenchAccounts.HOT_ACCOUNT_INDEX;
            case ZIPF -> zipf.sample(StreamRandom.unit(bits));
        };
    }

    /** The customer account index the transfer credits; never the debit account. */
    public int credit(long index) {
        int count = accounts.count();
        int debit = debit(index);
        long bits = draw(index, CREDIT_DRAW);
        if (workload == Workload.ZIPF) {
            int credit = zipf.sample(StreamRandom.unit(bits));
            if (credit != debit) {
                return credit;
            }
            // A collision moves to a uniformly chosen other account, so the pair stays distinct and deterministic.
            return (debit + 1 + StreamRandom.below(draw(index, COLLISION_DRAW), count - 1)) % count;
        }
        // Draw among the count - 1 other accounts and step over the debit account.
        int credit = StreamRandom.below(bits, count - 1);
        return credit >= debit ? credit + 1 : credit;
    }

    public long amountMinor(long index) {
        return 1 + StreamRandom.below(draw(index, AMOUNT_DRAW), AMOUNT_MINOR_MAX);
    }

    private long draw(long index, long which) {
        return StreamRandom.bits(key, index * DRAWS_PER_TRANSFER + which);
    }
}
