package dev.corebank.server.web;

import dev.corebank.ledger.TraceId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place that decides a request's trace id: the W3C {@code traceparent} header's trace id when the caller sent
 * a valid one, otherwise a new random one. The engine writes it into the journal entry, and problem responses return
 * it, so a request can be followed from the HTTP call to the balance it changed. When tracing comes from a tracing
 * library instead, only this class changes.
 */
public final class TraceIds {
    /** The request attribute holding the request's {@link TraceId}. */
    public static final String REQUEST_ATTRIBUTE = "corebank.traceId";
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final int TRACEPARENT_LENGTH = 55;

    private TraceIds() {
    }

    /** The trace id of the request; {@link TraceId#NONE} only for a request that never passed the trace filter. */
    public static TraceId of(HttpServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof TraceId traceId ? traceId : TraceId.NONE;
    }

    static void assign(HttpServletRequest request) {
        assign(request, null);
    }

    /**
     * Assigns the tracer's trace id when tracing is on ({@code tracerTraceId}: the current span's 32 hex digits, which
     * the tracer already took from a valid {@code traceparent}), so logs, spans, problems and the journal entry all
     * carry the same id; otherwise the {@code traceparent}'s, otherwise a new one.
     */
    static void assign(HttpServletRequest request, String tracerTraceId) {
        if (request.getAttribute(REQUEST_ATTRIBUTE) == null) {
            TraceId traced = tracerTraceId != null && tracerTraceId.length() == 32 && isLowerHex(tracerTraceId)
                    ? TraceId.ofHex(tracerTraceId) : null;
            TraceId given = traced != null && !traced.isNone() ? traced
                    : fromTraceparent(request.getHeader(TRACEPARENT_HEADER));
            request.setAttribute(REQUEST_ATTRIBUTE, given != null ? given : generate());
        }
    }

    /**
     * The trace id of a version-00 {@code traceparent} ({@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}),
     * or null when the header is absent or malformed, or its trace id is all zeros (which the spec declares invalid).
     */
    public static TraceId fromTraceparent(String header) {
        if (header == null || header.length() != TRACEPARENT_LENGTH || !header.startsWith("00-")
                || header.charAt(35) != '-' || header.charAt(52) != '-') {
            return null;
        }
        String traceId = header.substring(3, 35);
        if (!isLowerHex(traceId) || !isLowerHex(header.substring(36, 52)) || !isLowerHex(header.substring(53))) {
            return null;
        }
        TraceId parsed = TraceId.ofHex(traceId);
        return parsed.isNone() ? null : parsed;
    }

    public static TraceId generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        // All zeros means "no trace"; the chance is 2^-128, but a trace id must never be NONE.
        return high == 0 && low == 0 ? new TraceId(0, 1) : new TraceId(high, low);
    }

    private static boolean isLowerHex(String text) {
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (!((character >= '0' && character <= '9') || (character >= 'a' && character <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
