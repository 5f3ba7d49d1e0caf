-- What the bank knows about an account besides its ledger data: the name people see and the customer it belongs to.
-- The ledger engine holds balances and flags; this table holds only what the engine does not.
--
-- A profile is written before its account is submitted to the engine, so no account exists without its profile. A
-- profile whose account the engine refused is deleted again; one left by a crash between the two steps belongs to
-- no account and is overwritten when the account is opened.
-- This file must run unchanged on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE account_profiles (
    account_id  UUID         NOT NULL PRIMARY KEY,
    name        VARCHAR(200),
    customer_id VARCHAR(64),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX account_profiles_customer ON account_profiles (customer_id);
