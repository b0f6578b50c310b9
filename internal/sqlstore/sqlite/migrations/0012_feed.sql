-- Batch pushes of public-information changes (按区域、行业批量推送). The
-- change feed reads records by seq; an institution following a few items
-- reads records_item_seq_idx instead of every row. Webhook subscriptions
-- carry their own cursor, retry schedule and failure count; each delivery
-- is logged with the exact body sent, so that a retry sends the same
-- message under the same webhook-id. The unique index on
-- (subscription_id, cursor_from) makes two processes that raced on one
-- page collide instead of delivering it twice.
CREATE INDEX records_item_seq_idx ON records (item_code, seq);

CREATE TABLE feed_subscriptions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    items TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL,
    status TEXT NOT NULL,
    cursor_seq BIGINT NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX feed_subscriptions_org_idx ON feed_subscriptions (org_id, created_at);
CREATE INDEX feed_subscriptions_due_idx ON feed_subscriptions (status, next_attempt_at);

CREATE TABLE feed_deliveries (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES feed_subscriptions (id),
    cursor_from BIGINT NOT NULL,
    cursor_to BIGINT NOT NULL,
    changes INTEGER NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_status INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_attempt_at TEXT,
    delivered_at TEXT
);
CREATE UNIQUE INDEX feed_deliveries_page_idx ON feed_deliveries (subscription_id, cursor_from);
CREATE INDEX feed_deliveries_status_idx ON feed_deliveries (subscription_id, status);
