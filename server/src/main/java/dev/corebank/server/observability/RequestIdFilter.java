package dev.corebank.server.observability;

import dev.corebank.server.security.Caller;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a request id and remembers, as request attributes, what the access logs write after the
 * request is done: the trace and span ids (the tracing scope has closed by then) and the API key id of the caller.
 *
 * <p>The request id is the client's {@code X-Request-Id} when it is short and plain, else a new UUID; it is echoed in
 * the response and put in the logging context as {@code http.request.id}, so every log line of the request carries it.
 * It runs inside the HTTP observation, so the current span is the request's.
 */
final class RequestIdFilter extends OncePerRequestFilter {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String MDC_REQUEST_ID = "http.request.id";
    static final String ATTRIBUTE_REQUEST_ID = "corebank.access.requestId";
    static final String ATTRIBUTE_TRACE_ID = "corebank.access.traceId";
    static final String ATTRIBUTE_SPAN_ID = "corebank.access.spanId";
    /** Read by Tomcat's combined access log as the user field: the API key id, never the key. */
    static final String ATTRIBUTE_USER = "corebank.access.user";

    /** Resolved at the first request, not at each: a bean lookup per request was 5% of a GET's CPU. */
    private final SingletonSupplier<Tracer> tracer;
    private final int requestIdLengthMax;

    RequestIdFilter(ObjectProvider<Tracer> tracer, int requestIdLengthMax) {
        this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
        this.requestIdLengthMax = requestIdLengthMax;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestId(request.getHeader(REQUEST_ID_HEADER));
        request.setAttribute(ATTRIBUTE_REQUEST_ID, requestId);
        response.setHeader(REQUEST_ID_HEADER, requestId);
        Tracer current = tracer.get();
        Span span = current == null ? null : current.currentSpan();
        if (span != null) {
            request.setAttribute(ATTRIBUTE_TRACE_ID, span.context().traceId());
            request.setAttribute(ATTRIBUTE_SPAN_ID, span.context().spanId());
        }
        MDC.put(MDC_REQUEST_ID, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_REQUEST_ID);
            if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller) {
                request.setAttribute(ATTRIBUTE_USER, caller.keyId());
            }
        }
    }

    /** A client's id is kept only when it is short and made of letters, digits, '-', '_' and '.'. */
    String requestId(String offered) {
        if (offered != null && !offered.isEmpty() && offered.length() <= requestIdLengthMax) {
            boolean plain = true;
            for (int index = 0; index < offered.length() && plain; index++) {
                char character = offered.charAt(index);
                plain = Character.isLetterOrDigit(character) && character < 128 || character == '-' || character == '_'
                        || character == '.';
            }
            if (plain) {
                return offered;
            }
        }
        return UUID.randomUUID().toString();
    }
}
