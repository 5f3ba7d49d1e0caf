-- The dispatcher claims due deliveries oldest first: ORDER BY state, next_attempt_at, id. With id in the index the
-- database reads the first rows in index order and stops at the limit; without it, every delivery that shares a
-- next_attempt_at (all the deliveries one reactor run wrote) had to be read and sorted on every poll, so the poll's
-- cost grew with the backlog. This file must run unchanged on H2 (PostgreSQL mode) and PostgreSQL.

DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at, id);
