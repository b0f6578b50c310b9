-- Verification (数据核验): every ask an institution makes, so that the
-- daily limits and the threshold-walking guard count across all processes
-- sharing the database, and the alerts operators follow up. An ask holds
-- the parameters only by hash and never a value. verify_locks has one row
-- per (institution, enterprise), upserted first in the guard's
-- transaction: PostgreSQL serialises concurrent asks on that row lock,
-- SQLite has one writer.
CREATE TABLE verify_asks (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    uscc TEXT NOT NULL,
    template TEXT NOT NULL,
    params_hash TEXT NOT NULL,
    purpose TEXT NOT NULL,
    day TEXT NOT NULL,
    asked_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT '',
    audit_index BIGINT NOT NULL DEFAULT -1
);
CREATE INDEX verify_asks_pair_idx ON verify_asks (org_id, uscc, day);
CREATE INDEX verify_asks_template_idx ON verify_asks (org_id, uscc, template, asked_at);

CREATE TABLE verify_alerts (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    uscc TEXT NOT NULL,
    template TEXT NOT NULL,
    distinct_params INTEGER NOT NULL,
    window_from TEXT NOT NULL,
    created_at TEXT NOT NULL,
    ask_id TEXT NOT NULL REFERENCES verify_asks(id)
);
CREATE INDEX verify_alerts_created_idx ON verify_alerts (created_at);

CREATE TABLE verify_locks (
    org_id TEXT NOT NULL,
    uscc TEXT NOT NULL,
    asks BIGINT NOT NULL,
    PRIMARY KEY (org_id, uscc)
);
