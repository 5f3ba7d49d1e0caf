package dev.corebank.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 problem every corebank error is answered with: {@code type} (a URN naming the code), {@code
 * title}, {@code status}, {@code detail}, the stable {@code code} and the request's {@code traceId}. Never a stack
 * trace.
 */
public final class Problems {
    /** A problem's type is this prefix and its code, for example {@code urn:corebank:problem:exceeds_credits}. */
    public static final String TYPE_PREFIX = "urn:corebank:problem:";
    public static final String CODE = "code";
    public static final String TRACE_ID = "traceId";

    private Problems() {
    }

    /** The request attribute holding the code of the problem the request was answered with. */
    public static final String CODE_ATTRIBUTE = "corebank.problem.code";

    public static ProblemDetail of(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        // Remembered on the request so that the audit trail records the exact code, also for refusals made in filters.
        request.setAttribute(CODE_ATTRIBUTE, code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(title(code));
        problem.setProperty(CODE, code);
        problem.setProperty(TRACE_ID, TraceIds.of(request).toHex());
        return problem;
    }

    /** The title belongs to the type, so it is derived from the code: {@code exceeds_credits} gives "Exceeds credits". */
    static String title(String code) {
        String words = code.replace('_', ' ');
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** The generic code for a status that no more precise code explains. */
    static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }
}
