-- notify settings store on PostgreSQL (9.5+). JdbcSettingsStore runs this on first use unless told not to;
-- every statement is idempotent. Grant the application SELECT, INSERT, UPDATE, DELETE on the four tables.

-- The version in force: one row, locked by every change set (SELECT ... FOR UPDATE), so changes are serial.
CREATE TABLE IF NOT EXISTS notify_settings_version (
    id      smallint PRIMARY KEY CHECK (id = 1),
    version bigint   NOT NULL
);
INSERT INTO notify_settings_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

-- The settings: full key (global, regions.<id>.*, servers.<id>.*) to stored text. A secret is its reference
-- (${env:NAME}, ${file:PATH}) or its AES-GCM ciphertext (${enc:v1:<key id>:<base64>}), never plain text.
CREATE TABLE IF NOT EXISTS notify_settings (
    setting_key text    PRIMARY KEY,
    position    integer NOT NULL,
    value       text    NOT NULL
);

-- The history: one row per version, and its changed keys with their stored text before and after.
CREATE TABLE IF NOT EXISTS notify_settings_history (
    version    bigint      PRIMARY KEY,
    changed_at timestamptz NOT NULL,
    author     text        NOT NULL,
    comment    text,
    kind       text        NOT NULL
);
CREATE TABLE IF NOT EXISTS notify_settings_change (
    version      bigint  NOT NULL REFERENCES notify_settings_history (version),
    position     integer NOT NULL,
    setting_key  text    NOT NULL,
    value_before text,
    value_after  text,
    secret       boolean NOT NULL,
    PRIMARY KEY (version, position)
);
