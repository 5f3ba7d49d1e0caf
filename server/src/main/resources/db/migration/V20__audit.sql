-- The audit trail: one row per state-changing HTTP request, accepted or refused, written after the response.
-- Who (API key id and role), what (operation, route and the ids it named), when, from where (client address), the
-- outcome (HTTP status and result code) and the trace id that leads to the journal entry it caused, if any.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL. Rows are never updated or deleted by corebank.

CREATE TABLE audit_record (
    id              UUID                     NOT NULL PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Null when the request carried no valid API key (a refused attempt).
    key_id          VARCHAR(64),
    role            VARCHAR(16),
    http_method     VARCHAR(16)              NOT NULL,
    -- The matched route template, for example /v1/accounts/{accountId}/freeze; the path when none matched.
    route           VARCHAR(256)             NOT NULL,
    -- The handler that ran, for example TransfersController.createTransfer; the route when none ran.
    operation       VARCHAR(128)             NOT NULL,
    -- The ids the request named, in its path and body, space-separated; the same ids are in audit_subject.
    subject_ids     VARCHAR(2048)            NOT NULL,
    client_address  VARCHAR(64)              NOT NULL,
    status          INTEGER                  NOT NULL,
    -- ok, or the stable problem or result code, for example exceeds_credits or role_not_allowed.
    outcome         VARCHAR(64)              NOT NULL,
    trace_id        CHAR(32),
    request_id      VARCHAR(64),
    idempotency_key VARCHAR(128)
);

CREATE INDEX audit_record_time ON audit_record (occurred_at);
CREATE INDEX audit_record_key_time ON audit_record (key_id, occurred_at);
CREATE INDEX audit_record_trace ON audit_record (trace_id);

-- Which records name an id (an account, a transfer, a hold), so an account's audit trail is one index range.
CREATE TABLE audit_subject (
    subject_id UUID NOT NULL,
    record_id  UUID NOT NULL REFERENCES audit_record (id),
    CONSTRAINT audit_subject_pk PRIMARY KEY (subject_id, record_id)
);
