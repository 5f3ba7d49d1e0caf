package dev.corebank.server.audit;

import dev.corebank.server.security.Caller;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Problems;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Records every state-changing request (POST, PUT, PATCH, DELETE) under /v1 after it has been answered, refused ones
 * included: it sits outside the API key filter, so a request without a valid key is recorded too, with no key id.
 *
 * <p>A controller that knows a more precise outcome than the HTTP status (a ledger result code in a 200 batch
 * answer, say) may put it in the request attribute {@link #OUTCOME_ATTRIBUTE}.
 */
final class AuditFilter extends OncePerRequestFilter {
    /** A controller may set this request attribute to the request's result code, for example {@code exceeds_credits}. */
    static final String OUTCOME_ATTRIBUTE = "corebank.audit.outcome";
    static final String OUTCOME_OK = "ok";
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int ROUTE_LENGTH_MAX = 256;
    private static final int HEADER_LENGTH_MAX = 128;
    /** The codes corebank's filters answer with, for refusals that happen before any controller runs. */
    private static final Map<Integer, String> FILTER_OUTCOMES = Map.of(400, "bad_request", 401, "unauthorized",
            403, "forbidden", 404, "not_found", 409, "conflict", 413, "body_too_large", 422, "unprocessable",
            429, "rate_limited", 503, "unavailable");

    private final AuditWriter writer;
    private final SubjectIds subjectIds;
    private final ObjectProvider<Tracer> tracer;
    private final Clock clock;
    private final int bodyBytesMax;

    AuditFilter(AuditWriter writer, SubjectIds subjectIds, ObjectProvider<Tracer> tracer, Clock clock,
                int bodyBytesMax) {
        this.writer = writer;
        this.subjectIds = subjectIds;
        this.tracer = tracer;
        this.clock = clock;
        this.bodyBytesMax = bodyBytesMax;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !STATE_CHANGING.contains(request.getMethod()) || !(path.equals("/v1") || path.startsWith("/v1/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant started = clock.instant();
        String traceId = currentTraceId();
        ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, bodyBytesMax);
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(cached, response);
            status = response.getStatus();
        } finally {
            writer.submit(record(cached, status, started, traceId));
        }
    }

    private AuditRecord record(ContentCachingRequestWrapper request, int status, Instant started, String traceId) {
        Caller caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller known ? known : null;
        String route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                ? pattern : bounded(request.getRequestURI(), ROUTE_LENGTH_MAX);
        String operation = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)
                instanceof HandlerMethod handler
                ? handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName()
                : request.getMethod() + " " + route;
        @SuppressWarnings("unchecked")
        Map<String, String> pathVariables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                instanceof Map<?, ?> variables ? (Map<String, String>) variables : pathSegments(request);
        List<UUID> ids = subjectIds.of(pathVariables, body(request));
        return new AuditRecord(UUID.randomUUID(), started, caller == null ? null : caller.keyId(),
                caller == null ? null : caller.role().name().toLowerCase(Locale.ROOT), request.getMethod(), route,
                bounded(operation, 128), ids, request.getRemoteAddr(), status, outcome(request, status), traceId,
                bounded(stringAttribute(request, "corebank.access.requestId"), 64),
                bounded(request.getHeader("Idempotency-Key"), HEADER_LENGTH_MAX));
    }

    /** Without a matched route (a request refused before any handler), the path's segments stand in for variables. */
    private static Map<String, String> pathSegments(HttpServletRequest request) {
        Map<String, String> segments = new java.util.LinkedHashMap<>();
        String[] parts = request.getRequestURI().split("/", 16);
        for (int index = 0; index < parts.length; index++) {
            segments.put("segment" + index, parts[index]);
        }
        return segments;
    }

    /**
     * The request body as far as the handler read it. A body nobody read (the request was refused first) is tried
     * now, within the same bound; the container may already have discarded it, and then only the path names ids.
     */
    private byte[] body(ContentCachingRequestWrapper request) {
        byte[] read = request.getContentAsByteArray();
        long length = request.getContentLengthLong();
        if (read.length == 0 && length > 0 && length <= bodyBytesMax) {
            try {
                return request.getInputStream().readNBytes(bodyBytesMax);
            } catch (IOException | IllegalStateException unreadable) {
                return read;
            }
        }
        return read;
    }

    /** The most precise outcome known: a controller's word, the refusing exception's code, else the status's. */
    static String outcome(HttpServletRequest request, int status) {
        if (request.getAttribute(OUTCOME_ATTRIBUTE) instanceof String declared && !declared.isBlank()) {
            return bounded(declared, 64);
        }
        Object exception = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        if (exception instanceof ApiException refused) {
            return bounded(refused.code(), 64);
        }
        if (status < 400) {
            return OUTCOME_OK;
        }
        if (request.getAttribute(Problems.CODE_ATTRIBUTE) instanceof String problemCode) {
            return bounded(problemCode, 64);
        }
        return FILTER_OUTCOMES.getOrDefault(status, status >= 500 ? "internal_error" : "http_" + status);
    }

    private String currentTraceId() {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        return span == null ? null : span.context().traceId();
    }

    private static String stringAttribute(HttpServletRequest request, String name) {
        return request.getAttribute(name) instanceof String value ? value : null;
    }

    private static String bounded(String text, int lengthMax) {
        return text == null || text.length() <= lengthMax ? text : text.substring(0, lengthMax);
    }
}
