-- The checkpoints of reactors whose checkpoint moves after their effect (AFTER_EFFECT: the business-event log, later
-- publishers and webhooks): one row per reactor, written by the reactor runtime after the effect was acknowledged.
-- The projector keeps its own checkpoint in projection_checkpoint, in the same transaction as the read-model rows.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE reactor_checkpoints (
    name             VARCHAR(64)              NOT NULL PRIMARY KEY,
    -- The last journal entry the reactor applied; 0 before the first.
    journal_sequence BIGINT                   NOT NULL,
    -- The engine timestamp of that entry (nanoseconds since the Unix epoch): checked against the journal at start,
    -- so a checkpoint taken from another journal is refused instead of silently continued.
    entry_timestamp  BIGINT                   NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT reactor_checkpoints_sequence_not_negative CHECK (journal_sequence >= 0)
);
