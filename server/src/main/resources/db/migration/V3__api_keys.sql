-- API keys. The secret itself is never stored: only its SHA-256 hash, as 64 lowercase hex digits. key_id is public
-- and safe to show in logs, the audit trail and the admin API.
-- This file must run unchanged on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE api_keys (
    key_id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    secret_hash         CHAR(64)     NOT NULL,
    -- APP, TELLER, OPERATOR, AUDITOR or ADMIN (see docs/api.md for what each may do).
    role                VARCHAR(16)  NOT NULL,
    name                VARCHAR(100) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Null while the key is active. A revoked key is kept, so that its id still explains old audit records.
    revoked_at          TIMESTAMP WITH TIME ZONE,
    -- This key's own limit of state-changing requests per second; null means the configured default.
    requests_per_second INTEGER,
    CONSTRAINT api_keys_secret_hash_unique UNIQUE (secret_hash),
    CONSTRAINT api_keys_role_known CHECK (role IN ('APP', 'TELLER', 'OPERATOR', 'AUDITOR', 'ADMIN')),
    CONSTRAINT api_keys_rate_positive CHECK (requests_per_second IS NULL OR requests_per_second > 0)
);
