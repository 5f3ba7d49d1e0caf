package dev.corebank.server.consumers;

/**
 * How often a failing event is tried and how long the consumer waits between tries: the pause doubles from
 * {@code backoffMillisMin} up to {@code backoffMillisMax}. After {@code attemptsMax} failed attempts the event is
 * dead-lettered. Retries block the stream on purpose: a later event of the same account must not overtake it.
 */
public record RetryPolicy(int attemptsMax, long backoffMillisMin, long backoffMillisMax) {
    public RetryPolicy {
        if (attemptsMax < 1) {
            throw new IllegalArgumentException("attemptsMax must be at least 1 attemptsMax=" + attemptsMax);
        }
        if (backoffMillisMin < 0 || backoffMillisMax < backoffMillisMin) {
            throw new IllegalArgumentException("backoff must be 0 <= min <= max backoffMillisMin=" + backoffMillisMin
                    + " backoffMillisMax=" + backoffMillisMax);
        }
    }

    /** The pause after failed attempt number {@code attempt} (1 for the first). */
    public long backoffMillis(int attempt) {
        long pause = backoffMillisMin;
        for (int doubled = 1; doubled < attempt && pause < backoffMillisMax; doubled++) {
            pause = Math.max(1, pause * 2);
        }
        return Math.min(pause, backoffMillisMax);
    }
}
