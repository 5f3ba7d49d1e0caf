package dev.corebank.server.security;

import dev.corebank.server.web.ApiProperties;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code idempotency_keys} table: one row per API key and Idempotency-Key, holding the request's fingerprint and,
 * once the request has finished, its response. The primary key makes the first claim win across threads and nodes.
 */
@Component
class IdempotencyStore {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApiProperties properties;

    IdempotencyStore(JdbcClient jdbc, ApiProperties properties) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
        this.properties = properties;
    }

    /** What a request with this key should do. */
    sealed interface Claim {
        /** First use: run the request and then {@link #complete} or {@link #release} the key. */
        record Claimed() implements Claim {
        }

        /** The same request finished before: answer with its stored response. */
        record Replay(StoredResponse response) implements Claim {
        }

        /** The key was used for a different request. */
        record Reused() implements Claim {
        }

        /** The same request is running right now. */
        record InProgress() implements Claim {
        }
    }

    record StoredResponse(int status, String contentType, String location, Long ledgerPosition, byte[] body) {
    }

    Claim claim(String apiKeyId, String idempotencyKey, String requestHash) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Two rounds: the row seen on conflict may be an abandoned claim that is deleted before the second insert.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                jdbc.sql("INSERT INTO idempotency_keys (api_key_id, idempotency_key, request_hash, claimed_at)"
                                + " VALUES (?, ?, ?, ?)")
                        .params(apiKeyId, idempotencyKey, requestHash, now).update();
                return new Claim.Claimed();
            } catch (DuplicateKeyException taken) {
                Claim existing = existing(apiKeyId, idempotencyKey, requestHash, now);
                if (existing != null) {
                    return existing;
                }
            }
        }
        return new Claim.InProgress();
    }

    /** The claim held by another request, or null when that claim was abandoned and has just been removed. */
    private Claim existing(String apiKeyId, String idempotencyKey, String requestHash, OffsetDateTime now) {
        var row = jdbc.sql("SELECT request_hash, claimed_at, response_status, response_type, response_location,"
                        + " ledger_position, response_body FROM idempotency_keys"
                        + " WHERE api_key_id = ? AND idempotency_key = ?")
                .params(apiKeyId, idempotencyKey)
                .query((result, index) -> new Row(result.getString(1), result.getObject(2, OffsetDateTime.class),
                        (Integer) result.getObject(3), new StoredResponse(result.getInt(3), result.getString(4),
                        result.getString(5), (Long) result.getObject(6, Long.class), result.getBytes(7))))
                .optional();
        if (row.isEmpty()) {
            return null;
        }
        Row found = row.get();
        if (!found.requestHash.equals(requestHash)) {
            return new Claim.Reused();
        }
        if (found.status != null) {
            return new Claim.Replay(found.response);
        }
        if (found.claimedAt.isBefore(now.minus(properties.idempotencyClaimTimeout()))) {
            release(apiKeyId, idempotencyKey);
            return null;
        }
        return new Claim.InProgress();
    }

    private record Row(String requestHash, OffsetDateTime claimedAt, Integer status, StoredResponse response) {
    }

    void complete(String apiKeyId, String idempotencyKey, StoredResponse response) {
        jdbc.sql("UPDATE idempotency_keys SET response_status = ?, response_type = ?, response_location = ?,"
                        + " ledger_position = ?, response_body = ?, completed_at = ?"
                        + " WHERE api_key_id = ? AND idempotency_key = ?")
                .params(response.status(), response.contentType(), response.location(), response.ledgerPosition(),
                        response.body(), OffsetDateTime.now(clock), apiKeyId, idempotencyKey)
                .update();
    }

    /** Forgets an unfinished claim, so that the request may be sent again with the same key. */
    void release(String apiKeyId, String idempotencyKey) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE api_key_id = ? AND idempotency_key = ?"
                        + " AND response_status IS NULL")
                .params(apiKeyId, idempotencyKey).update();
    }

    /** Keys are kept for the retention period only, so the table stays bounded by the request rate. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purgeExpired() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(properties.idempotencyRetention());
        jdbc.sql("DELETE FROM idempotency_keys WHERE claimed_at < ?").param(cutoff.withOffsetSameInstant(
                ZoneOffset.UTC)).update();
    }
}
