package dev.corebank.server.operations;

import dev.corebank.ledger.Provenance;
import dev.corebank.server.security.Caller;
import dev.corebank.server.security.RequestProvenance;
import dev.corebank.server.web.BodyTooLargeException;
import dev.corebank.server.web.CachedBodyRequest;
import dev.corebank.server.web.FilterOrders;
import dev.corebank.server.web.ProblemWriter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Prefer: respond-async} (RFC 7240) on a write endpoint: the request is stored as an operation, answered at once
 * with 202, the operation's {@code Location}, {@code Retry-After} and {@code Preference-Applied: respond-async}, and
 * then run as it would have been, its answer held back ({@link CapturedResponse}) and kept as the operation's result.
 * The status resource answers 303 to it once it is in, and the owner's webhooks get {@code operation.completed}.
 *
 * <p>It runs after the API key filter, so a request without a valid key, or over its rate limit, is refused at once as
 * usual; everything after (the role check, validation, the engine) is part of the operation, and its refusal is the
 * operation's result. The request runs on its own servlet thread after the 202 is sent (an asynchronous request), so
 * the 202 never waits for the engine. Transfer imports are asynchronous already and are left alone.
 *
 * <p>A process that dies while such a request runs leaves its operation running; the next start marks it failed (the
 * request may or may not have been applied, and is safe to send again with the same ids or Idempotency-Key).
 */
@Component
@Order(FilterOrders.RESPOND_ASYNC)
final class RespondAsyncFilter extends OncePerRequestFilter {
    /** The request attribute holding the status of the answer held back, for the audit trail. */
    public static final String ANSWER_STATUS_ATTRIBUTE = "corebank.async.status";
    static final String PREFERENCE = "respond-async";
    private static final Logger LOG = LoggerFactory.getLogger(RespondAsyncFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Longer than any request may wait for the engine; the request ends itself long before. */
    private static final long ASYNC_TIMEOUT_MILLIS = 5 * 60_000;

    private final OperationStore store;
    private final Completions completions;
    private final ImportProperties properties;
    private final Path directory;
    private final JsonMapper json;
    private final Clock clock;
    private final ProblemWriter problems;

    RespondAsyncFilter(OperationStore store, ImportUploads uploads, ImportWorker worker, ImportProperties properties,
                       JsonMapper json, ProblemWriter problems) {
        this.problems = problems;
        this.store = store;
        this.completions = worker.completions();
        this.properties = properties;
        this.directory = uploads.directory();
        this.json = json;
        this.clock = uploads.clock();
    }

    static Path answer(Path directory, UUID id) {
        return directory.resolve(id + ".answer");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !WRITES.contains(request.getMethod()) || !path.startsWith("/v1/")
                || path.equals("/v1/transfer-imports") || !prefersAsync(request)
                || !(request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller);
    }

    /** Whether a Prefer header names respond-async (preferences are comma-separated, parameters after ';'). */
    static boolean prefersAsync(HttpServletRequest request) {
        var values = request.getHeaders("Prefer");
        while (values != null && values.hasMoreElements()) {
            for (String preference : values.nextElement().split(",")) {
                if (preference.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(PREFERENCE)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            // Read before the 202: once the client has its answer, its body may no longer be there to read.
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLargeException tooLarge) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body_too_large", tooLarge.getMessage());
            return;
        }
        Operation operation = accepted(request);
        HttpServletRequest cached = new CachedBodyRequest(request, body);
        AsyncContext async = request.startAsync();
        async.setTimeout(ASYNC_TIMEOUT_MILLIS);
        answerAccepted((HttpServletResponse) async.getResponse(), operation);
        CapturedResponse captured = new CapturedResponse(response);
        try {
            chain.doFilter(cached, captured);
        } catch (IOException | ServletException | RuntimeException failed) {
            LOG.error("a request run in the background failed operationId={}", operation.id(), failed);
            captured.reset();
            captured.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        } finally {
            request.setAttribute(ANSWER_STATUS_ATTRIBUTE, captured.getStatus());
            finish(operation, captured);
            async.complete();
        }
    }

    private Operation accepted(HttpServletRequest request) {
        Provenance asker = RequestProvenance.of(request);
        long nowMillis = clock.millis();
        String path = request.getRequestURI();
        Operation operation = new Operation(UUID.randomUUID(), Operation.REQUEST, Operation.RUNNING,
                asker.apiKeyId(), asker.role(), asker.clientAddress(), asker.requestId(),
                asker.traceId().isNone() ? "" : asker.traceId().toHex(), null, 1, 0, 0, 0, 0, null, false, nowMillis,
                nowMillis, nowMillis, null, new Operation.Answer(request.getMethod(),
                path.length() <= 512 ? path : path.substring(0, 512), null, null, null));
        store.insert(operation);
        return operation;
    }

    private void answerAccepted(HttpServletResponse response, Operation operation) throws IOException {
        byte[] body = json.writeValueAsBytes(OperationResponse.of(operation, clock.millis()));
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setHeader(HttpHeaders.LOCATION, "/v1/operations/" + operation.id());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds()));
        response.setHeader("Preference-Applied", PREFERENCE);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        // The client has its whole answer now; the request goes on without it.
        response.flushBuffer();
    }

    private void finish(Operation operation, CapturedResponse captured) {
        try {
            Files.createDirectories(directory);
            Files.write(answer(directory, operation.id()), captured.body());
            store.answered(operation.id(), captured.getStatus(), captured.getContentType(),
                    captured.getHeader(HttpHeaders.LOCATION), clock.millis());
            completions.journal(store.find(operation.id()).orElseThrow());
        } catch (IOException | RuntimeException failed) {
            LOG.error("the answer of a request run in the background could not be kept operationId={}",
                    operation.id(), failed);
        }
    }
}
