package dev.corebank.bench.report;

import org.HdrHistogram.Histogram;

/** Latency percentiles of one run, in milliseconds, read from an HdrHistogram of microseconds. */
public record LatencySummary(double p50Millis, double p99Millis, double p999Millis, double maxMillis, long samples) {
    public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencySummary(micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                micros.getValueAtPercentile(99.9) / 1000.0, micros.getMaxValue() / 1000.0, micros.getTotalCount());
    }
}
