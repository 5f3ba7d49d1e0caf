package dev.corebank.bench.report;

/**
 * One target an issue sets, and what was measured against it.
 *
 * @param measured the measured value, or null when the run did not include what the goal needs
 * @param atLeast  true when the measured value must be at least the target, false when at most
 * @param unit     "x" for ratios, "transfers/s" for rates
 */
public record Goal(String name, Double measured, double target, boolean atLeast, String unit, Status status) {
    public enum Status { MET, MISSED, NOT_MEASURED }

    public static Goal atLeast(String name, Double measured, double target, String unit) {
        return new Goal(name, measured, target, true, unit, status(measured, target, true));
    }

    public static Goal atMost(String name, Double measured, double target, String unit) {
        return new Goal(name, measured, target, false, unit, status(measured, target, false));
    }

    private static Status status(Double measured, double target, boolean atLeast) {
        if (measured == null || measured.isNaN()) {
            return Status.NOT_MEASURED;
        }
        boolean met = atLeast ? measured >= target : measured <= target;
        return met ? Status.MET : Status.MISSED;
    }
}
