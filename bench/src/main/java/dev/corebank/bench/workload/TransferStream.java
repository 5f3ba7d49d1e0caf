package dev.corebank.bench.workload;

import java.util.UUID;

/**
 * The transfers of one workload, addressed by index: transfer {@code i} has the same accounts and amount for every
 * system, thread and run with the same seed and round. Systems run for a bounded time, so each consumes a prefix of
 * the same stream; a faster system simply gets further along it.
 *
 * <p>Transfer ids also depend on an id namespace. Systems that share one server (the two HTTP modes) take different
 * namespaces, so that the second does not send the first one's ids again, which would be idempotent repeats rather
 * than transfers; who pays whom and how much stays the same.
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
    private static final long ID_KEY = 0x7472616E73666572L;

    private final BenchAccounts accounts;
    private final Workload workload;
    private final ZipfSampler zipf;
    private final int round;
    private final int idNamespace;
    /** Keys the accounts and amounts: seed, workload and round. */
    private final long key;
    /** Keys the ids: the same, plus the id namespace. */
    private final long idKey;

    /**
     * @param round       which of several streams of the same workload: a repeat against a system that keeps its
     *                    state (the server) needs new transfers, and every system gets the same stream for a round
     * @param idNamespace which family of transfer ids; see the class comment
     */
    public TransferStream(BenchAccounts accounts, Workload workload, ZipfSampler zipf, int round, int idNamespace) {
        if (round < 0 || idNamespace < 0) {
            throw new IllegalArgumentException("round and idNamespace must not be negative round=" + round
                    + " idNamespace=" + idNamespace);
        }
        if (workload == Workload.ZIPF && (zipf == null || zipf.ranks() != accounts.count())) {
            throw new IllegalArgumentException("the zipf workload needs a sampler over all accounts accounts="
                    + accounts.count());
        }
        this.accounts = accounts;
        this.workload = workload;
        this.zipf = zipf;
        this.round = round;
        this.idNamespace = idNamespace;
        this.key = StreamRandom.mix(accounts.seed() ^ StreamRandom.mix(workload.ordinal() + 1L)
                ^ StreamRandom.mix(StreamRandom.mix(round + 1L)));
        this.idKey = StreamRandom.mix(key ^ ID_KEY ^ StreamRandom.mix(idNamespace + 1L));
    }

    /** Round 0 of a workload, with the default Zipf exponent and id namespace 0. */
    public static TransferStream of(BenchAccounts accounts, Workload workload) {
        return of(accounts, workload, 0);
    }

    public static TransferStream of(BenchAccounts accounts, Workload workload, int round) {
        return of(accounts, workload, round, 0);
    }

    public static TransferStream of(BenchAccounts accounts, Workload workload, int round, int idNamespace) {
        ZipfSampler zipf = workload == Workload.ZIPF ? new ZipfSampler(accounts.count(), ZIPF_EXPONENT_DEFAULT) : null;
        return new TransferStream(accounts, workload, zipf, round, idNamespace);
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

    public int idNamespace() {
        return idNamespace;
    }

    public UUID id(long index) {
        return BenchAccounts.uuid(idKey, index);
    }

    /** The customer account index the transfer debits. */
    public int debit(long index) {
        long bits = draw(index, DEBIT_DRAW);
        return switch (workload) {
            case UNIFORM -> StreamRandom.below(bits, accounts.count());
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
