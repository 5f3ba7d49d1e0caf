package dev.corebank.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who asked for a journal entry, and from where: the API key and its role, the client's address, the request id,
 * the trace id, the Idempotency-Key the client sent, and the endpoint that took the request. Every entry written for a
 * request carries one, so the journal alone answers "who did this". Entries the engine writes on its own (expiry of
 * holds) carry {@link #NONE}.
 *
 * <p>Text fields are empty strings when unknown, never null, and each is bounded in UTF-8 bytes by a named limit; the
 * caller shortens what it passes (the engine refuses what does not fit rather than cut it silently).
 */
public record Provenance(String apiKeyId, String role, String clientAddress, String requestId, TraceId traceId,
                         String idempotencyKey, String endpoint) {
    public static final int API_KEY_ID_BYTES_MAX = 40;
    public static final int ROLE_BYTES_MAX = 32;
    public static final int CLIENT_ADDRESS_BYTES_MAX = 64;
    public static final int REQUEST_ID_BYTES_MAX = 64;
    public static final int IDEMPOTENCY_KEY_BYTES_MAX = 128;
    public static final int ENDPOINT_BYTES_MAX = 160;
    /** The largest encoding: each text field as a one-byte length and its bytes. */
    public static final int ENCODED_BYTES_MAX = 6 + API_KEY_ID_BYTES_MAX + ROLE_BYTES_MAX + CLIENT_ADDRESS_BYTES_MAX
            + REQUEST_ID_BYTES_MAX + IDEMPOTENCY_KEY_BYTES_MAX + ENDPOINT_BYTES_MAX;

    public static final Provenance NONE = new Provenance("", "", "", "", TraceId.NONE, "", "");

    public Provenance {
        apiKeyId = checked("apiKeyId", apiKeyId, API_KEY_ID_BYTES_MAX);
        traceId = traceId == null ? TraceId.NONE : traceId;
        role = checked("role", role, ROLE_BYTES_MAX);
        clientAddress = checked("clientAddress", clientAddress, CLIENT_ADDRESS_BYTES_MAX);
        requestId = checked("requestId", requestId, REQUEST_ID_BYTES_MAX);
        idempotencyKey = checked("idempotencyKey", idempotencyKey, IDEMPOTENCY_KEY_BYTES_MAX);
        endpoint = checked("endpoint", endpoint, ENDPOINT_BYTES_MAX);
    }

    /** Only a trace id is known, as for work that no HTTP request started. */
    public static Provenance ofTrace(TraceId traceId) {
        return traceId == null || traceId.isNone() ? NONE
                : new Provenance("", "", "", "", traceId, "", "");
    }

    public boolean hasApiKey() {
        return !apiKeyId.isEmpty();
    }

    /** Cuts a text to at most {@code bytesMax} UTF-8 bytes without splitting a character; null becomes empty. */
    public static String shorten(String text, int bytesMax) {
        if (text == null) {
            return "";
        }
        if (text.length() * 3 <= bytesMax || text.getBytes(StandardCharsets.UTF_8).length <= bytesMax) {
            return text;
        }
        int end = Math.min(text.length(), bytesMax);
        while (end > 0 && text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > bytesMax) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String checked(String field, String value, int bytesMax) {
        String text = Objects.requireNonNullElse(value, "");
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > bytesMax) {
            throw new IllegalArgumentException("provenance field too long field=" + field + " bytes=" + bytes
                    + " bytesMax=" + bytesMax);
        }
        return text;
    }
}
