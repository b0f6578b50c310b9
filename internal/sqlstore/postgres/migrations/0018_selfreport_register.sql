-- Real-name registration of enterprise accounts and self-reported
-- information with credit commitments (issue 5). Registrations keep how an
-- account was bound to its USCC (matched against the registration record,
-- or an operator's approval of uploaded proof, kept as base64 text so that
-- both engines store it alike). register_attempts counts failed matches
-- per USCC and per client address, so that ID numbers cannot be guessed by
-- trying; every process of a node reads the same counts. Self-reports keep
-- the signed commitment (信用承诺书) that came with each submission and the
-- record it became; contests are the operators' and providers' challenges.
CREATE TABLE registrations (
    id TEXT PRIMARY KEY,
    uscc TEXT NOT NULL,
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    username TEXT NOT NULL,
    method TEXT NOT NULL,
    status TEXT NOT NULL,
    rep_name TEXT NOT NULL DEFAULT '',
    proof_type TEXT NOT NULL DEFAULT '',
    proof TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ
);
CREATE INDEX registrations_uscc_idx ON registrations (uscc, created_at);
CREATE INDEX registrations_status_idx ON registrations (status, created_at);

CREATE TABLE register_attempts (
    id TEXT PRIMARY KEY,
    bucket TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX register_attempts_key_idx ON register_attempts (bucket, at);

CREATE TABLE self_reports (
    id TEXT PRIMARY KEY,
    uscc TEXT NOT NULL,
    org_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    item_code TEXT NOT NULL,
    record_id TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    commitment_version TEXT NOT NULL,
    commitment TEXT NOT NULL,
    submission_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX self_reports_uscc_idx ON self_reports (uscc, created_at);

CREATE TABLE self_report_contests (
    id TEXT PRIMARY KEY,
    self_report_id TEXT NOT NULL REFERENCES self_reports (id),
    uscc TEXT NOT NULL,
    org_id TEXT NOT NULL,
    filed_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    decision_note TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ
);
CREATE INDEX self_report_contests_report_idx ON self_report_contests (self_report_id, created_at);
CREATE UNIQUE INDEX self_report_contests_open_idx ON self_report_contests (self_report_id) WHERE status = 'open';
