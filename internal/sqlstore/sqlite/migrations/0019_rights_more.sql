-- The subject's remedies, continued (issue 5): notifications are marked
-- read and say how they were delivered outside the app (e-mail, SMS);
-- rights_changes is the outbox of decided objections and granted repairs
-- that evaluations (score.follow), the change feed and peer nodes read by
-- sequence number; restructurings are the court-approved bankruptcy
-- restructuring (破产重整) annotations shown beside an enterprise.
ALTER TABLE notifications ADD COLUMN read_at TEXT;
ALTER TABLE notifications ADD COLUMN channels TEXT NOT NULL DEFAULT '';

CREATE TABLE rights_changes (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    uscc TEXT NOT NULL,
    record_id TEXT NOT NULL,
    item_code TEXT NOT NULL,
    provider_code TEXT NOT NULL,
    case_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    notified TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX rights_changes_uscc_idx ON rights_changes (uscc, seq);

CREATE TABLE restructurings (
    id TEXT PRIMARY KEY,
    uscc TEXT NOT NULL,
    court TEXT NOT NULL,
    case_no TEXT NOT NULL,
    approved_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX restructurings_uscc_idx ON restructurings (uscc, created_at);
