-- Payments between banks (docs/payments.md): the saga's state, derived from the journal by the reactor "payments" in
-- the same transaction as its checkpoint, so it is exactly once whatever stops the server. payment_steps is every
-- step with the journal position that made it: the witness of a payment. payment_actions is the saga's outbox: what
-- is to be done next and when; a worker carries each out with ids derived from the payment, and the reactor removes
-- or replaces it when the journal shows the step done. Times are epoch milliseconds. Runs on H2 and PostgreSQL.
CREATE TABLE payments (
    id                 UUID          NOT NULL PRIMARY KEY,
    direction          VARCHAR(8)    NOT NULL,
    uetr               VARCHAR(36)   NOT NULL,
    end_to_end_id      VARCHAR(35)   NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    reason             VARCHAR(8),
    hold_id            UUID          NOT NULL,
    ledger             INTEGER       NOT NULL,
    amount_minor       BIGINT        NOT NULL,
    debtor_agent       VARCHAR(11)   NOT NULL,
    debtor_account     VARCHAR(64)   NOT NULL,
    debtor_name        VARCHAR(140),
    creditor_agent     VARCHAR(11)   NOT NULL,
    creditor_account   VARCHAR(64)   NOT NULL,
    creditor_name      VARCHAR(140),
    remittance         VARCHAR(140),
    owner_key_id       VARCHAR(64)   NOT NULL,
    trace_id           VARCHAR(32)   NOT NULL,
    request_digest     VARCHAR(64)   NOT NULL,
    accepted_at        BIGINT        NOT NULL,
    business_date      DATE,
    status_requests    INTEGER       NOT NULL,
    created_position   BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL,
    final_at           BIGINT
);
CREATE UNIQUE INDEX payments_uetr ON payments (uetr);
CREATE UNIQUE INDEX payments_hold ON payments (hold_id);
CREATE INDEX payments_state ON payments (state, accepted_at);
CREATE INDEX payments_debtor_day ON payments (debtor_account, business_date);

CREATE TABLE payment_steps (
    payment_id   UUID          NOT NULL,
    position     BIGINT        NOT NULL,
    step_index   INTEGER       NOT NULL,
    at           BIGINT        NOT NULL,
    step         VARCHAR(32)   NOT NULL,
    detail       VARCHAR(512)  NOT NULL,
    PRIMARY KEY (payment_id, position, step_index)
);

CREATE TABLE payment_actions (
    payment_id   UUID          NOT NULL,
    action       VARCHAR(16)   NOT NULL,
    due_at       BIGINT        NOT NULL,
    version      BIGINT        NOT NULL,
    attempts     INTEGER       NOT NULL,
    PRIMARY KEY (payment_id, action)
);
CREATE INDEX payment_actions_due ON payment_actions (due_at);
