-- The bank's own services consuming the event bus (issue 9): their deduplication marks, their dead letters, and the
-- notification service's recipients and outbox. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- The deduplication state of a consumer: one high-water mark per stream (a Kafka topic partition or a RabbitMQ
-- queue), the (journal sequence, index, copy) of the last message it passed; Kafka carries an event once per account
-- it touches (copy 0 for the debit side). Bounded by the number of streams, never by the number of events.
CREATE TABLE consumer_marks (
    consumer         VARCHAR(64)  NOT NULL,
    stream           VARCHAR(255) NOT NULL,
    journal_sequence BIGINT       NOT NULL,
    event_index      INTEGER      NOT NULL,
    event_copy       INTEGER      NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer, stream)
);

-- Messages a consumer gave up on, kept whole so that an operator can inspect and replay them. A letter is DEAD until
-- replayed (REPLAYED); REPLAYING claims it while a replay runs, so two replays never both apply it.
CREATE TABLE consumer_dead_letters (
    letter_id    UUID          NOT NULL PRIMARY KEY,
    consumer     VARCHAR(64)   NOT NULL,
    transport    VARCHAR(16)   NOT NULL,
    stream       VARCHAR(255)  NOT NULL,
    origin       VARCHAR(512)  NOT NULL,
    event_id     VARCHAR(64),
    event_type   VARCHAR(128),
    attributes   VARCHAR(8000) NOT NULL,
    content_type VARCHAR(128),
    body         BYTEA         NOT NULL,
    event_copy   INTEGER       NOT NULL,
    copy_key     VARCHAR(64),
    reason       VARCHAR(32)   NOT NULL,
    cause        VARCHAR(1000) NOT NULL,
    attempts     INTEGER       NOT NULL,
    dead_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    replayed_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX consumer_dead_letters_consumer ON consumer_dead_letters (consumer, dead_at);
CREATE INDEX consumer_dead_letters_state ON consumer_dead_letters (state);

-- The notification service's own view of who may be told: each account's profile as sealed on the bus (account.opened,
-- profile.changed). It is opened only to render a message, so an erasure (a destroyed key) silences it at once.
CREATE TABLE notification_recipients (
    account_id       UUID    NOT NULL PRIMARY KEY,
    profile          BYTEA   NOT NULL,
    journal_sequence BIGINT  NOT NULL
);

-- Rendered messages waiting for delivery (SMS, e-mail or a webhook later): one per posting and customer account.
CREATE TABLE notification_outbox (
    notification_id UUID          NOT NULL PRIMARY KEY,
    event_id        VARCHAR(64)   NOT NULL,
    account_id      UUID          NOT NULL,
    language        VARCHAR(16)   NOT NULL,
    message         VARCHAR(2000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX notification_outbox_account ON notification_outbox (account_id, created_at);
