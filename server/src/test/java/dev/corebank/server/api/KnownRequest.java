package dev.corebank.server.api;

import java.util.Map;
import java.util.UUID;

/**
 * The ids a test sends with one request and later looks for in the journal, the access log, the audit trail or a
 * witness: its X-Request-Id, the trace id of its W3C traceparent, and its Idempotency-Key.
 */
public record KnownRequest(String requestId, String traceId, String idempotencyKey) {

    /** New ids, the request id and Idempotency-Key starting with {@code prefix}. */
    public static KnownRequest fresh(String prefix) {
        return new KnownRequest(prefix + "-" + UUID.randomUUID(), UUID.randomUUID().toString().replace("-", ""),
                prefix + "-idem-" + UUID.randomUUID());
    }

    public Map<String, String> headers() {
        return Map.of("X-Request-Id", requestId, "traceparent", "00-" + traceId + "-b7ad6b7169203331-01",
                "Idempotency-Key", idempotencyKey);
    }
}
