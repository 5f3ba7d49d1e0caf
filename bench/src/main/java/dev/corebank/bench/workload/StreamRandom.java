package dev.corebank.bench.workload;

/**
 * Random bits addressed by position rather than drawn in sequence: {@code bits(key, index)} is the same on every
 * thread and every run. That lets many workers take transfers from one stream in any order and still send exactly
 * the transfers every other system under test gets. The mixer is SplitMix64's finaliser.
 */
final class StreamRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private StreamRandom() {
    }

    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 random bits for the {@code index}-th draw of the stream named by {@code key}. */
    static long bits(long key, long index) {
        return mix(key + (index + 1) * GOLDEN_GAMMA);
    }

    /** A uniform integer in [0, bound) from 64 random bits (Lemire's multiply-shift; the bias is below 2^-32). */
    static int below(long bits, int bound) {
        return (int) (((bits >>> 32) * bound) >>> 32);
    }

    /** A uniform double in [0, 1) from the top 53 bits. */
    static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
