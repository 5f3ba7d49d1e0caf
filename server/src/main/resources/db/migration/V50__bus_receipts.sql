-- The event bus publishers' receipts: one row per run the broker acknowledged (Kafka acks, RabbitMQ confirms), for
-- the witness. Bounded: a publisher deletes the receipts of entries older than its retained window.
CREATE TABLE bus_receipts (
    publisher            VARCHAR(64) NOT NULL,
    first_sequence       BIGINT      NOT NULL,
    last_sequence        BIGINT      NOT NULL,
    messages             BIGINT      NOT NULL,
    acknowledged_at_millis BIGINT    NOT NULL
);
CREATE INDEX bus_receipts_by_position ON bus_receipts (publisher, last_sequence);
