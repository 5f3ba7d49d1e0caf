package dev.corebank.server.web;

import org.springframework.core.Ordered;

/**
 * The order of corebank's servlet filters, in one place because each relies on the ones before it: the trace id
 * exists before anything can fail, the body is bounded before anyone reads it, the caller is known before rate limits
 * and idempotency keys (which are per API key) are looked at.
 */
public final class FilterOrders {
    public static final int TRACE_ID = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final int REQUEST_SIZE = Ordered.HIGHEST_PRECEDENCE + 20;
    /** Authentication and the per-key rate limit. */
    public static final int API_KEY = Ordered.HIGHEST_PRECEDENCE + 30;
    /** After the API key (the caller is known, the rate limit applied), before the Idempotency-Key. */
    public static final int RESPOND_ASYNC = Ordered.HIGHEST_PRECEDENCE + 35;
    public static final int IDEMPOTENCY_KEY = Ordered.HIGHEST_PRECEDENCE + 40;

    private FilterOrders() {
    }
}
