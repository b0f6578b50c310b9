-- Consent (package consent): the authorizations (授权) an enterprise gives
-- an access institution to read its authorized and verify-only credit
-- information, for one purpose, within one period. The scope is a
-- space-separated list of catalog item and category codes: it is always
-- read whole with its row and checked by the service, never queried by
-- code. Status is the stored state; expiry is also computed on every read,
-- so a row a sweep has not yet marked is never served as active. The
-- receipt is the signed note last issued for the row (grant or revocation).
CREATE TABLE authorizations (
    id TEXT PRIMARY KEY,
    enterprise_uscc TEXT NOT NULL,
    enterprise_org_id TEXT NOT NULL REFERENCES organizations (id),
    institution_org_id TEXT NOT NULL REFERENCES organizations (id),
    scope TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('pre_loan', 'post_loan', 'credit_granting', 'guarantee', 'insurance', 'other')),
    purpose_text TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL CHECK (mode IN ('one_time', 'period')),
    valid_from TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('requested', 'active', 'declined', 'revoked', 'expired', 'used')),
    requested_by TEXT NOT NULL DEFAULT '',
    granted_by TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ,
    receipt_note TEXT NOT NULL DEFAULT ''
);
-- The enterprise's list of what it granted, the institution's list of
-- what it holds, and the gate's question (this institution, this
-- enterprise, what is in force).
CREATE INDEX authorizations_enterprise_idx ON authorizations (enterprise_uscc, created_at);
CREATE INDEX authorizations_institution_idx ON authorizations (institution_org_id, created_at);
CREATE INDEX authorizations_check_idx ON authorizations (institution_org_id, enterprise_uscc, status);
-- The expiry sweep looks for rows still marked live whose period ended.
CREATE INDEX authorizations_status_until_idx ON authorizations (status, valid_until);
