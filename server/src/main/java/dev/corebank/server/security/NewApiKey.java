package dev.corebank.server.security;

/** A key just created, with its secret: the only time the secret exists outside the caller's hands. */
public record NewApiKey(ApiKey key, String secret) {
    @Override
    public String toString() {
        // The secret never reaches a log line through toString.
        return "NewApiKey[key=" + key + ", secret=<hidden>]";
    }
}
