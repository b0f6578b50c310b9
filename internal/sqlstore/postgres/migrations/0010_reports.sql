-- Register of issued credit reports (package report): number, content hash
-- and signature of every report, written in the same transaction as the
-- audit leaf of its issue, so that anyone can check a report by number and
-- hash. Nothing about the enterprise is kept here in clear.
CREATE TABLE reports (
    number TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    issued_at TIMESTAMPTZ NOT NULL,
    edition TEXT NOT NULL,
    requester_org_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    format TEXT NOT NULL,
    audit_idx BIGINT NOT NULL,
    signature TEXT NOT NULL
);
CREATE INDEX reports_requester_idx ON reports (requester_org_id, issued_at);
