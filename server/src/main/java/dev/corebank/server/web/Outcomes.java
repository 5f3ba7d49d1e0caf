package dev.corebank.server.web;

import dev.corebank.ledger.ResultCode;
import org.springframework.http.HttpStatus;

/**
 * How an engine result becomes an HTTP status: created is 201, an idempotent repeat (same id, same fields) is 200
 * with the original, the same id with different fields is 409, the engine at its accountsMax or transfersMax is 507
 * (nothing the caller changes will help until the limit is raised), and every other business rejection is 422 named
 * by the engine's result code.
 */
public final class Outcomes {
    private Outcomes() {
    }

    /** 201 or 200 for a result that stands for the stored item; otherwise throws the matching problem. */
    public static HttpStatus statusOrThrow(ResultCode code, String subject) {
        return switch (code) {
            case OK -> HttpStatus.CREATED;
            case EXISTS -> HttpStatus.OK;
            default -> throw rejection(code, subject);
        };
    }

    public static ApiException rejection(ResultCode code, String subject) {
        if (code == ResultCode.EXISTS_WITH_DIFFERENT_FIELDS) {
            return new ApiException(HttpStatus.CONFLICT, code.wireName(), subject
                    + " already exists with different fields; a repeat must send exactly the same body");
        }
        if (code == ResultCode.CAPACITY_EXCEEDED) {
            return new ApiException(HttpStatus.INSUFFICIENT_STORAGE, code.wireName(), subject + " was rejected by the"
                    + " ledger result=" + code.wireName() + ": the engine holds all the accounts or transfers it may");
        }
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code.wireName(), subject + " was rejected by the"
                + " ledger result=" + code.wireName());
    }
}
