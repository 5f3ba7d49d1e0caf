package dev.corebank.server.security;

import dev.corebank.ledger.Provenance;
import dev.corebank.server.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The provenance of an HTTP request, as the journal records it: the caller's API key id and role, the client address,
 * the request id and trace id the access log shows, the Idempotency-Key the client sent, and the endpoint (method and
 * route template). Each field is shortened to its journal limit without splitting a character.
 */
public final class RequestProvenance {
    /** The request attribute holding the X-Request-Id the request id filter assigned. */
    public static final String REQUEST_ID_ATTRIBUTE = "corebank.access.requestId";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private RequestProvenance() {
    }

    public static Provenance of(HttpServletRequest request) {
        Caller caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller known ? known : null;
        return new Provenance(
                shorten(caller == null ? null : caller.keyId(), Provenance.API_KEY_ID_BYTES_MAX),
                shorten(caller == null ? null : caller.role().name().toLowerCase(Locale.ROOT),
                        Provenance.ROLE_BYTES_MAX),
                shorten(request.getRemoteAddr(), Provenance.CLIENT_ADDRESS_BYTES_MAX),
                shorten(request.getAttribute(REQUEST_ID_ATTRIBUTE) instanceof String id ? id : null,
                        Provenance.REQUEST_ID_BYTES_MAX),
                TraceIds.of(request),
                shorten(request.getHeader(IDEMPOTENCY_KEY_HEADER), Provenance.IDEMPOTENCY_KEY_BYTES_MAX),
                shorten(endpoint(request), Provenance.ENDPOINT_BYTES_MAX));
    }

    /** The method and the matched route template, such as {@code POST /v1/accounts/{id}/freeze}; the path if none. */
    public static String endpoint(HttpServletRequest request) {
        String route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                ? pattern : request.getRequestURI();
        return request.getMethod() + " " + route;
    }

    private static String shorten(String text, int bytesMax) {
        return Provenance.shorten(text, bytesMax);
    }
}
