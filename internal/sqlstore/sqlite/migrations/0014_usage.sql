-- Usage feedback for data providers (信息使用情况反馈): how many accesses
-- released each provider's records, by month (Asia/Shanghai), accessing
-- organization, item, purpose and kind of use. A job fills the table from
-- the audit log; usage_cursor is the index of the next audit leaf to read,
-- moved in the same transaction as the counts it covers, so that a crash
-- or a second process can neither lose nor double a count. Pages read the
-- table by month and provider (the primary key's prefix).
CREATE TABLE usage_counts (
    month TEXT NOT NULL,
    provider_code TEXT NOT NULL,
    org_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    purpose TEXT NOT NULL,
    action TEXT NOT NULL,
    accesses BIGINT NOT NULL,
    PRIMARY KEY (month, provider_code, org_id, item_code, purpose, action)
);

CREATE TABLE usage_cursor (
    name TEXT PRIMARY KEY,
    next_index BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
