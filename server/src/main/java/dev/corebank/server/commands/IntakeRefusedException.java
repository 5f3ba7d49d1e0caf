package dev.corebank.server.commands;

/**
 * A client's command refused by the {@link IntakeGate} before it reached the engine: nothing was applied, and the same
 * request may be sent again after {@link #retryAfterSeconds()}. The API answers it with 503 and {@code Retry-After}.
 */
public final class IntakeRefusedException extends RuntimeException {
    private final String code;
    private final int retryAfterSeconds;

    public IntakeRefusedException(String code, String detail, int retryAfterSeconds) {
        super(detail);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The stable, snake_case problem code. */
    public String code() {
        return code;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
