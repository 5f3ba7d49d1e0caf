package dev.corebank.bench.workload;

/**
 * Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent, by inverting a precomputed cumulative
 * table. The table costs 8 bytes a rank, which is nothing for the account counts a benchmark uses, and a draw is one
 * binary search, so the generator never limits the systems it feeds.
 */
public final class ZipfSampler {
    /** Ranks the table may hold; a larger account set would want a rejection sampler instead of a table. */
    public static final int RANKS_MAX = 50_000_000;

    private final double[] cumulative;
    private final double exponent;

    public ZipfSampler(int ranks, double exponent) {
        if (ranks <= 0 || ranks > RANKS_MAX) {
            throw new IllegalArgumentException("ranks must be in 1.." + RANKS_MAX + " ranks=" + ranks);
        }
        if (!(exponent > 0) || exponent > 10) {
            throw new IllegalArgumentException("exponent must be in (0, 10] exponent=" + exponent);
        }
        this.exponent = exponent;
        this.cumulative = new double[ranks];
        double sum = 0;
        for (int rank = 0; rank < ranks; rank++) {
            sum += Math.pow(rank + 1, -exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < ranks; rank++) {
            cumulative[rank] /= sum;
        }
        // Rounding can leave the last entry a hair below 1; a draw just under 1 must still find a rank.
        cumulative[ranks - 1] = 1.0;
    }

    public int ranks() {
        return cumulative.length;
    }

    public double exponent() {
        return exponent;
    }

    /** The rank for a uniform draw in [0, 1): the first rank whose cumulative probability exceeds it. */
    public int sample(double uniform) {
        if (!(uniform >= 0) || uniform >= 1) {
            throw new IllegalArgumentException("uniform draw must be in [0, 1) uniform=" + uniform);
        }
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > uniform) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** The probability of one rank. */
    public double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }
}
