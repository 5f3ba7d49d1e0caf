package dev.corebank.server.audit;

import dev.corebank.server.security.Caller;
import dev.corebank.server.security.Role;
import dev.corebank.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for auditors and admins: {@code GET /v1/audit?accountId=&actor=&from=&to=&limit=}, newest first.
 * {@code accountId} matches every record that named the id (as an account, a transfer or a hold), {@code actor} is an
 * API key id, {@code from} (inclusive) and {@code to} (exclusive) are ISO-8601 instants. Page backwards by passing the
 * oldest {@code occurredAt} seen as the next {@code to}.
 */
@RestController
class AuditController {
    static final int LIMIT_DEFAULT = 100;

    private final AuditRepository repository;
    private final AuditProperties properties;

    AuditController(AuditRepository repository, AuditProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    /** The page of records found and the filters that found them. */
    record AuditPage(List<AuditRecord> records, int limit) {
    }

    @GetMapping("/v1/audit")
    AuditPage audit(HttpServletRequest request,
                    @RequestParam(name = "accountId", required = false) String accountId,
                    @RequestParam(name = "actor", required = false) String actor,
                    @RequestParam(name = "from", required = false) String from,
                    @RequestParam(name = "to", required = false) String to,
                    @RequestParam(name = "limit", required = false) Integer limit) {
        requireAuditor(request);
        int rows = limit == null ? LIMIT_DEFAULT : limit;
        if (rows < 1 || rows > properties.queryLimitMax()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_limit", "limit must be in [1, "
                    + properties.queryLimitMax() + "] limit=" + rows);
        }
        return new AuditPage(repository.find(uuid("accountId", accountId), blankToNull(actor),
                instant("from", from), instant("to", to), rows), rows);
    }

    /** Auditors and admins only: other roles may read balances, but not who did what. */
    static Caller requireAuditor(HttpServletRequest request) {
        if (!(request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller)
                || (caller.role() != Role.AUDITOR && caller.role() != Role.ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "role_not_allowed",
                    "the audit trail is for the auditor and admin roles");
        }
        return caller;
    }

    private static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException malformed) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_" + snake(name), name + " must be a UUID "
                    + name + "=" + value);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException malformed) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_" + name, name
                    + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z " + name + "=" + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
