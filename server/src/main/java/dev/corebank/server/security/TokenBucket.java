package dev.corebank.server.security;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills at {@code tokensPerSecond}, and a request takes one.
 * Time is passed in, so tests need no sleeping.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long capacity;
    private final long nanosPerToken;
    /** Tokens are counted in nanoseconds of refill time so that the arithmetic stays in integers. */
    private long availableNanos;
    private long lastRefillNanos;

    TokenBucket(int capacity, int tokensPerSecond, long nowNanos) {
        if (capacity <= 0 || tokensPerSecond <= 0) {
            throw new IllegalArgumentException("capacity and rate must be positive capacity=" + capacity
                    + " tokensPerSecond=" + tokensPerSecond);
        }
        this.capacity = capacity;
        this.nanosPerToken = Math.max(1, NANOS_PER_SECOND / tokensPerSecond);
        this.availableNanos = capacity * nanosPerToken;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes a token and returns 0, or takes nothing and returns how many nanoseconds until one is available. */
    synchronized long tryTake(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastRefillNanos);
        lastRefillNanos = nowNanos;
        availableNanos = Math.min(capacity * nanosPerToken, availableNanos + elapsed);
        if (availableNanos >= nanosPerToken) {
            availableNanos -= nanosPerToken;
            return 0;
        }
        return nanosPerToken - availableNanos;
    }
}
