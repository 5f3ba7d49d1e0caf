package dev.corebank.server.audit;

import dev.corebank.ledger.LedgerCommand;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.security.Caller;
import dev.corebank.server.security.RequestProvenance;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes sure every state-changing request (POST, PUT, PATCH, DELETE under /v1) of an authenticated caller is in the
 * journal, which the audit trail is derived from. A request whose commands wrote an entry is there already, with its
 * provenance. For one that wrote nothing (refused as forbidden or invalid, or a repeat that changed nothing), this
 * filter journals a {@link RequestFact} with the caller's provenance, the status and the result code, before the
 * answer leaves: the response is held until the fact is durable, so a client never sees an answer the trail lacks.
 *
 * <p>A request without a valid API key is not journaled: anyone could fill the journal that way. It is logged as an
 * ECS security event on the logger {@code corebank.security} and counted in
 * {@code corebank_security_unauthenticated_requests_total}.
 *
 * <p>A controller that knows a more precise outcome than the HTTP status may put it in the request attribute
 * {@link #OUTCOME_ATTRIBUTE}.
 */
final class AuditFilter extends OncePerRequestFilter {
    /** A controller may set this request attribute to the request's result code, for example {@code exceeds_credits}. */
    static final String OUTCOME_ATTRIBUTE = "corebank.audit.outcome";
    static final String SECURITY_LOGGER = "corebank.security";
    private static final Logger SECURITY = LoggerFactory.getLogger(SECURITY_LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
    /** Set by the respond-async filter of the operations package to the status of the answer it held back. */
    private static final String ANSWER_STATUS_ATTRIBUTE = "corebank.async.status";
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int PATH_LENGTH_MAX = 256;
    /** The codes corebank's filters answer with, for refusals that happen before any controller runs. */
    private static final Map<Integer, String> FILTER_OUTCOMES = Map.of(400, "bad_request", 401, "unauthorized",
            403, "forbidden", 404, "not_found", 409, "conflict", 413, "body_too_large", 422, "unprocessable",
            429, "rate_limited", 503, "unavailable");

    private final Commands commands;
    private final SubjectIds subjectIds;
    private final int bodyBytesMax;
    private final Counter unauthenticated;
    private final Counter unrecorded;

    AuditFilter(Commands commands, SubjectIds subjectIds, int bodyBytesMax, MeterRegistry registry) {
        this.commands = commands;
        this.subjectIds = subjectIds;
        this.bodyBytesMax = bodyBytesMax;
        this.unauthenticated = Counter.builder("corebank.security.unauthenticated.requests")
                .description("State-changing requests refused for a missing or invalid API key (not journaled)")
                .register(registry);
        this.unrecorded = Counter.builder("corebank.audit.requests.unrecorded")
                .description("Requests whose audit fact could not be journaled; each is in the error log in full")
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !STATE_CHANGING.contains(request.getMethod()) || !(path.equals("/v1") || path.startsWith("/v1/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(request, bodyBytesMax);
        ContentCachingResponseWrapper heldResponse = new ContentCachingResponseWrapper(response);
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(cachedRequest, heldResponse);
            // A request run in the background (Prefer: respond-async) was answered 202; the trail keeps its real answer.
            status = request.getAttribute(ANSWER_STATUS_ATTRIBUTE) instanceof Integer held ? held
                    : heldResponse.getStatus();
        } finally {
            witness(cachedRequest, status);
            heldResponse.copyBodyToResponse();
        }
    }

    private void witness(ContentCachingRequestWrapper request, int status) {
        Caller caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller known ? known : null;
        if (caller == null) {
            securityEvent(request, status);
            return;
        }
        if (Commands.journaledPosition(request) >= 0) {
            return;
        }
        RequestFact fact = new RequestFact(status, outcome(request, status), subjects(request));
        try {
            commands.submitRecordOfRequest(new LedgerCommand.RecordFacts(List.of(fact.toFact())),
                    RequestProvenance.of(request));
        } catch (RuntimeException failed) {
            // The log is the second witness: the request is described in full where an operator will look.
            unrecorded.increment();
            LOG.error("audit: cannot journal the request's record keyId={} endpoint={} status={} outcome={}"
                            + " subjects={} cause={}", caller.keyId(), RequestProvenance.endpoint(request), status,
                    fact.outcome(), fact.subjectIds(), failed.toString());
        }
    }

    private void securityEvent(HttpServletRequest request, int status) {
        unauthenticated.increment();
        String path = request.getRequestURI();
        SECURITY.atWarn().addKeyValue("event.kind", "event").addKeyValue("event.category", "authentication")
                .addKeyValue("event.action", "request-refused").addKeyValue("event.outcome", "failure")
                .addKeyValue("source.ip", request.getRemoteAddr())
                .addKeyValue("http.request.method", request.getMethod())
                .addKeyValue("url.path", path.length() <= PATH_LENGTH_MAX ? path : path.substring(0, PATH_LENGTH_MAX))
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("corebank.problem.code", outcome(request, status))
                .log("unauthenticated state-changing request refused method={} status={}", request.getMethod(),
                        status);
    }

    @SuppressWarnings("unchecked")
    private List<UUID> subjects(ContentCachingRequestWrapper request) {
        Map<String, String> pathVariables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                instanceof Map<?, ?> variables ? (Map<String, String>) variables : Map.of();
        return subjectIds.of(pathVariables, request.getContentAsByteArray());
    }

    /** The most precise outcome known: a controller's word, the refusing exception's code, else the status's. */
    static String outcome(HttpServletRequest request, int status) {
        if (request.getAttribute(OUTCOME_ATTRIBUTE) instanceof String declared && !declared.isBlank()) {
            return declared;
        }
        Object exception = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        if (exception instanceof ApiException refused) {
            return refused.code();
        }
        if (status < 400) {
            return AuditRecords.OUTCOME_OK;
        }
        if (request.getAttribute(Problems.CODE_ATTRIBUTE) instanceof String problemCode) {
            return problemCode;
        }
        return FILTER_OUTCOMES.getOrDefault(status, status >= 500 ? "internal_error" : "http_" + status);
    }
}
