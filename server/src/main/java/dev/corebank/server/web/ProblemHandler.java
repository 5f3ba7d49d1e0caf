package dev.corebank.server.web;

import dev.corebank.server.commands.EngineCalls;
import dev.corebank.server.commands.IntakeRefusedException;
import dev.corebank.ledger.LedgerOverloadedException;
import dev.corebank.ledger.LedgerUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception a controller lets through into a problem response with a stable code. Messages of unexpected
 * exceptions are logged with the trace id and never sent to the caller.
 */
@RestControllerAdvice
class ProblemHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    /** Seconds a client should wait before retrying a request the engine had no room for. */
    static final String OVERLOADED_RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException exception, HttpServletRequest request) {
        return problem(exception.status(), exception.code(), exception.getMessage(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException exception, HttpServletRequest request) {
        if (causedBy(exception, BodyTooLargeException.class) != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                    causedBy(exception, BodyTooLargeException.class).getMessage(), request);
        }
        if (causedBy(exception, BodyNotUtf8Exception.class) != null) {
            return problem(HttpStatus.BAD_REQUEST, "invalid_encoding",
                    causedBy(exception, BodyNotUtf8Exception.class).getMessage(), request);
        }
        JacksonException json = causedBy(exception, JacksonException.class);
        if (json == null) {
            return problem(HttpStatus.BAD_REQUEST, "malformed_json", "request body is missing or unreadable", request);
        }
        String field = fieldPath(json);
        if (json instanceof UnrecognizedPropertyException unknown) {
            return problem(HttpStatus.BAD_REQUEST, "unknown_field", "unknown field field=" + field
                    + " known=" + unknown.getKnownPropertyIds(), request);
        }
        if (json instanceof InputCoercionException) {
            return problem(HttpStatus.BAD_REQUEST, "invalid_field", "number out of range field=" + field, request);
        }
        if (json instanceof MismatchedInputException) {
            String what = field.isEmpty() ? "request body has the wrong JSON type"
                    : "field has the wrong type or format field=" + field;
            return problem(HttpStatus.BAD_REQUEST, "invalid_field", what + ": " + json.getOriginalMessage(), request);
        }
        if (json instanceof StreamReadException) {
            return problem(HttpStatus.BAD_REQUEST, "malformed_json", "request body is not valid JSON: "
                    + json.getOriginalMessage(), request);
        }
        return problem(HttpStatus.BAD_REQUEST, "invalid_field", "request body could not be read field=" + field,
                request);
    }

    @ExceptionHandler(LedgerOverloadedException.class)
    ResponseEntity<ProblemDetail> overloaded(LedgerOverloadedException exception, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, OVERLOADED_RETRY_AFTER_SECONDS)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger_overloaded",
                        "the ledger engine has no room for more commands; nothing was applied, retry later",
                        request));
    }

    @ExceptionHandler(LedgerUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(LedgerUnavailableException exception, HttpServletRequest request) {
        LOG.error("ledger engine unavailable traceId={}", TraceIds.of(request), exception);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "ledger_unavailable", "the ledger engine is not running",
                request);
    }

    @ExceptionHandler(IntakeRefusedException.class)
    ResponseEntity<ProblemDetail> refused(IntakeRefusedException exception, HttpServletRequest request) {
        return ResponseEntity.status(exception.status())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(exception.retryAfterSeconds()))
                .body(Problems.of(exception.status(), exception.code(), exception.getMessage(), request));
    }

    @ExceptionHandler(EngineCalls.TimeoutException.class)
    ResponseEntity<ProblemDetail> timeout(EngineCalls.TimeoutException exception, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, OVERLOADED_RETRY_AFTER_SECONDS)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger_timeout", exception.getMessage()
                        + "; the command may still be applied: retry with the same id to learn its result", request));
    }

    /** Spring MVC's own exceptions (unknown path, wrong method or media type, ...) carry their status. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception exception, HttpServletRequest request) {
        if (exception instanceof ErrorResponse response) {
            HttpStatusCode status = response.getStatusCode();
            String detail = response.getBody().getDetail();
            ResponseEntity<ProblemDetail> answer = problem(status, Problems.codeForStatus(status.value()),
                    detail == null ? "request refused" : detail, request);
            return ResponseEntity.status(status).headers(response.getHeaders()).body(answer.getBody());
        }
        if (exception instanceof IllegalArgumentException && unusableContentType(request)) {
            // Spring refuses a wildcard or unparsable Content-Type with a plain IllegalArgumentException.
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Content-Type is not a concrete media type", request);
        }
        LOG.error("request failed traceId={}", TraceIds.of(request), exception);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "the request failed; quote the traceId when reporting it", request);
    }

    private static boolean unusableContentType(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            MediaType parsed = MediaType.parseMediaType(contentType);
            return parsed.isWildcardType() || parsed.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return true;
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String code, String detail,
                                                         HttpServletRequest request) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail, request));
    }

    /** The JSON path of the failing field, for example {@code [3].amount}; empty for the document itself. */
    private static String fieldPath(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> T causedBy(Throwable exception, Class<T> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
