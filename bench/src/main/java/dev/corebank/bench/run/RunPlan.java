package dev.corebank.bench.run;

/**
 * The bounds and shape of one measured run. Every run stops by itself at whichever limit comes first: the number of
 * transfers or the duration.
 *
 * @param transfersMax      stream prefix the run may use
 * @param durationNanos     wall-clock limit, including the warm-up
 * @param warmupNanos       the first part of the run, sent but not measured, so the JIT and caches settle
 * @param concurrency       workers, each with one unit in flight
 * @param unitSize          transfers per unit (1, or a batch size)
 * @param rateTransfersPerSecond 0 for a closed loop (send as fast as answers come back); otherwise an open loop at
 *                          this fixed rate, with latency measured from each unit's intended start
 */
public record RunPlan(long transfersMax, long durationNanos, long warmupNanos, int concurrency, int unitSize,
                      double rateTransfersPerSecond) {
    public static final int CONCURRENCY_MAX = 1024;

    public RunPlan {
        if (transfersMax <= 0 || transfersMax > Outcomes.CAPACITY_MAX) {
            throw new IllegalArgumentException("transfersMax must be in 1.." + Outcomes.CAPACITY_MAX
                    + " transfersMax=" + transfersMax);
        }
        if (durationNanos <= 0 || warmupNanos < 0 || warmupNanos >= durationNanos) {
            throw new IllegalArgumentException("need 0 <= warmup < duration warmupNanos=" + warmupNanos
                    + " durationNanos=" + durationNanos);
        }
        if (concurrency <= 0 || concurrency > CONCURRENCY_MAX) {
            throw new IllegalArgumentException("concurrency must be in 1.." + CONCURRENCY_MAX + " concurrency="
                    + concurrency);
        }
        if (unitSize <= 0) {
            throw new IllegalArgumentException("unitSize must be positive unitSize=" + unitSize);
        }
        if (rateTransfersPerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative rateTransfersPerSecond="
                    + rateTransfersPerSecond);
        }
    }

    public boolean openLoop() {
        return rateTransfersPerSecond > 0;
    }

    /** The same plan at a fixed rate. */
    public RunPlan withRate(double transfersPerSecond) {
        return new RunPlan(transfersMax, durationNanos, warmupNanos, concurrency, unitSize, transfersPerSecond);
    }
}
