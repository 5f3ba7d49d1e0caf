package dev.corebank.server.security;

import dev.corebank.server.web.BodyNotUtf8Exception;
import dev.corebank.server.web.BodyTooLargeException;
import dev.corebank.server.web.CachedBodyRequest;
import dev.corebank.server.web.FilterOrders;
import dev.corebank.server.web.LedgerHeaders;
import dev.corebank.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The Idempotency-Key header on POST requests under /v1: the first request with a key runs and its response is
 * stored; a repeat with the same key and the same method, path and body gets the stored response (marked
 * {@code Idempotent-Replayed: true}); the same key with anything else is refused with 422 {@code
 * idempotency_key_reused}; a repeat while the first is still running gets 409 {@code idempotency_key_in_progress}.
 *
 * <p>Only outcomes of running the request are stored: success, and 404, 409 and 422. A request that was refused
 * before it ran (400, 401, 403, 413, 429) or failed on the server (5xx) releases the key, so it can be retried.
 *
 * <p>Transfers, deposits and withdrawals are left out: their body's {@code id} is already their idempotency key, and
 * a repeat of them answers 200 with the original transfer. So is a transfer import: its lines carry their ids, and its
 * body (up to hundreds of megabytes) is streamed to disk, never held in memory.
 */
@Component
@Order(FilterOrders.IDEMPOTENCY_KEY)
class IdempotencyFilter extends OncePerRequestFilter {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int KEY_LENGTH_MAX = 255;
    private static final Set<String> KEYED_BY_BODY_ID = Set.of("/v1/transfers", "/v1/transfers/batch",
            "/v1/deposits", "/v1/withdrawals", "/v1/transfer-imports");
    private static final Set<Integer> STORED_ERROR_STATUSES = Set.of(404, 409, 422);

    private final IdempotencyStore store;
    private final ProblemWriter problems;

    IdempotencyFilter(IdempotencyStore store, ProblemWriter problems) {
        this.store = store;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = ApiPaths.of(request);
        return !"POST".equals(request.getMethod()) || !ApiPaths.isApi(path) || KEYED_BY_BODY_ID.contains(path)
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!validKey(key)) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid_idempotency_key", HEADER
                    + " must be 1 to " + KEY_LENGTH_MAX + " visible ASCII characters");
            return;
        }
        if (!(request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLargeException tooLarge) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body_too_large", tooLarge.getMessage());
            return;
        } catch (BodyNotUtf8Exception notUtf8) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid_encoding", notUtf8.getMessage());
            return;
        }
        String fingerprint = fingerprint(request, body);
        switch (store.claim(caller.keyId(), key, fingerprint)) {
            case IdempotencyStore.Claim.Claimed claimed ->
                    run(new CachedBodyRequest(request, body), response, chain, caller.keyId(), key);
            case IdempotencyStore.Claim.Replay replay -> replay(response, replay.response());
            case IdempotencyStore.Claim.Reused reused -> problems.write(request, response,
                    HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused", HEADER
                            + " was already used for a different request; use a new key for a new request");
            case IdempotencyStore.Claim.InProgress inProgress -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problems.write(request, response, HttpStatus.CONFLICT, "idempotency_key_in_progress",
                        "a request with this " + HEADER + " is still running; retry later");
            }
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String keyId,
                     String key) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, captured);
            int status = captured.getStatus();
            if ((status >= 200 && status < 300) || STORED_ERROR_STATUSES.contains(status)) {
                String position = captured.getHeader(LedgerHeaders.POSITION);
                store.complete(keyId, key, new IdempotencyStore.StoredResponse(status, captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION), position == null ? null : Long.valueOf(position),
                        captured.getContentAsByteArray()));
                stored = true;
            }
        } finally {
            if (!stored) {
                store.release(keyId, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private static void replay(HttpServletResponse response, IdempotencyStore.StoredResponse stored)
            throws IOException {
        response.setStatus(stored.status());
        response.setHeader(REPLAYED_HEADER, "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.ledgerPosition() != null) {
            response.setHeader(LedgerHeaders.POSITION, stored.ledgerPosition().toString());
        }
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static boolean validKey(String key) {
        if (key.isEmpty() || key.length() > KEY_LENGTH_MAX) {
            return false;
        }
        for (int index = 0; index < key.length(); index++) {
            char character = key.charAt(index);
            if (character < 0x21 || character > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 over method, path and body: "the same request" means all three are the same. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + ApiPaths.of(request) + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JVM has SHA-256", missing);
        }
    }
}
