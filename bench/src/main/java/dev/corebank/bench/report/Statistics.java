package dev.corebank.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians, for quoting noisy measurements on a shared machine. */
public final class Statistics {
    private Statistics() {
    }

    /** The median; for an even count, the mean of the middle two. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
