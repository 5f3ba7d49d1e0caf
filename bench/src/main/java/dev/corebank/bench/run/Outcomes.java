package dev.corebank.bench.run;

/**
 * What happened to each transfer of a run, by stream index. Each index is written by the one worker that sent it and
 * read only after every worker has been joined, so a plain array is enough.
 */
public final class Outcomes {
    public static final byte NOT_SENT = 0;
    public static final byte ACCEPTED = 1;
    public static final byte REJECTED = 2;
    /** The request failed or timed out: whether the system applied the transfer is unknown. */
    public static final byte FAILED = 3;
    /** The array is indexed by int and sized up front; past this a run would want a different structure. */
    public static final int CAPACITY_MAX = 500_000_000;

    private final byte[] values;

    public Outcomes(long capacity) {
        if (capacity <= 0 || capacity > CAPACITY_MAX) {
            throw new IllegalArgumentException("outcomes capacity must be in 1.." + CAPACITY_MAX + " capacity="
                    + capacity);
        }
        this.values = new byte[(int) capacity];
    }

    public int capacity() {
        return values.length;
    }

    public void set(long index, byte outcome) {
        values[(int) index] = outcome;
    }

    public byte get(long index) {
        return values[(int) index];
    }

    public long count(byte outcome) {
        long count = 0;
        for (byte value : values) {
            if (value == outcome) {
                count++;
            }
        }
        return count;
    }

    /** One past the highest index that was sent: the prefix of the stream a snapshot must look at. */
    public long sentEnd() {
        for (int index = values.length - 1; index >= 0; index--) {
            if (values[index] != NOT_SENT) {
                return index + 1L;
            }
        }
        return 0;
    }
}
