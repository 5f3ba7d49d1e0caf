package dev.corebank.bench.run;

import org.HdrHistogram.Histogram;

/**
 * What the load runner measured: latency per transfer (a unit's latency counts once for each transfer in it) and the
 * throughput over the measured window, which starts when the warm-up ends.
 *
 * @param latencyMicros      latency from (intended) send to answer, per transfer, of units answered after the warm-up
 * @param transfersMeasured  transfers done inside the window; a unit that straddles the warm-up's end counts in part
 * @param measuredSeconds    from the end of the warm-up to the last answer
 * @param failedUnits        units whose request failed; their transfers are marked failed in the outcomes
 * @param firstFailure       the first failure's message, or empty
 */
public record RunMeasurement(Histogram latencyMicros, long transfersMeasured, double measuredSeconds,
                             long failedUnits, String firstFailure) {
    public double transfersPerSecond() {
        return measuredSeconds <= 0 ? 0 : transfersMeasured / measuredSeconds;
    }
}
