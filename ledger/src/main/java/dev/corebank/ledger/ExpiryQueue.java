package dev.corebank.ledger;

import java.util.Arrays;

/**
 * A min-heap of (expiry timestamp, transfer slot) for pending transfers with a timeout. Entries whose transfer was
 * posted or voided meanwhile stay in the heap and are skipped when they come due, which keeps removal O(1).
 */
final class ExpiryQueue {
    private long[] expiresAt = new long[64];
    private int[] slots = new int[64];
    private int size;

    int size() {
        return size;
    }

    void add(long expiresAtNanos, int slot) {
        if (size == slots.length) {
            expiresAt = Arrays.copyOf(expiresAt, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        int index = size++;
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (expiresAt[parent] <= expiresAtNanos) {
                break;
            }
            expiresAt[index] = expiresAt[parent];
            slots[index] = slots[parent];
            index = parent;
        }
        expiresAt[index] = expiresAtNanos;
        slots[index] = slot;
    }

    /** The earliest expiry, or Long.MAX_VALUE when empty. */
    long peekExpiresAt() {
        return size == 0 ? Long.MAX_VALUE : expiresAt[0];
    }

    int peekSlot() {
        Check.that(size > 0, "peek on an empty expiry queue");
        return slots[0];
    }

    void removeFirst() {
        Check.that(size > 0, "remove from an empty expiry queue");
        size--;
        long lastExpiresAt = expiresAt[size];
        int lastSlot = slots[size];
        int index = 0;
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && expiresAt[child + 1] < expiresAt[child]) {
                child++;
            }
            if (lastExpiresAt <= expiresAt[child]) {
                break;
            }
            expiresAt[index] = expiresAt[child];
            slots[index] = slots[child];
            index = child;
        }
        expiresAt[index] = lastExpiresAt;
        slots[index] = lastSlot;
    }
}
