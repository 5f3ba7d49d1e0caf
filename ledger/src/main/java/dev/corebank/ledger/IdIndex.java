package dev.corebank.ledger;

import java.util.Arrays;
import java.util.UUID;

/**
 * An open-addressing hash map from a 128-bit id to a non-negative int slot, with linear probing and backward-shift
 * deletion. It allocates nothing per operation, which keeps the engine's hot path free of garbage. The all-zero id
 * marks an empty bucket, which is safe because zero is never a valid id. Not thread-safe: only the engine thread uses
 * it.
 */
final class IdIndex {
    static final int ABSENT = -1;
    private static final double LOAD_FACTOR_MAX = 0.5;

    private long[] keysHigh;
    private long[] keysLow;
    private int[] values;
    private int mask;
    private int size;
    private final int sizeMax;

    IdIndex(int capacityInitial, int sizeMax) {
        Check.that(capacityInitial > 0 && sizeMax > 0, "index sizes must be positive");
        this.sizeMax = sizeMax;
        allocate(Integer.highestOneBit(Math.max(16, capacityInitial * 2 - 1)) << 1);
    }

    int size() {
        return size;
    }

    int get(UUID id) {
        return get(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    int get(long high, long low) {
        int bucket = bucket(high, low);
        while (true) {
            long keyHigh = keysHigh[bucket];
            long keyLow = keysLow[bucket];
            if (keyHigh == high && keyLow == low) {
                return values[bucket];
            }
            if (keyHigh == 0 && keyLow == 0) {
                return ABSENT;
            }
            bucket = (bucket + 1) & mask;
        }
    }

    void put(UUID id, int value) {
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        Check.that(high != 0 || low != 0, "the zero id cannot be indexed");
        Check.that(value >= 0, "index values must not be negative value=%d", value);
        Check.that(size < sizeMax, "index is full sizeMax=%d", sizeMax);
        if (size + 1 > (int) (values.length * LOAD_FACTOR_MAX)) {
            grow();
        }
        int bucket = bucket(high, low);
        while (keysHigh[bucket] != 0 || keysLow[bucket] != 0) {
            Check.that(keysHigh[bucket] != high || keysLow[bucket] != low, "id indexed twice id=%s", id);
            bucket = (bucket + 1) & mask;
        }
        keysHigh[bucket] = high;
        keysLow[bucket] = low;
        values[bucket] = value;
        size++;
    }

    /** Removes the id; the following run of the probe sequence is shifted back so that lookups stay correct. */
    void remove(UUID id) {
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        int bucket = bucket(high, low);
        while (keysHigh[bucket] != high || keysLow[bucket] != low) {
            Check.that(keysHigh[bucket] != 0 || keysLow[bucket] != 0, "removing an id that is not indexed id=%s", id);
            bucket = (bucket + 1) & mask;
        }
        int hole = bucket;
        int next = (hole + 1) & mask;
        while (keysHigh[next] != 0 || keysLow[next] != 0) {
            int home = bucket(keysHigh[next], keysLow[next]);
            // The entry at next may move into the hole only if its home bucket is not cyclically in (hole, next].
            boolean homeBetween = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
            if (!homeBetween) {
                keysHigh[hole] = keysHigh[next];
                keysLow[hole] = keysLow[next];
                values[hole] = values[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keysHigh[hole] = 0;
        keysLow[hole] = 0;
        values[hole] = ABSENT;
        size--;
    }

    private int bucket(long high, long low) {
        long mixed = high * 0x9E3779B97F4A7C15L ^ low;
        mixed ^= mixed >>> 33;
        mixed *= 0xFF51AFD7ED558CCDL;
        mixed ^= mixed >>> 33;
        return (int) mixed & mask;
    }

    private void grow() {
        long[] oldHigh = keysHigh;
        long[] oldLow = keysLow;
        int[] oldValues = values;
        allocate(values.length * 2);
        for (int index = 0; index < oldValues.length; index++) {
            if (oldHigh[index] != 0 || oldLow[index] != 0) {
                int bucket = bucket(oldHigh[index], oldLow[index]);
                while (keysHigh[bucket] != 0 || keysLow[bucket] != 0) {
                    bucket = (bucket + 1) & mask;
                }
                keysHigh[bucket] = oldHigh[index];
                keysLow[bucket] = oldLow[index];
                values[bucket] = oldValues[index];
            }
        }
    }

    private void allocate(int capacity) {
        Check.that(Integer.bitCount(capacity) == 1, "capacity must be a power of two capacity=%d", capacity);
        keysHigh = new long[capacity];
        keysLow = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, ABSENT);
        mask = capacity - 1;
    }
}
