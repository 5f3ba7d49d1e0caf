package dev.corebank.server.security;

import dev.corebank.server.web.FilterOrders;
import dev.corebank.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request under /v1 needs {@code Authorization: Bearer <key>}. A missing key is 401 {@code api_key_missing};
 * an unknown or revoked key is 401 {@code api_key_invalid} (the two are not told apart, so a revoked key reveals
 * nothing). The caller is stored as the request attribute {@link Caller#REQUEST_ATTRIBUTE}. State-changing requests
 * then take a token from the key's rate limit, or are refused with 429 and {@code Retry-After}.
 */
@Component
@Order(FilterOrders.API_KEY)
class ApiKeyFilter extends OncePerRequestFilter {
    private static final String BEARER = "Bearer ";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiKeys keys;
    private final RateLimiter rateLimiter;
    private final ProblemWriter problems;

    ApiKeyFilter(ApiKeys keys, RateLimiter rateLimiter, ProblemWriter problems) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(ApiPaths.of(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            refuse(request, response, "api_key_missing", "send the API key as Authorization: Bearer <key>");
            return;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, "api_key_invalid", "the Authorization header must use the Bearer scheme");
            return;
        }
        Optional<ApiKey> key = keys.authenticate(authorization.substring(BEARER.length()).strip());
        if (key.isEmpty()) {
            refuse(request, response, "api_key_invalid", "the API key is unknown or revoked");
            return;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, new Caller(key.get().keyId(), key.get().role()));
        if (!READ_METHODS.contains(request.getMethod())) {
            long waitNanos = rateLimiter.tryAcquire(key.get(), System.nanoTime());
            if (waitNanos > 0) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                        "too many state-changing requests for this API key; nothing was applied, retry later keyId="
                                + key.get().keyId());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String code, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"corebank\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, code, detail);
    }
}
