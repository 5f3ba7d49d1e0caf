package dev.corebank.server.web;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered as RFC 9457 problem+json with a stable {@code code}. Throw it from any
 * controller or service; the problem handler turns it into the response.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    /** The stable, snake_case problem code, for example {@code account_not_found}. */
    public String code() {
        return code;
    }
}
