package dev.corebank.server.security;

import java.time.Instant;

/**
 * An API key as stored, without its secret: the public id callers and logs may show, the role, a name saying whose
 * it is, and its per-key rate limit (null means the configured default).
 */
public record ApiKey(String keyId, Role role, String name, Instant createdAt, Instant revokedAt,
                     Integer requestsPerSecond) {
    public boolean active() {
        return revokedAt == null;
    }
}
