package dev.corebank.server.security;

/**
 * The authenticated caller of a request: the API key's public id (never the key itself) and its role. The security
 * filter stores it as the request attribute {@link #REQUEST_ATTRIBUTE}; the audit trail and access log read it there.
 */
public record Caller(String keyId, Role role) {
    public static final String REQUEST_ATTRIBUTE = "corebank.caller";
}
