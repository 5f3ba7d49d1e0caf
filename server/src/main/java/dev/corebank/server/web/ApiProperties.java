package dev.corebank.server.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API, under {@code corebank.api}.
 *
 * @param requestBodySizeMax     a larger request body is refused with 413 before it is read; the default holds a full
 *                               batch of transfers with every field set
 * @param ledgerTimeout          how long a request waits for the engine to make its command durable
 * @param idempotencyRetention   how long a stored Idempotency-Key response is replayed
 * @param idempotencyClaimTimeout a key claimed this long ago without a stored response is taken to belong to a request
 *                               that died, and may be claimed again
 */
@ConfigurationProperties("corebank.api")
public record ApiProperties(
        @DefaultValue(REQUEST_BODY_SIZE_MAX_DEFAULT) DataSize requestBodySizeMax,
        @DefaultValue(LEDGER_TIMEOUT_DEFAULT) Duration ledgerTimeout,
        @DefaultValue(IDEMPOTENCY_RETENTION_DEFAULT) Duration idempotencyRetention,
        @DefaultValue(IDEMPOTENCY_CLAIM_TIMEOUT_DEFAULT) Duration idempotencyClaimTimeout) {

    public static final String REQUEST_BODY_SIZE_MAX_DEFAULT = "4MB";
    public static final String LEDGER_TIMEOUT_DEFAULT = "30s";
    public static final String IDEMPOTENCY_RETENTION_DEFAULT = "24h";
    public static final String IDEMPOTENCY_CLAIM_TIMEOUT_DEFAULT = "60s";

    public ApiProperties {
        if (requestBodySizeMax.toBytes() <= 0 || requestBodySizeMax.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("corebank.api.request-body-size-max must be between 1 byte and 2 GB"
                    + " requestBodySizeMax=" + requestBodySizeMax);
        }
        if (idempotencyClaimTimeout.compareTo(ledgerTimeout) <= 0) {
            throw new IllegalArgumentException("corebank.api.idempotency-claim-timeout must be longer than the ledger"
                    + " timeout, or a slow request could lose its claim idempotencyClaimTimeout="
                    + idempotencyClaimTimeout + " ledgerTimeout=" + ledgerTimeout);
        }
    }
}
