-- Idempotency-Key header: one row per API key and idempotency key. The row is claimed (inserted) before the request
-- runs, which makes the first of two concurrent requests win; the response is stored when the request finishes.
-- Rows are deleted after the retention period (corebank.api.idempotency-retention).
-- This file must run unchanged on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE idempotency_keys (
    api_key_id        VARCHAR(40)  NOT NULL,
    idempotency_key   VARCHAR(255) NOT NULL,
    -- SHA-256 of method, path and body, as 64 lowercase hex digits: a repeat must match it exactly.
    request_hash      CHAR(64)     NOT NULL,
    claimed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Null while the first request is still running.
    response_status   INTEGER,
    response_type     VARCHAR(200),
    response_location VARCHAR(500),
    ledger_position   BIGINT,
    response_body     BYTEA,
    completed_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (api_key_id, idempotency_key)
);

CREATE INDEX idempotency_keys_claimed_at ON idempotency_keys (claimed_at);
