package dev.corebank.server.security;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One token bucket per API key for state-changing requests. A key with its own {@code requestsPerSecond} gets a
 * bucket of one second's worth; other keys get the configured default rate and burst. The map holds at most one
 * bucket per key in {@code api_keys}, so it is bounded by the keys an admin created.
 */
@Component
final class RateLimiter {
    private final SecurityProperties properties;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(SecurityProperties properties) {
        this.properties = properties;
    }

    /** 0 when the request may go ahead, otherwise how many nanoseconds the key should wait. */
    long tryAcquire(ApiKey key, long now) {
        TokenBucket bucket = buckets.computeIfAbsent(key.keyId(), keyId -> key.requestsPerSecond() != null
                ? new TokenBucket(key.requestsPerSecond(), key.requestsPerSecond(), now)
                : new TokenBucket(properties.burstRequestsMax(), properties.requestsPerSecond(), now));
        return bucket.tryTake(now);
    }
}
