-- The audit trail, the API keys and the account profiles become projections of the journal (reactors "audit",
-- "api-keys" and "profiles"), each with its checkpoint in reactor_checkpoints, written in the same transaction.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- An audit record now comes from a journal entry: its sequence and chain hash tie the record to the chain, which
-- audit verify checks. The HTTP status is known only for requests recorded as facts (refused or unchanged ones).
-- Records written before this change keep a null sequence.
ALTER TABLE audit_record ADD COLUMN journal_sequence BIGINT;
ALTER TABLE audit_record ADD COLUMN entry_hash CHAR(64);
ALTER TABLE audit_record ALTER COLUMN status DROP NOT NULL;
CREATE INDEX audit_record_sequence ON audit_record (journal_sequence);
CREATE INDEX audit_record_request ON audit_record (request_id);

-- A profile row is decrypted from the journal; key_id names the customer key it was sealed under, so an erasure can
-- clear every row of that customer, and erased says the personal data is gone for good.
ALTER TABLE account_profiles ADD COLUMN key_id UUID;
ALTER TABLE account_profiles ADD COLUMN erased BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE account_profiles ADD COLUMN updated_sequence BIGINT;
CREATE INDEX account_profiles_key ON account_profiles (key_id);
