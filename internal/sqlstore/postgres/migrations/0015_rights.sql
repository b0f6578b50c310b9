-- The information subject's remedies (issue 5): objections (异议申诉) and
-- credit repair (信用修复) with their step deadlines, the marks they put on
-- records (read by the gate on every release, one indexed read per
-- enterprise: the primary key's prefix; objections and repairs each upsert
-- only their own columns, so concurrent cases on one record do not undo
-- each other), and in-app notifications read by organization, newest first.
CREATE TABLE objections (
    id TEXT PRIMARY KEY,
    uscc TEXT NOT NULL,
    enterprise_org_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    provider_code TEXT NOT NULL,
    provider_org_id TEXT NOT NULL DEFAULT '',
    reasons TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    due_at TIMESTAMPTZ NOT NULL,
    escalated INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL DEFAULT '',
    outcome_note TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    filed_by TEXT NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ
);
CREATE INDEX objections_uscc_idx ON objections (uscc, created_at);
CREATE INDEX objections_provider_idx ON objections (provider_org_id, created_at);
-- At most one open objection and one pending or granted repair per record,
-- even when two requests race.
CREATE UNIQUE INDEX objections_open_idx ON objections (record_id) WHERE status IN ('filed', 'accepted', 'provider_check');
CREATE INDEX objections_due_idx ON objections (due_at) WHERE escalated = 0 AND status IN ('filed', 'accepted', 'provider_check');

CREATE TABLE repairs (
    id TEXT PRIMARY KEY,
    uscc TEXT NOT NULL,
    enterprise_org_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    provider_code TEXT NOT NULL,
    provider_org_id TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL,
    commitment TEXT NOT NULL,
    status TEXT NOT NULL,
    due_at TIMESTAMPTZ NOT NULL,
    escalated INTEGER NOT NULL DEFAULT 0,
    decision_note TEXT NOT NULL DEFAULT '',
    filed_by TEXT NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ
);
CREATE INDEX repairs_uscc_idx ON repairs (uscc, created_at);
CREATE INDEX repairs_provider_idx ON repairs (provider_org_id, created_at);
CREATE UNIQUE INDEX repairs_open_idx ON repairs (record_id) WHERE status IN ('pending', 'granted');
CREATE INDEX repairs_due_idx ON repairs (due_at) WHERE escalated = 0 AND status = 'pending';

CREATE TABLE record_marks (
    uscc TEXT NOT NULL,
    record_id TEXT NOT NULL,
    disputed INTEGER NOT NULL,
    repaired INTEGER NOT NULL,
    note TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (uscc, record_id)
);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    uscc TEXT NOT NULL,
    kind TEXT NOT NULL,
    case_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX notifications_org_idx ON notifications (org_id, created_at);
