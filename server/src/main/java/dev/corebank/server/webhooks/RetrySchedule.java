package dev.corebank.server.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff with jitter, bounded. The pause after failed attempt
 * {@code n} (1-based) is {@code first * 2^(n-1)}, at most {@code max}, scaled by a random factor in
 * {@code [1 - jitter, 1 + jitter]}. A {@code Retry-After} from the receiver lengthens the pause, never beyond
 * {@code max}. After {@code attemptsMax} attempts there is no next one: the delivery is a dead letter.
 */
record RetrySchedule(Duration first, Duration max, int attemptsMax, double jitter) {

    /** The pause after failed attempt {@code attempt}, or null when that was the last attempt. */
    Duration pauseAfter(int attempt, Duration retryAfter, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1 attempt=" + attempt);
        }
        if (attempt >= attemptsMax) {
            return null;
        }
        long millis = nominalMillis(attempt);
        double factor = 1 - jitter + random.nextDouble() * 2 * jitter;
        long jittered = Math.min(max.toMillis(), Math.round(millis * factor));
        if (retryAfter != null && retryAfter.toMillis() > jittered) {
            jittered = Math.min(max.toMillis(), retryAfter.toMillis());
        }
        return Duration.ofMillis(Math.max(1, jittered));
    }

    /** The pause after failed attempt {@code attempt} before jitter. */
    long nominalMillis(int attempt) {
        int doublings = Math.min(attempt - 1, 40);
        long millis = first.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Math.min(millis, max.toMillis());
    }

    /** Every pause before jitter, in order: the documented schedule. */
    List<Duration> nominalPauses() {
        List<Duration> pauses = new ArrayList<>(attemptsMax - 1);
        for (int attempt = 1; attempt < attemptsMax; attempt++) {
            pauses.add(Duration.ofMillis(nominalMillis(attempt)));
        }
        return pauses;
    }
}
