-- The table of notify's JDBC outbox journal (PostgreSQL 9.5 or later: FOR UPDATE SKIP LOCKED).
-- Message content is stored as given in "message": restrict access to the table and encrypt the database
-- where messages are sensitive. No secret of the settings is ever stored here.
CREATE TABLE IF NOT EXISTS notify_outbox (
    id              varchar(36)  PRIMARY KEY,
    server_id       varchar(64),
    channel         varchar(8)   NOT NULL,
    message_id      varchar(512) NOT NULL,
    state           varchar(24)  NOT NULL,
    enqueued_at     timestamptz  NOT NULL,
    queued_since    timestamptz  NOT NULL,
    attempts        integer      NOT NULL,
    next_attempt_at timestamptz,
    failure_class   varchar(24),
    reason          text,
    recipients      bytea        NOT NULL,
    finished_at     timestamptz,
    keep_until      timestamptz,
    lease_owner     varchar(128),
    lease_until     timestamptz,
    format_version  smallint     NOT NULL,
    message         bytea
);
CREATE INDEX IF NOT EXISTS notify_outbox_due ON notify_outbox (next_attempt_at)
    WHERE state IN ('PENDING', 'RETRYING');
CREATE INDEX IF NOT EXISTS notify_outbox_keep ON notify_outbox (keep_until)
    WHERE keep_until IS NOT NULL;
