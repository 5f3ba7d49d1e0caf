package dev.corebank.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API key checks and per-key rate limits, under {@code corebank.security}.
 *
 * @param requestsPerSecond default sustained rate of state-changing requests per API key; a key may carry its own
 * @param burstRequestsMax  default number of state-changing requests a key may send at once after being idle
 * @param keyCacheTtl       how long a checked key is trusted without asking the database again; a revocation through
 *                          this node takes effect at once, one through another node within this time
 * @param keyCacheEntriesMax checked keys remembered at most
 */
@ConfigurationProperties("corebank.security")
public record SecurityProperties(
        @DefaultValue(REQUESTS_PER_SECOND_DEFAULT) int requestsPerSecond,
        @DefaultValue(BURST_REQUESTS_MAX_DEFAULT) int burstRequestsMax,
        @DefaultValue(KEY_CACHE_TTL_DEFAULT) Duration keyCacheTtl,
        @DefaultValue(KEY_CACHE_ENTRIES_MAX_DEFAULT) int keyCacheEntriesMax) {

    public static final String REQUESTS_PER_SECOND_DEFAULT = "500";
    public static final String BURST_REQUESTS_MAX_DEFAULT = "1000";
    public static final String KEY_CACHE_TTL_DEFAULT = "5s";
    public static final String KEY_CACHE_ENTRIES_MAX_DEFAULT = "10000";

    public SecurityProperties {
        if (requestsPerSecond <= 0 || burstRequestsMax <= 0 || keyCacheEntriesMax <= 0) {
            throw new IllegalArgumentException("corebank.security limits must be positive requestsPerSecond="
                    + requestsPerSecond + " burstRequestsMax=" + burstRequestsMax + " keyCacheEntriesMax="
                    + keyCacheEntriesMax);
        }
    }
}
