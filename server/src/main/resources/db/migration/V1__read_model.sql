-- The read model: accounts, transfers and posted balance history, projected from the ledger journal.
--
-- Only the projector writes these tables, and every write happens in the same transaction as the move of
-- projection_checkpoint, so the tables always show the journal exactly up to the checkpoint: nothing missing,
-- nothing twice. The journal is the witness; these tables can be dropped and rebuilt from it at any time.
--
-- Time: engine_timestamp and the *_at columns are engine timestamps, nanoseconds since the Unix epoch (UTC). They
-- strictly increase across the whole journal, so one is also a unique order key.
-- Money: every amount and balance is an integer in minor units of the ledger's currency.
-- This file must run unchanged on H2 (PostgreSQL mode) and PostgreSQL.
--
-- No foreign keys: the projector checks every reference as it applies the journal (an event naming an account or a
-- hold it does not have stops it), and foreign-key checks halved its throughput on PostgreSQL.

CREATE TABLE projection_checkpoint (
    name             VARCHAR(64) NOT NULL PRIMARY KEY,
    -- The last journal entry applied; 0 before the first.
    journal_sequence BIGINT      NOT NULL,
    -- The engine timestamp of that entry: checked against the journal at start, so a read model built from another
    -- journal is refused instead of silently extended.
    entry_timestamp  BIGINT      NOT NULL,
    CONSTRAINT projection_checkpoint_sequence_not_negative CHECK (journal_sequence >= 0)
);

INSERT INTO projection_checkpoint (name, journal_sequence, entry_timestamp) VALUES ('read_model', 0, 0);

CREATE TABLE accounts (
    id               UUID        NOT NULL PRIMARY KEY,
    -- ISO 4217 numeric code, as the engine stores it, and the letter code for people and reports.
    ledger           INTEGER     NOT NULL,
    currency         CHAR(3),
    account_type     VARCHAR(16) NOT NULL,
    code             INTEGER     NOT NULL,
    flags            INTEGER     NOT NULL,
    debits_pending   BIGINT      NOT NULL,
    debits_posted    BIGINT      NOT NULL,
    credits_pending  BIGINT      NOT NULL,
    credits_posted   BIGINT      NOT NULL,
    opened_at        BIGINT      NOT NULL,
    opened_sequence  BIGINT      NOT NULL,
    -- The journal entry that last changed the row.
    updated_sequence BIGINT      NOT NULL,
    CONSTRAINT accounts_balances_not_negative CHECK (
        debits_pending >= 0 AND debits_posted >= 0 AND credits_pending >= 0 AND credits_posted >= 0)
);

-- Applied transfers only: refused attempts stay in the journal, which is the audit record.
CREATE TABLE transfers (
    id                UUID        NOT NULL PRIMARY KEY,
    debit_account_id  UUID        NOT NULL,
    credit_account_id UUID        NOT NULL,
    -- The amount actually moved or held (a balancing or partial post may be less than was asked for).
    amount            BIGINT      NOT NULL,
    ledger            INTEGER     NOT NULL,
    currency          CHAR(3),
    code              INTEGER     NOT NULL,
    flags             INTEGER     NOT NULL,
    -- SINGLE_PHASE, PENDING, POST_PENDING or VOID_PENDING.
    kind              VARCHAR(16) NOT NULL,
    -- For a PENDING transfer: PENDING, POSTED, VOIDED or EXPIRED; NONE for the other kinds.
    pending_status    VARCHAR(16) NOT NULL,
    -- The hold a POST_PENDING or VOID_PENDING resolves.
    pending_id        UUID,
    timeout_seconds   INTEGER     NOT NULL,
    reference         VARCHAR(64) NOT NULL,
    engine_timestamp  BIGINT      NOT NULL,
    journal_sequence  BIGINT      NOT NULL,
    -- When a PENDING transfer was posted, voided or expired.
    resolved_at       BIGINT,
    -- The W3C trace id of the request, so a row can be traced back to its HTTP call; null when there was none.
    trace_id          CHAR(32),
    CONSTRAINT transfers_amount_positive CHECK (amount > 0)
);

-- An account's transfers, newest first, in pages: one index per side, each read backwards from the cursor.
CREATE INDEX transfers_debit_account_time ON transfers (debit_account_id, engine_timestamp);
CREATE INDEX transfers_credit_account_time ON transfers (credit_account_id, engine_timestamp);

-- One row per account per posted movement (a single-phase transfer or a posted hold), with the account's posted
-- totals after it. Holds, voids and expiries move only pending balances and are not statement lines. The totals make
-- any balance at any time one index probe: the last row before that time.
CREATE TABLE balance_history (
    account_id       UUID   NOT NULL,
    engine_timestamp BIGINT NOT NULL,
    journal_sequence BIGINT NOT NULL,
    transfer_id      UUID   NOT NULL,
    debit_amount     BIGINT NOT NULL,
    credit_amount    BIGINT NOT NULL,
    debits_posted    BIGINT NOT NULL,
    credits_posted   BIGINT NOT NULL,
    CONSTRAINT balance_history_pk PRIMARY KEY (account_id, engine_timestamp),
    CONSTRAINT balance_history_one_side CHECK (
        (debit_amount > 0 AND credit_amount = 0) OR (debit_amount = 0 AND credit_amount > 0))
);
