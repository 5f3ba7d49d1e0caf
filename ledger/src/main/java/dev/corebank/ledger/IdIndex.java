package dev.corebank.ledger;

import java.util.UUID;

/**
 * An open-addressing hash map from a 128-bit id to a non-negative int slot, with linear probing and backward-shift
 * deletion. Each bucket is three adjacent longs (id high, id low, slot), so a probe costs one cache line rather than
 * one per array: with millions of random ids the table is far larger than the CPU caches, and this is the engine's
 * hottest memory access. It allocates nothing per operation. The all-zero id marks an empty bucket, which is safe
 * because zero is never a valid id. Not thread-safe: only the engine thread uses it.
 */
final class IdIndex {
    static final int ABSENT = -1;
    /**
     * The most ids an index can hold: at the load factor, 2^28 ids take 2^29 buckets of three longs, the largest table
     * a Java array holds (2^30 buckets would not fit). {@link LedgerConfig#validate()} keeps accountsMax and
     * transfersMax within it, so the engine meets its own limit, answered with capacity_exceeded, before a table that
     * cannot grow.
     */
    static final int SIZE_LIMIT = 1 << 28;
    private static final int STRIDE = 3;
    private static final int LOAD_PERCENT_MAX = 50;

    private long[] table;
    private int mask;
    private int size;
    private final int sizeMax;

    IdIndex(int capacityInitial, int sizeMax) {
        if (capacityInitial <= 0 || sizeMax <= 0) {
            throw new IllegalArgumentException("index sizes must be positive capacityInitial=" + capacityInitial
                    + " sizeMax=" + sizeMax);
        }
        if (sizeMax > SIZE_LIMIT) {
            throw new IllegalArgumentException("index sizeMax beyond what a table can hold sizeMax=" + sizeMax
                    + " sizeLimit=" + SIZE_LIMIT);
        }
        this.sizeMax = sizeMax;
        allocate(Integer.highestOneBit(Math.max(16, capacityInitial) - 1) << 2);
    }

    int size() {
        return size;
    }

    int get(UUID id) {
        return get(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    int get(long high, long low) {
        long[] buckets = table;
        int bucket = bucket(high, low, mask);
        while (true) {
            int at = bucket * STRIDE;
            long keyHigh = buckets[at];
            long keyLow = buckets[at + 1];
            // The empty check comes first: an empty bucket's key is the zero id, and its slot field holds no slot.
            if (keyHigh == 0 && keyLow == 0) {
                return ABSENT;
            }
            if (keyHigh == high && keyLow == low) {
                return (int) buckets[at + 2];
            }
            bucket = (bucket + 1) & mask;
        }
    }

    void put(UUID id, int value) {
        put(id.getMostSignificantBits(), id.getLeastSignificantBits(), value);
    }

    /** As {@link #put(UUID, int)}, for an id held as its two halves. */
    void put(long high, long low, int value) {
        Check.that(high != 0 || low != 0, "the zero id cannot be indexed");
        Check.that(value >= 0, "index values must not be negative value=%d", value);
        Check.that(size < sizeMax, "index is full sizeMax=%d", sizeMax);
        if ((long) (size + 1) * 100 > (long) (mask + 1) * LOAD_PERCENT_MAX) {
            grow();
        }
        long[] buckets = table;
        int bucket = bucket(high, low, mask);
        while (true) {
            int at = bucket * STRIDE;
            long keyHigh = buckets[at];
            long keyLow = buckets[at + 1];
            if (keyHigh == 0 && keyLow == 0) {
                break;
            }
            // A plain test in the probe loop, not Check.that with its arguments: this loop is what rebuilding the
            // index of millions of transfers from a snapshot spends its time in.
            if (keyHigh == high && keyLow == low) {
                throw new Check.InvariantViolation("id indexed twice id=" + new UUID(high, low));
            }
            bucket = (bucket + 1) & mask;
        }
        store(bucket, high, low, value);
        size++;
    }

    /** Removes the id; the following run of the probe sequence is shifted back so that lookups stay correct. */
    void remove(UUID id) {
        remove(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** As {@link #remove(UUID)}, for an id held as its two halves, so that removing one builds no UUID. */
    void remove(long high, long low) {
        int bucket = bucket(high, low, mask);
        while (table[bucket * STRIDE] != high || table[bucket * STRIDE + 1] != low) {
            Check.that(table[bucket * STRIDE] != 0 || table[bucket * STRIDE + 1] != 0,
                    "removing an id that is not indexed idHigh=%d idLow=%d", high, low);
            bucket = (bucket + 1) & mask;
        }
        int hole = bucket;
        int next = (hole + 1) & mask;
        while (table[next * STRIDE] != 0 || table[next * STRIDE + 1] != 0) {
            int home = bucket(table[next * STRIDE], table[next * STRIDE + 1], mask);
            // The entry at next may move into the hole only if its home bucket is not cyclically in (hole, next].
            boolean homeBetween = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
            if (!homeBetween) {
                store(hole, table[next * STRIDE], table[next * STRIDE + 1], (int) table[next * STRIDE + 2]);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        store(hole, 0, 0, ABSENT);
        size--;
    }

    private void store(int bucket, long high, long low, int value) {
        table[bucket * STRIDE] = high;
        table[bucket * STRIDE + 1] = low;
        table[bucket * STRIDE + 2] = value;
    }

    private static int bucket(long high, long low, int mask) {
        long mixed = high * 0x9E3779B97F4A7C15L ^ low;
        mixed ^= mixed >>> 33;
        mixed *= 0xFF51AFD7ED558CCDL;
        mixed ^= mixed >>> 33;
        return (int) mixed & mask;
    }

    private void grow() {
        long[] old = table;
        int oldBuckets = mask + 1;
        allocate(oldBuckets * 2);
        for (int bucket = 0; bucket < oldBuckets; bucket++) {
            long high = old[bucket * STRIDE];
            long low = old[bucket * STRIDE + 1];
            if (high != 0 || low != 0) {
                int target = bucket(high, low, mask);
                while (table[target * STRIDE] != 0 || table[target * STRIDE + 1] != 0) {
                    target = (target + 1) & mask;
                }
                store(target, high, low, (int) old[bucket * STRIDE + 2]);
            }
        }
    }

    private void allocate(int buckets) {
        Check.that(Integer.bitCount(buckets) == 1, "bucket count must be a power of two buckets=%d", buckets);
        Check.that((long) buckets * STRIDE <= Integer.MAX_VALUE - 8, "index too large buckets=%d", buckets);
        table = new long[buckets * STRIDE];
        mask = buckets - 1;
    }
}
