package dev.corebank.server.commands;

import dev.corebank.server.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A client's command refused by the {@link IntakeGate} before it reached the engine: nothing was applied, and the same
 * request may be sent again after {@link #retryAfterSeconds()}. The API answers it with 503 and {@code Retry-After}.
 */
public final class IntakeRefusedException extends ApiException {
    private final int retryAfterSeconds;

    public IntakeRefusedException(String code, String detail, int retryAfterSeconds) {
        super(HttpStatus.SERVICE_UNAVAILABLE, code, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
