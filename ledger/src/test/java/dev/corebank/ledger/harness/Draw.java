package dev.corebank.ledger.harness;

import java.util.List;
import java.util.SplittableRandom;

/** Small, uniform draws from a seeded random source, for the generators of seeded properties. */
public final class Draw {
    private Draw() {
    }

    /** A uniform int in [min, max], both included. */
    public static int between(SplittableRandom random, int min, int max) {
        checkRange(min <= max, min, max);
        return (int) between(random, (long) min, (long) max);
    }

    /** A uniform long in [min, max], both included; max may be {@code Long.MAX_VALUE}. */
    public static long between(SplittableRandom random, long min, long max) {
        checkRange(min <= max, min, max);
        if (min == Long.MIN_VALUE) {
            throw new IllegalArgumentException("min must be above Long.MIN_VALUE min=" + min);
        }
        // The bound of nextLong is exclusive, so the draw is shifted by one to include max.
        return random.nextLong(min - 1, max) + 1;
    }

    /** True with the given chance in percent. */
    public static boolean percent(SplittableRandom random, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in [0, 100] percent=" + percent);
        }
        return random.nextInt(100) < percent;
    }

    /** The index of one of the weights, each index as likely as its weight is to the sum. */
    public static int weighted(SplittableRandom random, int... weights) {
        int total = 0;
        for (int weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must not be negative weight=" + weight);
            }
            total += weight;
        }
        if (total == 0) {
            throw new IllegalArgumentException("weights must not all be zero count=" + weights.length);
        }
        int draw = random.nextInt(total);
        int index = 0;
        while (draw >= weights[index]) {
            draw -= weights[index];
            index++;
        }
        return index;
    }

    /** One of the values, uniformly. */
    public static <T> T oneOf(SplittableRandom random, List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values must not be empty");
        }
        return values.get(random.nextInt(values.size()));
    }

    private static void checkRange(boolean valid, long min, long max) {
        if (!valid) {
            throw new IllegalArgumentException("min must not exceed max min=" + min + " max=" + max);
        }
    }
}
