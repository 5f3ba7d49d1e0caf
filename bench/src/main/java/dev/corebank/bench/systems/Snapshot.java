package dev.corebank.bench.systems;

/**
 * What a system holds at one moment, as read back from the system itself.
 *
 * @param balancesMinor     the posted balance of each customer account, by account index
 * @param transfersStored   the transfers of the current stream that the system has stored, or {@link #UNKNOWN} when
 *                          it cannot tell
 */
public record Snapshot(long[] balancesMinor, long transfersStored) {
    public static final long UNKNOWN = -1;

    public long balanceSum() {
        long sum = 0;
        for (long balance : balancesMinor) {
            sum = Math.addExact(sum, balance);
        }
        return sum;
    }
}
