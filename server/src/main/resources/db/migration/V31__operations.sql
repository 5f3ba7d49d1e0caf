-- Durable asynchronous operations (a transfer import): what was asked, by whom, and how far it got. Times are epoch
-- milliseconds. The uploaded file and the result file live in the data directory (imports/); lines_done and
-- result_bytes say how much of them is applied and written, so a restart resumes after the last whole batch.
-- Runs unchanged on H2 and PostgreSQL.
CREATE TABLE operations (
    id                    UUID          NOT NULL PRIMARY KEY,
    kind                  VARCHAR(32)   NOT NULL,
    state                 VARCHAR(16)   NOT NULL,
    owner_key_id          VARCHAR(64)   NOT NULL,
    owner_role            VARCHAR(16)   NOT NULL,
    client_address        VARCHAR(64)   NOT NULL,
    request_id            VARCHAR(64)   NOT NULL,
    trace_id              VARCHAR(32)   NOT NULL,
    format                VARCHAR(8)    NOT NULL,
    lines_total           BIGINT        NOT NULL,
    lines_done            BIGINT        NOT NULL,
    lines_ok              BIGINT        NOT NULL,
    lines_failed          BIGINT        NOT NULL,
    result_bytes          BIGINT        NOT NULL,
    error                 VARCHAR(512),
    completion_journaled  BOOLEAN       NOT NULL,
    created_at            BIGINT        NOT NULL,
    started_at            BIGINT,
    updated_at            BIGINT        NOT NULL,
    finished_at           BIGINT
);
CREATE INDEX operations_state ON operations (state, created_at);
CREATE INDEX operations_owner ON operations (owner_key_id);
