-- The tables of notify's JDBC outbox journal (PostgreSQL 12 or later). Idempotent: run it on every upgrade; it
-- moves the rows of the single table of notify 0.1 (notify_outbox) into these tables, then replaces that table
-- with a view of the same name. Message content is stored as given in "message": restrict access to the tables
-- and encrypt the database where messages are sensitive. No secret of the settings is ever stored here.
--
-- notify_outbox_queue holds only the messages still to deliver, in three partitions used in turn (the ring): the
-- journal inserts into the current one and every few seconds moves what is left in the oldest one into the
-- current one and TRUNCATEs it. TRUNCATE frees its dead row versions at once, even while a long transaction
-- elsewhere holds back VACUUM. A finished message is moved to notify_outbox_done, which only grows by INSERT
-- until notify_outbox_done rows expire (keep_until). A finished SMS keeps the id its service gave it
-- (service_message_id; the parts' ids joined with commas for an SMS sent in parts) and the delivery status its
-- receipts reported last (delivery); indexes find it by its Message-ID or by any of its service's ids after a restart.
CREATE TABLE IF NOT EXISTS notify_outbox_queue (
    id              varchar(36)  NOT NULL,
    slot            smallint     NOT NULL,
    server_id       varchar(64),
    channel         varchar(8)   NOT NULL,
    message_id      varchar(512) NOT NULL,
    state           varchar(24)  NOT NULL,
    enqueued_at     timestamptz  NOT NULL,
    queued_since    timestamptz  NOT NULL,
    attempts        integer      NOT NULL,
    next_attempt_at timestamptz  NOT NULL,
    failure_class   varchar(24),
    reason          text,
    recipients      bytea        NOT NULL,
    lease_owner     varchar(128),
    lease_until     timestamptz,
    claim_gen       bigint       NOT NULL DEFAULT 0,
    format_version  smallint     NOT NULL,
    message         bytea,
    PRIMARY KEY (id, slot)
) PARTITION BY LIST (slot);
CREATE TABLE IF NOT EXISTS notify_outbox_queue_0 PARTITION OF notify_outbox_queue FOR VALUES IN (0);
CREATE TABLE IF NOT EXISTS notify_outbox_queue_1 PARTITION OF notify_outbox_queue FOR VALUES IN (1);
CREATE TABLE IF NOT EXISTS notify_outbox_queue_2 PARTITION OF notify_outbox_queue FOR VALUES IN (2);
CREATE INDEX IF NOT EXISTS notify_outbox_queue_due ON notify_outbox_queue (next_attempt_at);
CREATE INDEX IF NOT EXISTS notify_outbox_queue_message ON notify_outbox_queue (message_id);
CREATE TABLE IF NOT EXISTS notify_outbox_ring (
    one             smallint     PRIMARY KEY CHECK (one = 1),
    slot            smallint     NOT NULL,
    rotated_at      timestamptz  NOT NULL
);
INSERT INTO notify_outbox_ring VALUES (1, 0, clock_timestamp()) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS notify_outbox_done (
    id              varchar(36)  PRIMARY KEY,
    server_id       varchar(64),
    channel         varchar(8)   NOT NULL,
    message_id      varchar(512) NOT NULL,
    state           varchar(24)  NOT NULL,
    enqueued_at     timestamptz  NOT NULL,
    queued_since    timestamptz  NOT NULL,
    attempts        integer      NOT NULL,
    failure_class   varchar(24),
    reason          text,
    recipients      bytea        NOT NULL,
    finished_at     timestamptz  NOT NULL,
    keep_until      timestamptz  NOT NULL,
    claim_gen       bigint       NOT NULL,
    format_version  smallint     NOT NULL,
    message         bytea,
    service_message_id varchar(512),
    delivery        varchar(16)
);
-- Tables created before delivery receipts get their columns.
ALTER TABLE notify_outbox_done ADD COLUMN IF NOT EXISTS service_message_id varchar(512);
ALTER TABLE notify_outbox_done ADD COLUMN IF NOT EXISTS delivery varchar(16);
CREATE INDEX IF NOT EXISTS notify_outbox_done_keep ON notify_outbox_done (keep_until);
CREATE INDEX IF NOT EXISTS notify_outbox_done_message ON notify_outbox_done (message_id);
CREATE INDEX IF NOT EXISTS notify_outbox_done_service_message ON notify_outbox_done
    USING gin (string_to_array(service_message_id, ',')) WHERE service_message_id IS NOT NULL;
-- Per server (the global settings as ''), shared by every process: paused by an operator, held until a time (the
-- relay asked to slow down, or the budget is spent), and the rate budget that every process takes from under the
-- row's lock: when the next message is due at the pace of messages-per-minute, and the recipients taken per
-- five-minute bucket from day_from on, for recipients-per-day (at most 290 buckets).
CREATE TABLE IF NOT EXISTS notify_outbox_server (
    server_key      varchar(64)  PRIMARY KEY,
    paused          boolean      NOT NULL DEFAULT false,
    held_until      timestamptz,
    pace_at         timestamptz,
    day_from        timestamptz,
    day_recipients  integer[]
);
DO $migrate$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('notify_outbox') AND relkind = 'r') THEN
        INSERT INTO notify_outbox_queue (id, slot, server_id, channel, message_id, state, enqueued_at, queued_since,
                attempts, next_attempt_at, failure_class, reason, recipients, lease_owner, lease_until,
                format_version, message)
            SELECT id, (SELECT slot FROM notify_outbox_ring), server_id, channel, message_id, state, enqueued_at,
                queued_since, attempts, next_attempt_at, failure_class, reason, recipients, lease_owner, lease_until,
                format_version, message
            FROM notify_outbox WHERE state IN ('PENDING', 'RETRYING');
        INSERT INTO notify_outbox_done (id, server_id, channel, message_id, state, enqueued_at, queued_since,
                attempts, failure_class, reason, recipients, finished_at, keep_until, claim_gen, format_version,
                message)
            SELECT id, server_id, channel, message_id, state, enqueued_at, queued_since, attempts, failure_class,
                reason, recipients, finished_at, keep_until, 0, format_version, message
            FROM notify_outbox WHERE state NOT IN ('PENDING', 'RETRYING');
        DROP TABLE notify_outbox;
    END IF;
END
$migrate$;
CREATE OR REPLACE VIEW notify_outbox AS
    SELECT id, server_id, channel, message_id, state, enqueued_at, queued_since, attempts, next_attempt_at,
        failure_class, reason, NULL::timestamptz AS finished_at, NULL::timestamptz AS keep_until, lease_owner,
        lease_until FROM notify_outbox_queue
    UNION ALL
    SELECT id, server_id, channel, message_id, state, enqueued_at, queued_since, attempts, NULL, failure_class,
        reason, finished_at, keep_until, NULL, NULL FROM notify_outbox_done;
