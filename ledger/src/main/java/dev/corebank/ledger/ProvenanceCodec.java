package dev.corebank.ledger;

import java.nio.charset.StandardCharsets;

/**
 * The encoding of a {@link Provenance} inside a journal entry (entry format version 2), right after the entry header.
 * The trace id is not repeated here: it has its own field in the entry header.
 *
 * <pre>
 *  0      1   API key id length i     | i bytes API key id (UTF-8), such as "ck_3f0a..."
 *  .      1   role length r           | r bytes role
 *  .      1   client address length a | a bytes client address
 *  .      1   request id length q     | q bytes request id
 *  .      1   Idempotency-Key length k| k bytes Idempotency-Key
 *  .      1   endpoint length e       | e bytes endpoint, such as "POST /v1/transfers"
 * </pre>
 */
final class ProvenanceCodec {
    private ProvenanceCodec() {
    }

    /** Writes the provenance at offset; returns the number of bytes written. */
    static int write(byte[] buffer, int offset, Provenance provenance) {
        int start = offset;
        offset = writeText(buffer, offset, provenance.apiKeyId());
        offset = writeText(buffer, offset, provenance.role());
        offset = writeText(buffer, offset, provenance.clientAddress());
        offset = writeText(buffer, offset, provenance.requestId());
        offset = writeText(buffer, offset, provenance.idempotencyKey());
        offset = writeText(buffer, offset, provenance.endpoint());
        return offset - start;
    }

    /** Reads a provenance of {@code length} bytes at offset; the trace id comes from the entry header. */
    static Provenance read(byte[] buffer, int offset, int length, TraceId traceId) {
        if (length == 0) {
            return Provenance.ofTrace(traceId);
        }
        int end = offset + length;
        int[] cursor = {offset};
        String keyId = readText(buffer, cursor, end);
        String role = readText(buffer, cursor, end);
        String clientAddress = readText(buffer, cursor, end);
        String requestId = readText(buffer, cursor, end);
        String idempotencyKey = readText(buffer, cursor, end);
        String endpoint = readText(buffer, cursor, end);
        Check.that(cursor[0] == end, "provenance length does not match its fields length=%d", length);
        return new Provenance(keyId, role, clientAddress, requestId, traceId, idempotencyKey, endpoint);
    }

    private static int writeText(byte[] buffer, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer[offset] = (byte) bytes.length;
        System.arraycopy(bytes, 0, buffer, offset + 1, bytes.length);
        return offset + 1 + bytes.length;
    }

    private static String readText(byte[] buffer, int[] cursor, int end) {
        int length = buffer[cursor[0]] & 0xFF;
        Check.that(cursor[0] + 1 + length <= end, "provenance text runs past its end offset=%d", cursor[0]);
        String text = new String(buffer, cursor[0] + 1, length, StandardCharsets.UTF_8);
        cursor[0] += 1 + length;
        return text;
    }
}
